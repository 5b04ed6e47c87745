package io.avlens.analysis.search;

import io.avlens.core.io.AtomicFiles;
import io.github.jbellis.jvector.disk.SimpleReader;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.diversity.VamanaDiversityProvider;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * An approximate nearest-neighbour index over a {@link VectorTable}: a jvector graph (HNSW-like layers over a
 * Vamana graph). Search follows the graph with a beam and scores the candidates exactly, so the scores it returns
 * are the same as {@link ExactSearch}'s for the rows it finds; only rows can be missed. The graph is saved without
 * the vectors, which stay in their table. Searching is thread-safe.
 */
public final class ApproximateIndex {

    /**
     * How the graph is built and searched.
     *
     * @param maxDegree  neighbours per node (jvector's M)
     * @param buildBeam  candidates considered when linking a node
     * @param searchBeam candidates followed by a search (≥ k); higher finds more of the true neighbours, slower
     */
    public record Settings(int maxDegree, int buildBeam, int searchBeam) {

        /** M 16, beam 100 to build, 40 to search. */
        public static final Settings DEFAULT = new Settings(16, 100, 40);

        public Settings {
            if (maxDegree < 2 || buildBeam < 1 || searchBeam < 1) {
                throw new IllegalArgumentException("index settings must be positive (degree >= 2): " + maxDegree
                        + ", " + buildBeam + ", " + searchBeam);
            }
        }
    }

    /** jvector announces its SIMD choice at INFO on stderr, which would mix into every command's messages. */
    private static final Logger JVECTOR_LOG = quiet(Logger.getLogger("io.github.jbellis.jvector"));
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final float OVERFLOW = 1.2f;
    private static final float ALPHA = 1.2f;
    private static final int CHUNK = 2048;

    private final VectorTable table;
    private final Metric metric;
    private final Settings settings;
    private final OnHeapGraphIndex graph;
    private final RandomAccessVectorValues vectors;
    private final ThreadLocal<GraphSearcher> searchers;

    private ApproximateIndex(VectorTable table, Metric metric, Settings settings, OnHeapGraphIndex graph,
            RandomAccessVectorValues vectors) {
        this.table = table;
        this.metric = metric;
        this.settings = settings;
        this.graph = graph;
        this.vectors = vectors;
        this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph));
    }

    /**
     * Builds the graph on {@code threads} threads, reporting rows linked and stopping when the monitor cancels.
     *
     * @throws CancellationException when the monitor cancelled
     */
    public static ApproximateIndex build(VectorTable table, Metric metric, Settings settings, int threads,
            BuildMonitor monitor) {
        VectorTable t = metric == Metric.COSINE ? table.normalized() : table;
        RandomAccessVectorValues ravv = vectorsOf(t);
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(ravv,
                VectorSimilarityFunction.DOT_PRODUCT);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try (GraphIndexBuilder builder = new GraphIndexBuilder(scores, t.dimension(), settings.maxDegree(),
                settings.buildBeam(), OVERFLOW, ALPHA, true, false, pool, pool)) {
            for (int from = 0; from < t.rows(); from += CHUNK) {
                if (monitor.cancelled()) {
                    throw new CancellationException("index build cancelled");
                }
                int to = Math.min(t.rows(), from + CHUNK);
                int a = from;
                pool.submit(() -> IntStream.range(a, to).parallel().forEach(i -> builder.addGraphNode(i, ravv))).get();
                monitor.progress("linking rows", to, t.rows());
            }
            monitor.progress("refining the graph", 0, 1);
            builder.cleanup();
            return new ApproximateIndex(t, metric, settings, (OnHeapGraphIndex) builder.getGraph(), ravv);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("index build interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Loads a graph saved by {@link #save} for the same table.
     *
     * @throws IOException naming the file when it cannot be read or does not belong to a table of this size
     */
    public static ApproximateIndex load(Path file, VectorTable table, Metric metric, Settings settings)
            throws IOException {
        VectorTable t = metric == Metric.COSINE ? table.normalized() : table;
        RandomAccessVectorValues ravv = vectorsOf(t);
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(ravv,
                VectorSimilarityFunction.DOT_PRODUCT);
        OnHeapGraphIndex graph;
        try (SimpleReader reader = new SimpleReader(file)) {
            graph = OnHeapGraphIndex.load(reader, t.dimension(), OVERFLOW, new VamanaDiversityProvider(scores, ALPHA));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable jvector graph (" + e.getMessage() + ")", e);
        }
        if (graph.size(0) != t.rows() || graph.getIdUpperBound() != t.rows()) {
            throw new IOException(file + ": the graph has " + graph.size(0) + " nodes, the table " + t.rows()
                    + " rows; build the index again");
        }
        return new ApproximateIndex(t, metric, settings, graph, ravv);
    }

    /** Writes the graph (not the vectors) atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            graph.save(data);
            data.flush();
        });
    }

    /** The k rows the graph finds nearest to {@code query}, best first, with exact scores (ties: lower row first). */
    public SearchHit[] search(float[] query, int k) {
        return search(query, k, settings.searchBeam());
    }

    /** The same with another search beam (candidates followed, at least k) than the index's settings. */
    public SearchHit[] search(float[] query, int k, int beam) {
        if (query.length != table.dimension()) {
            throw new IllegalArgumentException("the query has " + query.length + " values; the table has dimension "
                    + table.dimension());
        }
        float[] q = query.clone();
        if (metric == Metric.COSINE) {
            VectorTable.normalize(q, 0, q.length);
        }
        int kk = Math.min(k, table.rows());
        SearchResult result = searchers.get().search(
                DefaultSearchScoreProvider.exact(VTS.createFloatVector(q), VectorSimilarityFunction.DOT_PRODUCT,
                        vectors), kk, Math.max(kk, beam), 0f, 0f, Bits.ALL);
        List<SearchHit> hits = new ArrayList<>();
        for (SearchResult.NodeScore n : result.getNodes()) {
            hits.add(new SearchHit(n.node, ScalarScanKernel.dot(table.values(), n.node * table.dimension(), q, 0,
                    table.dimension())));
        }
        hits.sort(Comparator.comparing(SearchHit::score).reversed().thenComparingInt(SearchHit::row));
        return hits.toArray(SearchHit[]::new);
    }

    /**
     * The share of each query's exact k nearest rows that the index finds in its k, averaged over the queries.
     */
    public double recall(ExactSearch exact, float[][] queries, int k) {
        SearchHit[][] truth = exact.search(queries, k);
        double sum = 0;
        for (int i = 0; i < queries.length; i++) {
            int[] want = Arrays.stream(truth[i]).mapToInt(SearchHit::row).sorted().toArray();
            int found = 0;
            for (SearchHit h : search(queries[i], k)) {
                found += Arrays.binarySearch(want, h.row()) >= 0 ? 1 : 0;
            }
            sum += (double) found / want.length;
        }
        return sum / queries.length;
    }

    public Settings settings() {
        return settings;
    }

    public Metric metric() {
        return metric;
    }

    public int rows() {
        return table.rows();
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private static RandomAccessVectorValues vectorsOf(VectorTable t) {
        List<VectorFloat<?>> list = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            list.add(VTS.createFloatVector(t.row(r)));
        }
        return new ListRandomAccessVectorValues(list, t.dimension());
    }
}
