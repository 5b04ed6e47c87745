package io.avlens.models.cavp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avlens.core.io.FileTrees;
import io.avlens.inference.InferenceException;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The command line of {@link CavpSimilarity#main}: options, exit status, one JSON line. Stateless. */
final class CavpSimilarityCommand {

    private CavpSimilarityCommand() {
    }

    /** Runs the command; returns the exit status (0, 1 when the model fails, 2 on bad input). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path clip = null;
        Path model = null;
        Path npy = null;
        double maxLag = CavpSimilarityTask.DEFAULT_MAX_LAG_SECONDS;
        int threads = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--clip" -> clip = Path.of(need(args[i], value));
                    case "--model" -> model = Path.of(need(args[i], value));
                    case "--out" -> npy = Path.of(need(args[i], value));
                    case "--max-lag" -> maxLag = Double.parseDouble(need(args[i], value));
                    case "--threads" -> threads = Integer.parseInt(need(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (clip == null) {
                throw new IllegalArgumentException("--clip FILE is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("cavp-similarity: " + e.getMessage() + "\nusage: CavpSimilarity --clip FILE"
                    + " [--model DESCRIPTOR.json] [--max-lag S] [--out S.npy] [--threads N]");
            return 2;
        }
        Path models = DjlSetup.dataFolder(System::getenv, System::getProperty).resolve("models");
        try (CavpSimilarity cavp = model != null ? CavpSimilarity.open(model, threads)
                : CavpSimilarity.shipped(models, threads)) {
            Path scratch = Files.createTempDirectory("avlens-cavp-");
            CavpSimilarity.Result r;
            try {
                r = cavp.compute(clip, maxLag, scratch);
                if (npy != null) {
                    Path parent = npy.toAbsolutePath().getParent();
                    Files.createDirectories(parent);
                    Files.copy(scratch.resolve("similarity.npy"), npy, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                FileTrees.deleteQuietly(scratch);
            }
            out.println(json(r));
            return 0;
        } catch (TaskException e) {
            err.println("cavp-similarity: " + e.getMessage());
            return 2;
        } catch (InferenceException | IOException | RuntimeException e) {
            err.println("cavp-similarity: " + e.getMessage());
            return 1;
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static JsonObject json(CavpSimilarity.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("lagSeconds", r.lagSeconds());
        o.addProperty("confidence", r.confidence());
        JsonArray shape = new JsonArray();
        for (int d : r.volume().shape()) {
            shape.add(d);
        }
        o.add("shape", shape);
        JsonObject metrics = new JsonObject();
        r.metrics().forEach(metrics::addProperty);
        o.add("metrics", metrics);
        JsonArray warnings = new JsonArray();
        r.warnings().forEach(warnings::add);
        o.add("warnings", warnings);
        return o;
    }
}
