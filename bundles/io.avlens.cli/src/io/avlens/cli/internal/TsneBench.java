package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.projection.KnnGraph;
import io.avlens.analysis.projection.KnnGraphs;
import io.avlens.analysis.projection.Points;
import io.avlens.analysis.projection.ProjectionMonitor;
import io.avlens.analysis.projection.Tsne;
import io.avlens.analysis.projection.TsneOptions;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;

/**
 * t-SNE's speed and quality for {@code avlens bench --projection}: our {@link Tsne} on n points (20 Gaussian
 * clusters in d dimensions, seeded), the kNN search ({@link KnnGraphs#automatic}) timed apart from the rest
 * (affinities, start and gradient descent); then, on the first {@code referenceN} of those points, ours again and
 * scikit-learn's Barnes-Hut t-SNE (its defaults: perplexity 30, PCA start, automatic learning rate, 1000
 * iterations) in the same command, both scored there by {@code sklearn.manifold.trustworthiness} and the share of
 * the 10 nearest neighbours kept (k = 10). Each figure says which n it ran at.
 */
final class TsneBench {

    static final int CLUSTERS = 20;
    private static final long SEED = 1;

    private static final String REFERENCE_SCRIPT = """
            import json, sys, time
            import numpy as np
            import sklearn
            from sklearn.manifold import TSNE, trustworthiness
            from sklearn.neighbors import NearestNeighbors
            x = np.load(sys.argv[1]); ours = np.load(sys.argv[2])
            t0 = time.perf_counter()
            theirs = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0)\\
                .fit_transform(x)
            seconds = time.perf_counter() - t0
            def kept(y, k=10):
                high = NearestNeighbors(n_neighbors=k + 1).fit(x).kneighbors(x, return_distance=False)[:, 1:]
                low = NearestNeighbors(n_neighbors=k + 1).fit(y).kneighbors(y, return_distance=False)[:, 1:]
                return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(high, low)]))
            print(json.dumps({"sklearnVersion": sklearn.__version__, "sklearnSeconds": seconds,
                "trustworthiness": {"ours": float(trustworthiness(x, ours, n_neighbors=10)),
                                    "sklearn": float(trustworthiness(x, theirs, n_neighbors=10))},
                "knnPreservation": {"ours": kept(ours), "sklearn": kept(theirs)}}))
            """;

    private TsneBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param n          points of our timed run (100,000 in the target)
     * @param d          their dimension (64)
     * @param referenceN points of the side-by-side run with scikit-learn (at most n; 10,000: its Barnes-Hut needs
     *                   16 minutes for 100,000 here)
     * @param options    our t-SNE's settings (threads included)
     * @param python     the interpreter with scikit-learn, or null for {@link #python()}
     */
    static JsonObject run(int n, int d, int referenceN, TsneOptions options, Path python, ProjectionMonitor monitor)
            throws IOException {
        return run(clusters(n, d, SEED), CLUSTERS + " Gaussian clusters in " + d + "-D (centres N(0, 1.5^2), spreads"
                + " 0.6-1.4, seed " + SEED + "); the reference run takes the first points", referenceN, options, python,
                monitor);
    }

    /**
     * Runs the benchmark on given points (e.g. those {@code avlens bench --projection} times PCA and UMAP on); the
     * reference run takes the first {@code referenceN} of them.
     */
    static JsonObject run(Points points, String data, int referenceN, TsneOptions options, Path python,
            ProjectionMonitor monitor) throws IOException {
        int n = points.n();
        int d = points.d();
        JsonObject json = new JsonObject();
        json.addProperty("data", data);
        json.addProperty("threads", options.threads());
        json.addProperty("iterations", options.iterations());
        json.add("ours", timed(points, options, monitor, null));
        int m = Math.min(referenceN, n);
        JsonObject reference = new JsonObject();
        reference.addProperty("n", m);
        Points subset = new Points(m, d, Arrays.copyOf(points.values(), m * d));
        float[][] layout = new float[1][];
        reference.add("ours", timed(subset, options, monitor, layout));
        Path folder = Files.createTempDirectory("avlens-tsne-bench");
        try {
            Path x = folder.resolve("x.npy");
            Path ours = folder.resolve("ours.npy");
            Npy.write(x, FloatTensor.wrap(new int[] {m, d}, subset.values()));
            Npy.write(ours, FloatTensor.wrap(new int[] {m, 2}, layout[0]));
            Path interpreter = python != null ? python : python();
            reference.add("sklearn", sklearn(interpreter, x, ours, options.threads()));
            JsonObject sk = reference.getAsJsonObject("sklearn");
            if (sk.has("sklearnSeconds")) {
                reference.addProperty("ratio", Math.round(sk.get("sklearnSeconds").getAsDouble()
                        / reference.getAsJsonObject("ours").get("seconds").getAsDouble() * 100) / 100.0);
            }
        } finally {
            FileTrees.delete(folder);
        }
        json.add("reference", reference);
        return json;
    }

    /** Our run on these points: kNN and the rest timed apart; the layout into {@code layout[0]} when asked. */
    private static JsonObject timed(Points points, TsneOptions options, ProjectionMonitor monitor,
            float[][] layout) {
        int k = Math.min(points.n() - 1, (int) Math.round(3 * options.perplexity()));
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        KnnGraph graph = KnnGraphs.automatic(options.threads(), options.seed()).build(points, k, monitor);
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        float[] xy = new Tsne(options, (p, kk, m) -> graph).project(points, monitor);
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        if (layout != null) {
            layout[0] = xy;
        }
        JsonObject o = new JsonObject();
        o.addProperty("n", points.n());
        o.addProperty("knnSeconds", seconds(t1 - t0));
        o.addProperty("knn", KnnGraphs.describe(points.n(), k) + ", k = " + k);
        o.addProperty("gradientSeconds", seconds(t2 - t1));
        o.addProperty("gradient", "affinities, PCA start and " + options.iterations() + " iterations (FIt-SNE"
                + " interpolation)");
        o.addProperty("seconds", seconds(t2 - t0));
        if (c0 >= 0 && c2 >= 0) {
            o.addProperty("knnCpuSeconds", seconds(c1 - c0));
            o.addProperty("gradientCpuSeconds", seconds(c2 - c1));
            o.addProperty("cpu", "CPU time of the whole process in each phase, all threads: on a busy machine"
                    + " cpuSeconds / threads estimates the wall time a quiet one would give");
        }
        return o;
    }

    /** CPU time of this process so far, or −1 where the platform does not say. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static JsonObject sklearn(Path python, Path x, Path ours, int threads) {
        JsonObject o = new JsonObject();
        o.addProperty("python", python.toString());
        try {
            List<String> command = new ArrayList<>(List.of(python.toString(), "-c", REFERENCE_SCRIPT, x.toString(),
                    ours.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || out.isEmpty()) {
                o.addProperty("available", false);
                o.addProperty("reason", python + " could not run scikit-learn's t-SNE (exit " + process.exitValue()
                        + "; install python3-sklearn or set AVLENS_PYTHON)");
                return o;
            }
            String last = out.substring(out.lastIndexOf('\n') + 1);
            JsonObject result = JsonParser.parseString(last).getAsJsonObject();
            result.addProperty("available", true);
            result.addProperty("method", "sklearn.manifold.TSNE, Barnes-Hut, perplexity 30, init pca, learning rate"
                    + " auto, 1000 iterations, OMP_NUM_THREADS=" + threads);
            result.addProperty("python", python.toString());
            return result;
        } catch (IOException e) {
            o.addProperty("available", false);
            o.addProperty("reason", python + " could not be started: " + e.getMessage());
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o.addProperty("available", false);
            o.addProperty("reason", "interrupted");
            return o;
        }
    }

    /**
     * {@code AVLENS_PYTHON}, else Debian's {@code /usr/bin/python3} (where {@code python3-sklearn} installs), else
     * {@code python3} on the path.
     */
    static Path python() {
        String set = System.getenv("AVLENS_PYTHON");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path debian = Path.of("/usr/bin/python3");
        return Files.isExecutable(debian) ? debian : Path.of("python3");
    }

    /**
     * n points in {@value #CLUSTERS} Gaussian clusters in d dimensions: point i belongs to cluster i mod
     * {@value #CLUSTERS} (so any prefix is balanced), centres drawn from N(0, 1.5²) per coordinate, each cluster's
     * spread between 0.6 and 1.4.
     */
    static Points clusters(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[CLUSTERS][d];
        double[] spread = new double[CLUSTERS];
        for (int c = 0; c < CLUSTERS; c++) {
            for (int j = 0; j < d; j++) {
                centres[c][j] = 1.5 * random.nextGaussian();
            }
            spread[c] = 0.6 + 0.8 * random.nextDouble();
        }
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % CLUSTERS;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (centres[c][j] + spread[c] * random.nextGaussian());
            }
        }
        return new Points(n, d, v);
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
