package io.avlens.cli.internal;

import com.google.gson.JsonObject;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.FileTrees;
import io.avlens.inference.InferenceException;
import io.avlens.models.BuiltinModels;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyDescriptor;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.models.difffoley.GenerationBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code avlens bench --generate}: {@link GenerationBenchmark} on diff-foley-small from the models folder (its
 * shipped weights installed first), or on untrained weights of its sizes when it is not there (the work is the
 * same); one sample and a batch of 4 cells, with the phases. Stateless.
 */
final class GenerationBench {

    /** Cells of the batch timing. */
    static final int BATCH = 4;

    private GenerationBench() {
    }

    static JsonObject run(ParsedArguments arguments, CommandContext context, BuiltinModels builtin)
            throws CommandException {
        int runs = arguments.intValue("runs", 3, 1, 100);
        int threads = arguments.intValue("threads", 0, 0, 256);
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        Path temp = null;
        try {
            Path descriptor;
            String weights;
            var entry = Files.isDirectory(folder) ? ModelFolders.scan(folder).byId(DiffFoleyDescriptor.MODEL_ID)
                    : java.util.Optional.<io.avlens.inference.descriptor.ModelCatalog.Entry>empty();
            if (entry.isPresent()) {
                descriptor = entry.get().file();
                weights = descriptor.toString();
            } else {
                temp = Files.createTempDirectory("avlens-bench-generate");
                descriptor = DiffFoleyWeights.random(DiffFoleyConfig.small(), temp, 1);
                weights = "untrained (" + DiffFoleyDescriptor.MODEL_ID + " is not in " + folder + ")";
            }
            JsonObject o = new JsonObject();
            o.addProperty("model", weights);
            try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.small(), threads)) {
                context.err().println("bench: one 25-step double-guided 4 s sample, " + runs + " runs ...");
                o.add("single", json(GenerationBenchmark.run(model.generator(), 1, runs)));
                context.err().println("bench: a batch of " + BATCH + " samples, " + runs + " runs ...");
                o.add("batch", json(GenerationBenchmark.run(model.generator(), BATCH, runs)));
            }
            JsonObject out = new JsonObject();
            out.add("generate", o);
            return out;
        } catch (IOException | InferenceException e) {
            throw new CommandException("bench --generate: " + e.getMessage());
        } finally {
            if (temp != null) {
                FileTrees.deleteQuietly(temp);
            }
        }
    }

    private static JsonObject json(GenerationBenchmark.Timing t) {
        JsonObject o = new JsonObject();
        o.addProperty("cells", t.cells());
        o.addProperty("videoFeaturesMs", round(t.videoMs()));
        o.addProperty("samplerMs", round(t.samplerMs()));
        o.addProperty("griffinLimMs", round(t.griffinLimMs()));
        o.addProperty("metricsMs", round(t.metricsMs()));
        o.addProperty("totalMs", round(t.totalMs()));
        o.addProperty("perSampleMs", round(t.perSampleMs()));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
