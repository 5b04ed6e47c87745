package io.avlens.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.models.cavp.CavpTrainer;
import io.avlens.models.cavp.TrainSpec;
import io.avlens.models.cavp.TrainingMonitor;
import io.avlens.models.cavp.TrainingProgress;
import io.avlens.models.cavp.TrainingResult;

/** {@code avlens train --family cavp --data DIR --out DIR}: trains (or resumes) CAVP-small on an AV-Shapes folder. */
@Component(service = CliCommand.class)
public class TrainCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("train",
            "train a built-in model (CAVP-small) on an AV-Shapes dataset, resumable",
            """
            Trains the family's network on the in-sync clips (lagSeconds 0) of DIR (an `avlens synth` folder:
            DIR/media/clip-*.mp4; decoded frames and log-mel are cached under DIR/cache/<profile>/) into OUT:
            checkpoint.bin every --checkpoint-every steps, loss.csv, and at the end cavp-small.params with its
            descriptor cavp-small.json (the AV Lens model format; `avlens eval --model OUT/cavp-small.json`).
            Running again with the same OUT continues from its checkpoint (same --seed), ending with the weights an
            uninterrupted run gives; a larger --steps extends a finished run (the learning-rate schedule is then that
            of the new --steps). Prints {"family", "out", "weights",
            "descriptor", "lossCurve", "steps", "seed", "batch", "resumedFrom" (the checkpoint's step, 0 for a fresh
            run), "finalLoss", "temperature", "seconds"}; a progress
            bar goes to stderr. A folder without clips, or with fewer in-sync clips than a batch: exit 2.
            """,
            List.of(OptionSpec.required("family", "NAME", "the model family; only cavp is built in"),
                    OptionSpec.required("data", "DIR", "the AV-Shapes dataset folder"),
                    OptionSpec.required("out", "DIR", "where weights, checkpoint and loss curve go"),
                    OptionSpec.optional("steps", "N", "optimizer steps in all (default 2500)"),
                    OptionSpec.optional("seed", "S", "seeds weights and batches (default 1)"),
                    OptionSpec.optional("batch", "N", "clips per batch, 2-256 (default 16)"),
                    OptionSpec.optional("checkpoint-every", "N", "steps between checkpoints (default 200)")),
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String family = arguments.required("family");
        if (!family.equals("cavp")) {
            throw new CommandException("train: unknown family '" + family + "'; the built-in family is cavp");
        }
        Path data = context.resolve(arguments.required("data"));
        Path out = context.resolve(arguments.required("out"));
        if (!Files.isDirectory(data)) {
            throw new CommandException(data + ": no such folder (expected an AV-Shapes dataset, see `avlens synth`)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandException(out + ": is a file, not a folder to train into");
        }
        int steps = arguments.intValue("steps", 2500, 1, 10_000_000);
        long seed = arguments.intValue("seed", 1, 0, Integer.MAX_VALUE);
        TrainSpec defaults = TrainSpec.defaults(steps, seed);
        TrainSpec spec;
        try {
            spec = new TrainSpec(defaults.config(), steps, arguments.intValue("batch", defaults.batchSize(), 2, 256),
                    defaults.learningRate(), defaults.warmupSteps(), defaults.lambda(), defaults.maxLagSteps(),
                    defaults.mergeProbability(), seed,
                    arguments.intValue("checkpoint-every", defaults.checkpointEvery(), 1, 10_000_000),
                    defaults.logEvery());
        } catch (IllegalArgumentException e) {
            throw new CommandException("train: " + e.getMessage());
        }
        try {
            int resumedFrom = CavpTrainer.checkpointStep(out);
            if (resumedFrom >= 0) {
                context.err().println("train: resuming from the checkpoint of step " + resumedFrom + " in " + out);
            }
            ProgressBar bar = new ProgressBar(context.err());
            TrainingResult r = new CavpTrainer().train(spec, data, out, bar);
            bar.end();
            JsonObject json = new JsonObject();
            json.addProperty("family", family);
            json.addProperty("out", out.toString());
            json.addProperty("weights", r.weights().toString());
            json.addProperty("descriptor", r.descriptor().toString());
            json.addProperty("lossCurve", r.lossCurve().toString());
            json.addProperty("steps", r.steps());
            json.addProperty("seed", seed);
            json.addProperty("batch", spec.batchSize());
            json.addProperty("resumedFrom", Math.max(0, resumedFrom));
            json.addProperty("finalLoss", ModelTasks.number(bar.lastLoss));
            json.addProperty("temperature", ModelTasks.number(bar.lastTemperature));
            json.addProperty("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            context.printJson(json);
            return 0;
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** A one-line bar on stderr with the latest loss, redrawn at every report, ended by a newline. */
    private static final class ProgressBar implements TrainingMonitor {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private boolean open;
        double lastLoss = Double.NaN;
        double lastTemperature = Double.NaN;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void progress(TrainingProgress p) {
            if (p.phase().equals("loading")) {
                err.println("train: reading the clips (decoded once, then cached) ...");
                return;
            }
            if (!Double.isNaN(p.total())) {
                lastLoss = p.total();
                lastTemperature = p.temperature();
            }
            if (!p.phase().equals("training")) {
                return;
            }
            int filled = (int) ((long) p.step() * WIDTH / Math.max(1, p.totalSteps()));
            err.print(String.format(Locale.ROOT, "\rtrain: [%s%s] %d/%d steps  loss %.4f  %.2f s/step",
                    "#".repeat(filled), " ".repeat(WIDTH - filled), p.step(), p.totalSteps(), p.total(),
                    p.secondsPerStep()));
            err.flush();
            open = true;
        }

        void end() {
            if (open) {
                err.println();
                open = false;
            }
        }
    }
}
