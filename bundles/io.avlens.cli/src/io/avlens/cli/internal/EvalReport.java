package io.avlens.cli.internal;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.models.cavp.CavpSimilarityTask;
import io.avlens.models.cavp.SyncMetrics;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipFailure;
import io.avlens.runner.task.ClipResult;

/**
 * The figures of a sync evaluation as JSON, from the clips of a run scored the way the runner's summary scores
 * them ({@link CavpSimilarityTask#score}): every figure with its {@code n}, failed clips as misses with their
 * reasons, clips whose true lag is beyond the searched range counted and named.
 */
final class EvalReport {

    private EvalReport() {
    }

    /** The scores of the run's clips. */
    static SyncMetrics score(RunOutcome outcome) {
        List<ClipResult> done = outcome.clips().stream().filter(c -> c.state() == RunState.SUCCEEDED)
                .map(c -> new ClipResult(c.clipId(), c.artifacts(), c.metrics())).toList();
        List<ClipFailure> failed = outcome.clips().stream().filter(c -> c.state() == RunState.FAILED)
                .map(c -> new ClipFailure(c.clipId(), c.media(), c.message())).toList();
        return CavpSimilarityTask.score(done, failed);
    }

    /**
     * The figures: {@code clips}, {@code clipsWithKnownLag}, {@code n}, {@code withinOneFrame},
     * {@code accuracyWithinOneFrame}, {@code maeN}, {@code maeSeconds}, {@code visibleSoundingEvent} (the same over
     * the clips that show a hit or a scratch), {@code lagOutOfRange} ({@code n}, {@code clips}) and {@code failed}.
     */
    static void addFigures(JsonObject json, SyncMetrics m) {
        json.addProperty("clips", m.clips());
        json.addProperty("clipsWithKnownLag", m.knownLag());
        addSubset(json, m.all());
        JsonObject visible = new JsonObject();
        addSubset(visible, m.visibleSounding());
        json.add("visibleSoundingEvent", visible);
        JsonObject outOfRange = new JsonObject();
        outOfRange.addProperty("n", m.lagOutOfRange().size());
        JsonArray ids = new JsonArray();
        m.lagOutOfRange().forEach(ids::add);
        outOfRange.add("clips", ids);
        json.add("lagOutOfRange", outOfRange);
    }

    /** The clips that failed: {@code [{"clip": media, "message"}]}. */
    static JsonArray failures(RunOutcome outcome) {
        JsonArray failed = new JsonArray();
        outcome.clips().stream().filter(c -> c.state() == RunState.FAILED).forEach(c -> {
            JsonObject f = new JsonObject();
            f.addProperty("clip", c.media().toString());
            f.addProperty("message", c.message());
            failed.add(f);
        });
        return failed;
    }

    /** Each clip that ran: {@code [{"clip", "trueLagSeconds", "lagSeconds", "withinOneFrame"}]} (known lags). */
    static JsonArray perClip(RunOutcome outcome) {
        JsonArray clips = new JsonArray();
        for (ClipOutcome c : outcome.clips()) {
            Map<String, Double> m = c.metrics();
            if (c.state() != RunState.SUCCEEDED || !m.containsKey("trueLagSeconds")) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("clip", c.clipId());
            o.addProperty("trueLagSeconds", m.get("trueLagSeconds"));
            o.addProperty("lagSeconds", m.get("lagSeconds"));
            o.addProperty("withinOneFrame", m.get("withinOneFrame") == 1.0);
            o.addProperty("visibleSoundingEvent", m.getOrDefault("visibleSoundingEvent", 0.0) == 1.0);
            clips.add(o);
        }
        return clips;
    }

    private static void addSubset(JsonObject json, SyncMetrics.Subset s) {
        json.addProperty("n", s.n());
        json.addProperty("withinOneFrame", s.withinOneFrame());
        json.addProperty("accuracyWithinOneFrame", ModelTasks.number(s.accuracy()));
        json.addProperty("maeN", s.maeN());
        json.addProperty("maeSeconds", ModelTasks.number(s.maeSeconds()));
    }
}
