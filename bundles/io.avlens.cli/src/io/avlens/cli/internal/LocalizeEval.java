package io.avlens.cli.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.dense.LocalizationEvaluation;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;

/**
 * {@code avlens eval --task localize}: scores the clips of a finished heatmap run ({@link LocalizeClips},
 * {@link LocalizeReport}); a clip whose files cannot be read is listed as failed with the reason. Stateless.
 */
final class LocalizeEval {

    private LocalizeEval() {
    }

    /**
     * The figures of the run as JSON (also printed as a table on {@code context.err()}).
     *
     * @throws CommandException when no clip could be scored
     */
    static JsonObject score(RunOutcome outcome, CommandContext context, IProgressMonitor cancel)
            throws CommandException {
        LocalizationEvaluation eval = new LocalizationEvaluation();
        JsonArray failed = EvalReport.failures(outcome);
        int scored = 0;
        StderrProgress bar = new StderrProgress(context.err(), "scoring"); // a unit per clip (masks, frames, motion)
        bar.beginTask("scoring", outcome.clips().size());
        for (ClipOutcome c : outcome.clips()) {
            bar.worked(1);
            if (cancel.isCanceled()) {
                throw new CommandException("eval: cancelled while scoring", CommandException.INTERNAL, null);
            }
            if (c.state() != RunState.SUCCEEDED) {
                continue;
            }
            try {
                LocalizeClips.add(eval, c);
                scored++;
            } catch (IOException | IllegalArgumentException e) {
                JsonObject f = new JsonObject();
                f.addProperty("clip", c.media().toString());
                f.addProperty("message", e.getMessage());
                failed.add(f);
            }
        }
        bar.done();
        if (scored == 0) {
            throw new CommandException("eval: no clip could be scored" + (failed.isEmpty() ? ""
                    : "; first problem: " + failed.get(0).getAsJsonObject().get("message").getAsString()));
        }
        LocalizationEvaluation.Report report = eval.report();
        JsonObject json = LocalizeReport.json(report);
        json.add("failed", failed);
        LocalizeReport.table(report, context.err());
        return json;
    }

    /** The descriptor's evaluation block: the figures without per-class detail, and how they were measured. */
    static JsonObject evaluation(String command, EvalData data, ModelRef model, JsonObject figures) {
        JsonObject e = new JsonObject();
        e.addProperty("task", "localize");
        e.addProperty("command", command);
        e.addProperty("data", data.description() == null ? data.folder().toString() : data.description());
        e.addProperty("split", data.split() == null ? "all" : data.split());
        e.addProperty("weightsSha256", model.descriptor().sha256());
        for (String kind : new String[] {"sound", "word"}) {
            JsonObject k = figures.getAsJsonObject(kind).deepCopy();
            k.getAsJsonArray("heads").forEach(h -> h.getAsJsonObject().remove("perClass"));
            for (String s : new String[] {"aggregate", "uniform", "motionEnergy"}) {
                if (k.has(s)) {
                    k.getAsJsonObject(s).remove("perClass");
                }
            }
            e.add(kind, k);
        }
        e.add("selectivity", figures.get("selectivity"));
        e.addProperty("clipsScored", figures.get("clipsScored").getAsInt());
        e.addProperty("failed", figures.getAsJsonArray("failed").size());
        e.addProperty("method", LocalizeReport.DIFFERENCES);
        e.addProperty("date", LocalDate.now(ZoneOffset.UTC).toString());
        return e;
    }

    /** One line for stderr. */
    static String line(JsonObject json, double seconds) {
        JsonObject sound = json.getAsJsonObject("sound").getAsJsonObject("aggregate");
        JsonObject word = json.getAsJsonObject("word").getAsJsonObject("aggregate");
        return String.format(Locale.ROOT, "eval: %d clips scored, aggregate sound AP %s over %d instants, word AP %s"
                + " over %d, %.1f s", json.get("clipsScored").getAsInt(), sound.get("ap"), sound.get("instants")
                .getAsInt(), word.get("ap"), word.get("instants").getAsInt(), seconds);
    }
}
