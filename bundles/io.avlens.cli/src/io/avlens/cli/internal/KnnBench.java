package io.avlens.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.search.ApproximateIndex;
import io.avlens.analysis.search.BuildMonitor;
import io.avlens.analysis.search.ExactSearch;
import io.avlens.analysis.search.Metric;
import io.avlens.analysis.search.SearchHit;
import io.avlens.analysis.search.VectorTable;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;

/**
 * {@code avlens bench --knn}: exact k-NN (k = 10, inner product) over Gaussian float32 vectors, ours against FAISS
 * {@code IndexFlatIP} and NumPy run on the same {@code .npy} files in the same command ({@link KnnReference}):
 * single queries (median) and a batch (ms per query); and the approximate index on clustered unit vectors (a graph
 * index is meaningless on Gaussian noise), built with the reference's settings (M 16, beam 100), searched one query
 * at a time at several beams, with recall@10 against exact search on held-out queries.
 */
final class KnnBench {

    /** Sizes of the two data sets. */
    record Sizes(int rows, int dimension, int queries, int approximateRows, int clusters) {
        static final Sizes DEFAULT = new Sizes(1_000_000, 128, 1000, 100_000, 1000);
    }

    static final int K = 10;
    private static final int[] BEAMS = {10, 20, 40};

    private KnnBench() {
    }

    /** {@code bench --knn [--runs N] [--threads N]}: prints the JSON; N threads = 0 means one per core. */
    static int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        int runs = arguments.intValue("runs", 30, 1, 1000);
        int threads = arguments.intValue("threads", 0, 0, 256);
        try {
            context.printJson(run(Sizes.DEFAULT, runs, threads == 0 ? Runtime.getRuntime().availableProcessors()
                    : threads, context.err()));
            return 0;
        } catch (IOException e) {
            throw new CommandException("bench --knn: " + e.getMessage(), CommandException.INTERNAL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("bench --knn: interrupted");
        }
    }

    static JsonObject run(Sizes sizes, int runs, int threads, PrintStream err) throws IOException,
            InterruptedException {
        Path dir = Files.createTempDirectory("avlens-knn");
        try {
            JsonObject json = new JsonObject();
            json.add("exact", exact(sizes, runs, threads, dir, err));
            json.add("approximate", approximate(sizes, threads, err));
            return json;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static JsonObject exact(Sizes s, int runs, int threads, Path dir, PrintStream err) throws IOException,
            InterruptedException {
        int d = s.dimension();
        err.printf(Locale.ROOT, "bench --knn: %,d x %d Gaussian float32 vectors, %,d queries, k = %d, %d threads%n",
                s.rows(), d, s.queries(), K, threads);
        float[] base = gaussian(new Random(1), s.rows() * d);
        float[] q = gaussian(new Random(2), s.queries() * d);
        Npy.write(dir.resolve("base.npy"), FloatTensor.wrap(new int[] {s.rows(), d}, base));
        Npy.write(dir.resolve("queries.npy"), FloatTensor.wrap(new int[] {s.queries(), d}, q));
        float[][] queries = split(q, s.queries(), d);
        JsonObject o = new JsonObject();
        o.addProperty("rows", s.rows());
        o.addProperty("dimension", d);
        o.addProperty("k", K);
        o.addProperty("threads", threads);
        SearchHit[][] ours;
        JsonObject mine = new JsonObject();
        try (ExactSearch search = new ExactSearch(VectorTable.of(base, s.rows(), d), Metric.INNER_PRODUCT, threads,
                true)) {
            o.addProperty("kernel", search.usesVectorApi() ? "Vector API" : "scalar (no jdk.incubator.vector)");
            err.println("bench --knn: ours ...");
            for (int i = 0; i < 5; i++) {
                search.search(queries[i], K);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                search.search(queries[i % queries.length], K);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            mine.addProperty("singleMs", round(median(ms)));
            search.search(Arrays.copyOf(queries, Math.min(100, queries.length)), K);
            long t0 = System.nanoTime();
            ours = search.search(queries, K);
            mine.addProperty("batchMsPerQuery", round((System.nanoTime() - t0) / 1e6 / queries.length));
            mine.addProperty("batchQueries", queries.length);
        }
        o.add("ours", mine);
        base = null;
        err.println("bench --knn: FAISS and NumPy (" + KnnReference.python() + ") on the same files ...");
        JsonObject ref = KnnReference.run(dir, K, runs, 3, threads);
        o.add("reference", ref);
        JsonObject ratios = new JsonObject();
        ratio(ratios, "faissSingleOverOurs", ref, "faissSingleMs", mine, "singleMs");
        ratio(ratios, "numpySingleOverOurs", ref, "numpySingleMs", mine, "singleMs");
        ratio(ratios, "faissBatchOverOurs", ref, "faissBatchMsPerQuery", mine, "batchMsPerQuery");
        ratio(ratios, "numpyBatchOverOurs", ref, "numpyBatchMsPerQuery", mine, "batchMsPerQuery");
        o.add("ratios", ratios);
        Path faissIds = dir.resolve("faiss-ids.npy");
        if (Files.isRegularFile(faissIds)) {
            o.addProperty("agreementWithFaiss", round(agreement(ours, Npy.read(faissIds))));
        }
        return o;
    }

    private static JsonObject approximate(Sizes s, int threads, PrintStream err) {
        int d = s.dimension();
        int n = s.approximateRows();
        err.printf(Locale.ROOT, "bench --knn: approximate index over %,d x %d clustered unit vectors (%d clusters)"
                + " ...%n", n, d, s.clusters());
        VectorTable table = VectorTable.of(clustered(n, d, s.clusters(), 1), n, d);
        float[][] queries = split(clustered(s.queries(), d, s.clusters(), 2), s.queries(), d);
        long t0 = System.nanoTime();
        ApproximateIndex index = ApproximateIndex.build(table, Metric.INNER_PRODUCT,
                new ApproximateIndex.Settings(16, 100, 40), threads, new BuildMonitor() {
                    private long shown;

                    @Override
                    public void progress(String phase, long done, long total) {
                        if (done - shown >= total / 10 || done == total) {
                            shown = done;
                            err.printf(Locale.ROOT, "bench --knn: %s %,d / %,d%n", phase, done, total);
                        }
                    }
                });
        JsonObject o = new JsonObject();
        o.addProperty("rows", n);
        o.addProperty("dimension", d);
        o.addProperty("clusters", s.clusters());
        o.addProperty("queries", queries.length);
        o.addProperty("maxDegree", 16);
        o.addProperty("buildBeam", 100);
        o.addProperty("buildSeconds", round((System.nanoTime() - t0) / 1e9));
        o.addProperty("buildThreads", threads);
        SearchHit[][] truth;
        try (ExactSearch exact = new ExactSearch(table, Metric.INNER_PRODUCT, threads, true)) {
            truth = exact.search(queries, K);
        }
        JsonArray searches = new JsonArray();
        for (int beam : BEAMS) {
            for (int i = 0; i < Math.min(200, queries.length); i++) {
                index.search(queries[i], K, beam);
            }
            double found = 0;
            long start = System.nanoTime();
            SearchHit[][] hits = new SearchHit[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                hits[i] = index.search(queries[i], K, beam);
            }
            double ms = (System.nanoTime() - start) / 1e6 / queries.length;
            for (int i = 0; i < queries.length; i++) {
                found += overlap(hits[i], truth[i]);
            }
            JsonObject b = new JsonObject();
            b.addProperty("beam", beam);
            b.addProperty("msPerQuery", round(ms));
            b.addProperty("recallAt10", round(found / (K * (double) queries.length)));
            searches.add(b);
        }
        o.add("searches", searches);
        o.addProperty("searchThreads", 1);
        return o;
    }

    private static void ratio(JsonObject ratios, String name, JsonObject ref, String refKey, JsonObject mine,
            String key) {
        if (ref.has(refKey)) {
            ratios.addProperty(name, round(ref.get(refKey).getAsDouble() / mine.get(key).getAsDouble()));
        }
    }

    private static double agreement(SearchHit[][] ours, NpyArray faiss) {
        double same = 0;
        for (int i = 0; i < ours.length; i++) {
            long[] theirs = new long[K];
            for (int j = 0; j < K; j++) {
                theirs[j] = faiss.getLong(i * K + j);
            }
            for (SearchHit h : ours[i]) {
                same += Arrays.stream(theirs).anyMatch(t -> t == h.row()) ? 1 : 0;
            }
        }
        return same / (ours.length * (double) K);
    }

    private static int overlap(SearchHit[] a, SearchHit[] b) {
        int n = 0;
        for (SearchHit x : a) {
            for (SearchHit y : b) {
                n += x.row() == y.row() ? 1 : 0;
            }
        }
        return n;
    }

    /** Unit vectors around {@code clusters} Gaussian centres (fixed by a seed of their own), spread 0.5 per axis. */
    static float[] clustered(int n, int d, int clusters, long seed) {
        Random centres = new Random(12345);
        float[] c = gaussian(centres, clusters * d);
        Random rnd = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(clusters);
            double norm = 0;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (c[k * d + j] + 0.5 * rnd.nextGaussian());
                norm += v[i * d + j] * v[i * d + j];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < d; j++) {
                v[i * d + j] *= scale;
            }
        }
        return v;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static float[][] split(float[] v, int n, int d) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(v, i * d, (i + 1) * d);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
