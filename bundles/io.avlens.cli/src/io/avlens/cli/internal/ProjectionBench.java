package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.projection.ClusteredPoints;
import io.avlens.analysis.projection.Pca;
import io.avlens.analysis.projection.Points;
import io.avlens.analysis.projection.Projection;
import io.avlens.analysis.projection.ProjectionMonitor;
import io.avlens.analysis.projection.ProjectionQuality;
import io.avlens.analysis.projection.TsneOptions;
import io.avlens.analysis.projection.Umap;
import io.avlens.analysis.projection.UmapOptions;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;

/**
 * {@code avlens bench --projection}: our projections and the Python references (scikit-learn, umap-learn) on the
 * same points in one command: each one's time, our time over theirs, and both layouts' trustworthiness and kNN
 * preservation on the same sample.
 */
final class ProjectionBench {

    /** One projection to measure: ours, and the name of its reference in {@link ProjectionReferences#SCRIPT}. */
    record Entry(String name, Projection ours) {
    }

    /** The option's part of {@code avlens bench}'s help. */
    static final String HELP = """
            With --projection: {"points", "dimension", "data", "threads", "qualitySample", "qualityK", "pca":
            {...}, "umap": {...}}, each projection with our "seconds" (after a warm-up run on 2,000 of the
            points, as the references get), the reference's "referenceSeconds" (scikit-learn PCA, umap-learn UMAP with 15
            neighbours and min_dist 0.1, run by $AVLENS_PYTHON or python3 on the same points written as .npy,
            timed after a warm-up run on 2,000 of them), "ratio" (ours / theirs; null with "referenceSkipped"
            when the reference is not installed) and "trustworthiness", "knnPreservation" of both layouts on the
            same sample of points; "tsne": our t-SNE on all the points (kNN search and the rest timed apart, with
            CPU seconds) and, on the first 10,000 of them, ours beside scikit-learn's Barnes-Hut t-SNE with both
            scored by scikit-learn's trustworthiness and kNN preservation ("reference": {"n", "ours", "sklearn",
            "ratio": theirs / ours}). The points: --points N generated 64-D clustered points (default 100,000), or
            every vector of the embedding table --table DIR.
            """;

    private static final int QUALITY_K = 10;
    private static final int QUALITY_SAMPLE = 5000;
    private static final long SEED = 42;
    /** Points of the side-by-side t-SNE run with scikit-learn. */
    static final int TSNE_REFERENCE = 10_000;

    private ProjectionBench() {
    }

    /** The projections measured, in order (t-SNE joins here, with its reference in the script). */
    static List<Entry> entries(int threads) {
        return List.of(new Entry("pca", new Pca(threads)),
                new Entry("umap", new Umap(UmapOptions.defaults().withThreads(threads).withSeed(SEED))));
    }

    static JsonObject run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String table = arguments.value("table", null);
        Points points;
        String data;
        if (table != null) {
            Path dir = context.resolve(table);
            try {
                EmbeddingTable t = EmbeddingFiles.read(dir);
                points = new Points(t.size() * t.modalities().size(), t.dimension(), t.values());
                data = "embedding table " + dir + ": every item's " + t.modalities() + " vectors";
            } catch (IOException e) {
                throw new CommandException(e.getMessage(), CommandException.BAD_INPUT, e);
            }
        } else {
            int n = arguments.intValue("points", 100_000, 100, 10_000_000);
            points = ClusteredPoints.generate(n, 64, 20, SEED).points();
            data = "generated: 20 Gaussian clusters of unequal size and spread on an 8-D manifold mapped to 64-D";
        }
        return measure(points, data, ProjectionReferences::python, context);
    }

    /** Measures ours and, with the Python {@code python} finds (none: null), the references on the points. */
    static JsonObject measure(Points points, String data, Supplier<String> python, CommandContext context)
            throws CommandException {
        return measure(points, data, python, context,
                TsneOptions.defaults().withThreads(Runtime.getRuntime().availableProcessors()));
    }

    /** As {@link #measure(Points, String, Supplier, CommandContext)} with t-SNE's settings given (tests: fewer iterations). */
    static JsonObject measure(Points points, String data, Supplier<String> python, CommandContext context,
            TsneOptions tsneOptions) throws CommandException {
        int threads = Runtime.getRuntime().availableProcessors();
        JsonObject json = new JsonObject();
        json.addProperty("points", points.n());
        json.addProperty("dimension", points.d());
        json.addProperty("data", data);
        json.addProperty("threads", threads);
        json.addProperty("qualitySample", Math.min(QUALITY_SAMPLE, points.n()));
        json.addProperty("qualityK", QUALITY_K);
        Path temp = null;
        try {
            temp = Files.createTempDirectory("avlens-projection-bench");
            List<Entry> entries = entries(threads);
            List<float[]> layouts = new ArrayList<>();
            List<JsonObject> results = new ArrayList<>();
            for (Entry entry : entries) {
                context.err().println("bench: " + entry.name() + " of " + points.n() + " x " + points.d() + " ...");
                // warmed up on 2,000 of the points first, as the references are (compilation is not what we time)
                int few = Math.min(points.n(), 2000);
                entry.ours().project(new Points(few, points.d(), java.util.Arrays.copyOf(points.values(),
                        few * points.d())), ProjectionMonitor.NONE);
                long start = System.nanoTime();
                float[] xy = entry.ours().project(points, new Progress(context, entry.name()));
                double seconds = (System.nanoTime() - start) / 1e9;
                JsonObject o = new JsonObject();
                o.addProperty("seconds", round(seconds));
                layouts.add(xy);
                results.add(o);
            }
            references(points, entries, layouts, results, temp, python.get(), context);
            for (int i = 0; i < entries.size(); i++) {
                json.add(entries.get(i).name(), results.get(i));
            }
            // t-SNE apart: scikit-learn's Barnes-Hut needs ~16 minutes for 100,000 points here, so the side-by-side
            // run takes the first TSNE_REFERENCE points while ours is also timed on all of them
            context.err().println("bench: tsne of " + points.n() + " x " + points.d() + " (and scikit-learn on the"
                    + " first " + Math.min(TSNE_REFERENCE, points.n()) + ") ...");
            String interpreter = python.get();
            json.add("tsne", TsneBench.run(points, data, TSNE_REFERENCE, tsneOptions,
                    interpreter == null ? Path.of("/nonexistent/python3") : Path.of(interpreter),
                    new Progress(context, "tsne")));
            return json;
        } catch (IOException e) {
            throw new CommandException("bench: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("bench: interrupted");
        } finally {
            if (temp != null) {
                FileTrees.deleteQuietly(temp);
            }
        }
    }

    private static void references(Points points, List<Entry> entries, List<float[]> layouts,
            List<JsonObject> results, Path temp, String python, CommandContext context)
            throws IOException, InterruptedException {
        JsonObject ref = null;
        String missing = "no Python with NumPy and scikit-learn (set AVLENS_PYTHON, or install python3-sklearn "
                + "and umap-learn)";
        if (python != null) {
            Path file = temp.resolve("data.npy");
            Npy.write(file, FloatTensor.wrap(new int[] {points.n(), points.d()}, points.values()));
            context.err().println("bench: the references with " + python + " ...");
            ref = ProjectionReferences.run(python, file, temp, entries.stream().map(Entry::name).toList());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject o = results.get(i);
            String name = entries.get(i).name();
            context.err().println("bench: quality of " + name + " on " + Math.min(QUALITY_SAMPLE, points.n())
                    + " points ...");
            ProjectionQuality.Scores ours = ProjectionQuality.of(points, layouts.get(i), QUALITY_K, QUALITY_SAMPLE,
                    SEED, threads);
            o.addProperty("trustworthiness", round(ours.trustworthiness()));
            o.addProperty("knnPreservation", round(ours.knnPreservation()));
            JsonObject r = ref == null ? null : ref.getAsJsonObject(name);
            if (r == null || !r.has("seconds")) {
                o.addProperty("ratio", (Double) null);
                o.addProperty("referenceSkipped", r == null ? missing : r.get("skipped").getAsString());
                continue;
            }
            double theirs = r.get("seconds").getAsDouble();
            float[] xy = Npy.read(temp.resolve(name + ".npy")).toFloatTensor().toArray();
            ProjectionQuality.Scores s = ProjectionQuality.of(points, xy, QUALITY_K, QUALITY_SAMPLE, SEED, threads);
            o.addProperty("reference", r.get("reference").getAsString());
            o.addProperty("referenceSeconds", round(theirs));
            o.addProperty("ratio", round(o.get("seconds").getAsDouble() / theirs));
            o.addProperty("referenceTrustworthiness", round(s.trustworthiness()));
            o.addProperty("referenceKnnPreservation", round(s.knnPreservation()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Prints a projection's phase and every tenth of its progress on stderr. */
    private static final class Progress implements ProjectionMonitor {

        private final CommandContext context;
        private final String name;
        private String phase;
        private long tenth = -1;

        Progress(CommandContext context, String name) {
            this.context = context;
            this.name = name;
        }

        @Override
        public void progress(String what, long done, long total) {
            long t = total == 0 ? 10 : done * 10 / total;
            if (!what.equals(phase) || t != tenth) {
                phase = what;
                tenth = t;
                context.err().println(String.format(Locale.ROOT, "bench: %s: %s, %d%%", name, what, t * 10));
            }
        }
    }
}
