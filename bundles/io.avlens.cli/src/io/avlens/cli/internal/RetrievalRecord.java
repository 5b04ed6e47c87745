package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.analysis.embedding.RetrievalScores;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.core.io.IoErrors;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.runner.MeasuredRuns;
import io.avlens.runner.RunOutcome;

/**
 * {@code avlens eval --task retrieval --record PROJECT}: the figures the runner's embed dataset stage computed (the
 * same as printed), recorded as a Run of PROJECT's
 * experiment {@code retrieval-<model>} (made, of kind {@code embed}, when missing) through
 * {@link MeasuredRuns}: {@code runs/<run>/run.json} first, then the project saved through the {@code ProjectStore}
 * (merged with changes another program made meanwhile), so the Runs view shows the metrics.
 */
final class RetrievalRecord {

    /** The option naming the project. */
    static final String OPTION = "record";

    private RetrievalRecord() {
    }

    /** The measurement of {@code metrics} of {@code modelId}'s table, {@code figures} kept. */
    static MeasuredRuns.Measurement measurement(String modelId, Map<String, Double> metrics, JsonObject figures) {
        return new MeasuredRuns.Measurement(RetrievalRunMetrics.experimentId(modelId), RetrievalRunMetrics.KIND,
                RetrievalRunMetrics.DESCRIPTION, modelId, metrics, figures);
    }

    /**
     * The retrieval metrics the runner's embed dataset stage computed for the run {@code outcome} (asked for with
     * {@code EmbeddingTableTask.RETRIEVAL_METRICS}), in the order of {@link RetrievalRunMetrics#of(int, List)} for
     * {@code scores} over {@code n} clips (the same figures, computed here for the printout).
     *
     * @throws CommandException when the stage did not compute one of them
     */
    static Map<String, Double> fromDatasetStage(RunOutcome outcome, int n, List<RetrievalScores> scores)
            throws CommandException {
        Map<String, Double> stage = outcome.datasets().isEmpty() ? Map.of() : outcome.datasets().get(0).metrics();
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : RetrievalRunMetrics.of(n, scores).keySet()) {
            Double v = stage.get(name);
            if (v == null) {
                throw new CommandException("eval --record: the runner's dataset stage gave no '" + name + "' (its"
                        + " metrics: " + stage.keySet() + ")", CommandException.INTERNAL, null);
            }
            ordered.put(name, v);
        }
        return ordered;
    }

    /** The project folder {@code --record} names, checked before anything runs; null without the option. */
    static Path folder(io.avlens.cli.command.ParsedArguments arguments, CommandContext context, String task)
            throws CommandException {
        String value = arguments.value(OPTION, null);
        if (value == null) {
            return null;
        }
        if (!task.equals("retrieval")) {
            throw new CommandException("eval --record: only --task retrieval records a run, not " + task);
        }
        Path folder = context.resolve(value);
        if (!Files.isRegularFile(folder.resolve("project.avlens"))) {
            throw new CommandException("eval --record: " + folder.resolve("project.avlens") + ": no such project"
                    + " file (--record names a project folder)");
        }
        return folder;
    }

    /** Records the run into the project in {@code folder}; returns {"project", "experiment", "run", "log"}. */
    static JsonObject record(Path folder, ProjectStore store, MeasuredRuns.Measurement m, Instant start, Instant end,
            CommandContext context) throws CommandException {
        if (store == null) {
            throw new CommandException("eval --record: the project store (bundle io.avlens.model.store) is not"
                    + " running", CommandException.INTERNAL, null);
        }
        if (!Files.isRegularFile(folder.resolve("project.avlens"))) {
            throw new CommandException("eval --record: " + folder.resolve("project.avlens") + ": no such project"
                    + " file (--record names a project folder)");
        }
        try {
            Project project = store.open(folder);
            Experiment experiment = MeasuredRuns.experiment(project, m);
            Run run = MeasuredRuns.write(folder, experiment, m, start, end);
            if (experiment.eContainer() == null) {
                project.getExperiments().add(experiment);
            }
            experiment.getRuns().add(run);
            MergeReport merged = store.saveMerged(project);
            merged.conflicts().forEach(c -> context.err().println("eval: kept this run's version: " + c));
            JsonObject o = new JsonObject();
            o.addProperty("project", folder.toString());
            o.addProperty("experiment", experiment.getId());
            o.addProperty("run", run.getId());
            o.addProperty("log", run.getLogLocation());
            return o;
        } catch (ProjectStoreException e) {
            throw new CommandException("eval --record: " + e.getMessage());
        } catch (IOException e) {
            throw new CommandException("eval --record: " + folder + ": cannot write the run: " + IoErrors.describe(e),
                    CommandException.INTERNAL, e);
        }
    }
}
