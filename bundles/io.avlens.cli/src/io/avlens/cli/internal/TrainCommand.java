package io.avlens.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.IoErrors;
import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;

/**
 * {@code avlens train --family F --data DIR --out DIR}: trains (or resumes) with the registered {@link FamilyTrainer}
 * of family F; the families, their descriptions and options come from the trainers, so {@code --help} lists what is
 * installed.
 */
@Component(service = CliCommand.class)
public class TrainCommand implements CliCommand {

    private static final String DESCRIPTION = """
            Trains the family's network on DIR into OUT: checkpoint.bin every --checkpoint-every steps, loss.csv with
            loss-columns.json (which columns are losses, which go on a secondary axis), and at the end the weights
            with their AV Lens descriptor (`avlens eval --model OUT/<model>.json`). Running again with the same OUT
            continues from its checkpoint (same family, --seed, --data and options, as OUT/recipe.json records
            them), ending with the weights an uninterrupted run gives; a larger --steps extends a finished run (the
            learning-rate schedule is then that of the new --steps), fewer steps than the checkpoint's is refused. Prints {"family", "out", "weights",
            "descriptor", "lossCurve", "steps", "seed", then the family's options (e.g. "batch"), "resumedFrom" (the
            checkpoint's step, 0 for a fresh run), "finalLoss", then its secondary-axis values (e.g. "temperature"),
            "seconds"}; a progress bar goes to stderr. Data the family cannot train on, an unknown family, an
            option of another family, or a resume with another seed, data folder or option value: exit 2.
            """;

    /** The trainers of the installed families. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<FamilyTrainer> trainers = List.of();

    /** For DS. */
    public TrainCommand() {
    }

    /** With these trainers (tests). */
    TrainCommand(List<FamilyTrainer> trainers) {
        this.trainers = List.copyOf(trainers);
    }

    private List<FamilyTrainer> families() {
        return trainers.stream().sorted(Comparator.comparing(FamilyTrainer::family)).toList();
    }

    @Override
    public CommandSpec spec() {
        List<FamilyTrainer> families = families();
        List<OptionSpec> options = new ArrayList<>(List.of(
                OptionSpec.required("family", "NAME", "the model family: " + names(families)),
                OptionSpec.required("data", "DIR", "the dataset folder"),
                OptionSpec.required("out", "DIR", "where weights, checkpoint and loss curve go"),
                OptionSpec.optional("steps", "N", "optimizer steps in all (default: the family's)"),
                OptionSpec.optional("seed", "S", "seeds weights and batches (default 1)"),
                OptionSpec.optional("checkpoint-every", "N",
                        "steps between checkpoints (default " + TrainRequest.DEFAULT_CHECKPOINT_EVERY + ")")));
        Map<String, List<String>> familyOptions = new LinkedHashMap<>();
        Map<String, TrainOption> first = new LinkedHashMap<>();
        for (FamilyTrainer t : families) {
            for (TrainOption o : t.options()) {
                familyOptions.computeIfAbsent(o.name(), n -> new ArrayList<>()).add(t.family());
                first.putIfAbsent(o.name(), o);
            }
        }
        first.forEach((name, o) -> options.add(OptionSpec.optional(name, o.kind() == TrainOption.Kind.WHOLE ? "N"
                : "X", "(" + String.join(", ", familyOptions.get(name)) + ") " + describe(o))));
        StringBuilder details = new StringBuilder(DESCRIPTION).append("\nFamilies installed:\n");
        for (FamilyTrainer t : families) {
            details.append("  ").append(t.family()).append(" (").append(t.displayName()).append(", default ")
                    .append(t.defaultSteps()).append(" steps): ").append(t.description()).append('\n');
            for (TrainOption o : t.options()) {
                details.append("    --").append(o.name()).append(' ').append(describe(o)).append('\n');
            }
        }
        return new CommandSpec("train", "train a model family's network (e.g. CAVP-small) on a dataset, resumable",
                details.toString(), options, List.of());
    }

    private static String describe(TrainOption o) {
        return o.description() + ", " + o.range() + " (default "
                + o.formattedDefault() + ")";
    }

    private static String names(List<FamilyTrainer> families) {
        return families.isEmpty() ? "none installed"
                : String.join(", ", families.stream().map(FamilyTrainer::family).toList());
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String family = arguments.required("family");
        List<FamilyTrainer> families = families();
        FamilyTrainer trainer = families.stream().filter(t -> t.family().equals(family)).findFirst()
                .orElseThrow(() -> new CommandException("train: unknown family '" + family + "'; installed: "
                        + names(families)));
        Path data = context.resolve(arguments.required("data"));
        Path out = context.resolve(arguments.required("out"));
        if (!Files.isDirectory(data)) {
            throw new CommandException(data + ": " + (Files.exists(data) ? "is a file, not a folder" : "no such folder")
                    + " (expected a dataset of family " + family + ")");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandException(out + ": is a file, not a folder to train into");
        }
        int steps = arguments.intValue("steps", trainer.defaultSteps(), 1, 10_000_000);
        long seed = arguments.intValue("seed", 1, 0, Integer.MAX_VALUE);
        int checkpointEvery = arguments.intValue("checkpoint-every", TrainRequest.DEFAULT_CHECKPOINT_EVERY, 1,
                10_000_000);
        for (FamilyTrainer other : families) {
            for (TrainOption o : other.options()) {
                if (!values(trainer).contains(o.name()) && arguments.value(o.name(), null) != null) {
                    throw new CommandException("train: --" + o.name() + " is an option of " + other.family()
                            + ", not of " + family + " (its options: " + (trainer.options().isEmpty() ? "none"
                            : String.join(", ", values(trainer).stream().map(n -> "--" + n).toList())) + ")");
                }
            }
        }
        Map<String, Number> values = options(trainer, arguments);
        TrainRequest request = new TrainRequest(data, out, steps, seed, checkpointEvery, values);
        try {
            Checkpoint.Header checkpoint = Checkpoint.header(out);
            if (checkpoint != null) {
                TrainRecipe.guard(trainer, request); // refused before it says it resumes (the trainer checks again)
                context.err().println("train: resuming from the checkpoint of step " + checkpoint.step() + " in "
                        + out);
                if (TrainRecipe.unchecked(out)) {
                    context.err().println("train: " + out + " has no " + TrainRecipe.FILE + " (a run started before "
                            + "AV Lens recorded one): its data folder and options are not checked");
                }
            }
            ProgressBar bar = new ProgressBar(context.err());
            // Ctrl-C stops training before its next step, after a checkpoint the same command resumes from
            TrainingResult r = context.interruption().onInterrupt(bar::cancel, () -> {
                try {
                    return trainer.train(request, bar);
                } catch (IOException e) {
                    throw new CommandException(IoErrors.describe(e));
                }
            });
            bar.end();
            if (r.cancelled()) {
                throw new CommandException(r.weights() == null ? "train: cancelled while reading the data; nothing"
                        + " was trained" : "train: cancelled after step " + r.steps() + " of " + Math.max(steps,
                                bar.lastTotal) + "; " + out + " holds its checkpoint, and the same command resumes"
                                + " from it", CommandException.INTERNAL, null);
            }
            JsonObject json = new JsonObject();
            json.addProperty("family", family);
            json.addProperty("out", out.toString());
            json.addProperty("weights", r.weights().toString());
            json.addProperty("descriptor", r.descriptor().toString());
            json.addProperty("lossCurve", r.lossCurve().toString());
            json.addProperty("steps", r.steps());
            json.addProperty("seed", seed);
            for (TrainOption o : trainer.options()) {
                json.addProperty(o.name(), request.options().get(o.name()));
            }
            json.addProperty("resumedFrom", checkpoint == null ? 0 : checkpoint.step());
            json.addProperty("finalLoss", ModelTasks.number(bar.lastLoss));
            for (String column : trainer.columns().secondary()) {
                if (json.has(column)) {
                    continue; // an option of the same name was printed already
                }
                json.addProperty(column, ModelTasks.number(bar.last.getOrDefault(column, Double.NaN)));
            }
            json.addProperty("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            context.printJson(json);
            return 0;
        } catch (IOException e) {
            throw new CommandException(IoErrors.describe(e));
        }
    }

    private static List<String> values(FamilyTrainer trainer) {
        return trainer.options().stream().map(TrainOption::name).toList();
    }

    /** Every option of the family, given or default. */
    private static Map<String, Number> options(FamilyTrainer trainer, ParsedArguments arguments)
            throws CommandException {
        Map<String, Number> values = new LinkedHashMap<>();
        for (TrainOption o : trainer.options()) {
            if (o.kind() == TrainOption.Kind.WHOLE) {
                values.put(o.name(), arguments.intValue(o.name(), (int) o.defaultValue(), (int) o.min(),
                        (int) o.max()));
                continue;
            }
            String text = arguments.value(o.name(), null);
            try {
                values.put(o.name(), text == null ? o.defaultValue() : o.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CommandException("train: --" + o.name() + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** A one-line bar on stderr with the latest loss, redrawn at every report, ended by a newline. */
    private static final class ProgressBar extends StderrLine implements TrainingMonitor {
        private static final int WIDTH = 30;
        private int loadingDrawn = -1;
        int lastTotal; // the steps of the whole training as reported (a family may train in parts)
        double lastLoss = Double.NaN;
        Map<String, Double> last = Map.of();

        ProgressBar(PrintStream err) {
            super(err);
        }

        @Override
        public void progress(TrainingProgress p) {
            if (cancelled()) {
                return; // the cancel's line stays the last
            }
            if (p.phase().equals("loading")) {
                if (p.totalSteps() <= 0 || p.step() == 0 && !open) {
                    err.print("\rtrain: reading the data ...");
                    err.flush();
                    open = true;
                }
                if (p.totalSteps() > 0) {
                    int filled = (int) ((long) p.step() * WIDTH / p.totalSteps());
                    if (filled != loadingDrawn) {
                        loadingDrawn = filled;
                        err.print(String.format(Locale.ROOT, "\rtrain: reading the data [%s%s] %d%%",
                                "#".repeat(filled), " ".repeat(WIDTH - filled), 100L * p.step() / p.totalSteps()));
                        err.flush();
                    }
                }
                return;
            }
            if (loadingDrawn >= 0) { // the data is read: the bar says so, the training bar starts on its own line
                err.println("\rtrain: reading the data [" + "#".repeat(WIDTH) + "] 100%");
                loadingDrawn = -1;
            }
            if (!Double.isNaN(p.loss())) {
                lastLoss = p.loss();
                last = p.values();
            }
            if (!p.phase().equals("training")) {
                return;
            }
            lastTotal = p.totalSteps();
            int filled = (int) ((long) p.step() * WIDTH / Math.max(1, p.totalSteps()));
            err.print(String.format(Locale.ROOT, "\rtrain: [%s%s] %d/%d steps  loss %.4f  %.2f s/step",
                    "#".repeat(filled), " ".repeat(WIDTH - filled), p.step(), p.totalSteps(), p.loss(),
                    p.secondsPerStep()));
            err.flush();
            open = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled();
        }

        /** Ctrl-C: stop before the next step. */
        void cancel() {
            cancel("train: stopping (Ctrl-C): a checkpoint after the current step");
        }
    }
}
