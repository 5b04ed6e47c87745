package io.avlens.cli.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.Discovery;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.Retrieval;
import io.avlens.analysis.embedding.RetrievalRelevance;
import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.analysis.embedding.RetrievalScores;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.ModelRunner;

/**
 * {@code avlens eval --task retrieval|discovery}: the split embedded as {@code avlens embed} does (same runner path,
 * same cache), then cross-modal retrieval in every direction under two relevances (the same clip; the same
 * material and action), or the AP of {@code soundingAction} ranked by consensus beside the positive share and each
 * pair's similarity. A table without a text modality (CAVP) has no consensus: discovery then ranks by its one pair's
 * similarity and says so in {@code rankedBy} and {@code note}.
 */
final class EmbeddingEval {

    /** The relevances retrieval is scored under. */
    static final List<RetrievalRelevance> RELEVANCES = RetrievalRunMetrics.RELEVANCES;

    private final ModelRunner runner;
    private final BuiltinModels builtin;
    private final ProjectStore store;

    EmbeddingEval(ModelRunner runner, BuiltinModels builtin, ProjectStore store) {
        this.runner = runner;
        this.builtin = builtin;
        this.store = store;
    }

    /** Whether {@code task} is one of these. */
    static boolean handles(String task) {
        return task.equals("retrieval") || task.equals("discovery");
    }

    int run(String task, ParsedArguments arguments, CommandContext context) throws CommandException {
        Path record = RetrievalRecord.folder(arguments, context, task);
        Instant start = Instant.now();
        StderrProgress bar = new StderrProgress(context.err(), "eval");
        // retrieval: with --record the runner's dataset stage scores the table too and the recorded Run takes its
        // figures from there; without, nothing reads them, so the table is scored once, here
        Map<String, Object> parameters = task.equals("retrieval") && record != null
                ? Map.of(EmbeddingTableTask.RETRIEVAL_METRICS, true) : Map.of();
        EmbeddingRun.Result r = context.interruption().cancels(bar, () -> EmbeddingRun.run("eval", arguments, context,
                runner, builtin, store, parameters, bar));
        bar.done();
        EmbeddingTable table = r.table();
        JsonObject json = new JsonObject();
        json.addProperty("task", task);
        json.addProperty("model", table.model());
        json.addProperty("data", r.data().folder().toString());
        json.addProperty("split", r.data().split() == null ? "all" : r.data().split());
        JsonArray modalities = new JsonArray();
        table.modalities().forEach(modalities::add);
        json.add("modalities", modalities);
        json.addProperty("dimension", table.dimension());
        json.addProperty("n", table.size());
        List<RetrievalScores> scores = List.of();
        if (task.equals("retrieval")) {
            scores = Retrieval.all(table, RELEVANCES);
            JsonArray directions = new JsonArray();
            for (RetrievalScores s : scores) {
                directions.add(json(s));
            }
            json.add("directions", directions);
        } else {
            Discovery.Scores d;
            try {
                d = Discovery.score(table, AvShapesLabels.SOUNDING_ACTION);
            } catch (IllegalArgumentException e) {
                throw new CommandException("eval --task discovery: " + r.data().folder() + ": " + e.getMessage());
            }
            json.addProperty("label", d.label());
            json.addProperty("n", d.n());
            json.addProperty("positives", d.positives());
            json.addProperty("positiveShare", ModelTasks.number(d.positiveShare()));
            json.addProperty("rankedBy", d.rankedBy());
            json.addProperty("ap", ModelTasks.number(d.ap()));
            JsonObject pairs = new JsonObject();
            d.pairs().forEach((k, v) -> pairs.addProperty(k, ModelTasks.number(v)));
            json.add("pairs", pairs);
            JsonObject agreement = new JsonObject();
            agreement.addProperty("temperature", d.temperature());
            agreement.addProperty("ap", ModelTasks.number(d.agreementAp()));
            JsonObject agreementPairs = new JsonObject();
            d.agreementPairs().forEach((k, v) -> agreementPairs.addProperty(k, ModelTasks.number(v)));
            agreement.add("pairs", agreementPairs);
            json.add("agreement", agreement);
            if (table.consensusAnchor() == null) {
                json.addProperty("note", "the table has no text modality, so no consensus: ranked by the "
                        + d.rankedBy() + " similarity");
            }
        }
        json.add("failed", EvalReport.failures(r.outcome()));
        json.addProperty("cachedClips", r.cachedClips());
        json.addProperty("seconds", Math.round(r.outcome().seconds() * 1000) / 1000.0);
        if (record != null) {
            json.add("recorded", RetrievalRecord.record(record, store, RetrievalRecord.measurement(table.model(),
                    RetrievalRecord.fromDatasetStage(r.outcome(), table.size(), scores), json.deepCopy()), start,
                    Instant.now(), context));
        }
        context.printJson(json);
        context.err().println(String.format(Locale.ROOT, "eval %s: %s on %d clips of %s", task, table.model(),
                table.size(), json.get("split").getAsString()));
        return 0;
    }

    private static JsonObject json(RetrievalScores s) {
        JsonObject o = new JsonObject();
        o.addProperty("direction", s.direction());
        o.addProperty("query", s.query());
        o.addProperty("gallery", s.gallery());
        o.addProperty("relevance", s.relevance());
        o.addProperty("n", s.n());
        o.addProperty("galleryN", s.galleryN());
        o.addProperty("recallAt1", ModelTasks.number(s.recallAt1()));
        o.addProperty("recallAt5", ModelTasks.number(s.recallAt5()));
        o.addProperty("recallAt10", ModelTasks.number(s.recallAt10()));
        o.addProperty("medianRank", ModelTasks.number(s.medianRank()));
        o.addProperty("mAP", ModelTasks.number(s.meanAP()));
        JsonObject chance = new JsonObject();
        chance.addProperty("recallAt1", ModelTasks.number(s.chanceRecallAt1()));
        chance.addProperty("recallAt5", ModelTasks.number(s.chanceRecallAt5()));
        chance.addProperty("recallAt10", ModelTasks.number(s.chanceRecallAt10()));
        chance.addProperty("medianRank", ModelTasks.number((s.galleryN() + 1) / 2.0));
        chance.addProperty("mAP", ModelTasks.number(s.chanceMeanAP()));
        o.add("chance", chance);
        return o;
    }
}
