package io.avlens.models.denseav;

import com.google.gson.JsonObject;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.InferenceException;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The command line of {@link DenseAvHeatmaps#main}: options, exit status (0; 2 for bad arguments or a clip the model
 * cannot take; 1 when the model fails), one JSON line on {@code out}, messages on {@code err}. Stateless.
 */
public final class DenseAvHeatmapsCommand {

    private DenseAvHeatmapsCommand() {
    }

    /** Runs the command; returns the exit status (0, 1 when the model fails, 2 on bad input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path clip = null;
        Path model = null;
        Path folder = null;
        int threads = 0;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--clip" -> clip = Path.of(need(args[i], value));
                    case "--model" -> model = Path.of(need(args[i], value));
                    case "--out" -> folder = Path.of(need(args[i], value));
                    case "--threads" -> threads = Integer.parseInt(need(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (clip == null || folder == null) {
                throw new IllegalArgumentException("--clip FILE and --out DIR are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("denseav-heatmaps: " + e.getMessage() + "\nusage: DenseAvHeatmaps --clip FILE --out DIR"
                    + " [--model DESCRIPTOR.json] [--threads N]");
            return 2;
        }
        Path models = DjlSetup.dataFolder(System::getenv, System::getProperty).resolve("models");
        try (DenseAvHeatmaps dense = model != null ? DenseAvHeatmaps.open(model, threads)
                : DenseAvHeatmaps.shipped(models, threads)) {
            DenseAvHeatmaps.Result r = dense.compute(clip, folder);
            out.println(json(r));
            return 0;
        } catch (TaskException e) {
            err.println("denseav-heatmaps: " + e.getMessage());
            return 2;
        } catch (InferenceException | IOException | RuntimeException e) {
            err.println("denseav-heatmaps: " + e.getMessage());
            return 1;
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static JsonObject json(DenseAvHeatmaps.Result r) {
        DenseFeatures f = r.features();
        JsonObject o = new JsonObject();
        o.addProperty("frames", f.frames());
        o.addProperty("heads", f.heads());
        o.addProperty("channels", f.channels());
        o.addProperty("h", f.height());
        o.addProperty("w", f.width());
        o.addProperty("freqs", f.freqs());
        o.addProperty("steps", f.steps());
        o.addProperty("frameStep", f.frameTime().step());
        o.addProperty("audioStep", f.audioTime().step());
        JsonObject metrics = new JsonObject();
        r.metrics().forEach(metrics::addProperty);
        o.add("metrics", metrics);
        return o;
    }
}
