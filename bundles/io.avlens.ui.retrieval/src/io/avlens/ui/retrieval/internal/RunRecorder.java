package io.avlens.ui.retrieval.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.emf.edit.command.AddCommand;

import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Experiment;
import io.avlens.model.Run;
import io.avlens.runner.MeasuredRuns;
import io.avlens.ui.project.ProjectSession;

/**
 * "Record as Run": the gallery's figures as a Run of an open project's experiment {@code retrieval-<model>}, as
 * {@code avlens eval --task retrieval --record} records them: {@code runs/<run>/run.json} first, then one undoable
 * EMF command on the project's editing domain (the experiment with its run when the project has none, else the run),
 * which marks the project dirty; the Runs view shows it at once. UI thread.
 */
final class RunRecorder {

    private RunRecorder() {
    }

    /**
     * The open project to record into: the one whose folder holds the table's clips ({@code media}) or the table,
     * else the only open one; null when none is open or several are and none holds them.
     */
    static ProjectSession target(List<ProjectSession> open, Path table, Path media) {
        for (ProjectSession s : open) {
            Path folder = s.folder().toAbsolutePath().normalize();
            if (media != null && media.toAbsolutePath().normalize().startsWith(folder)
                    || table.toAbsolutePath().normalize().startsWith(folder)) {
                return s;
            }
        }
        return open.size() == 1 ? open.get(0) : null;
    }

    /** Records {@code metrics} (measured from {@code start} to {@code end}) into {@code session}'s project. */
    static Run record(ProjectSession session, GalleryMetrics metrics, String modelId, Instant start, Instant end)
            throws IOException {
        var figures = metrics.json();
        figures.addProperty("model", modelId);
        MeasuredRuns.Measurement m = new MeasuredRuns.Measurement(RetrievalRunMetrics.experimentId(modelId),
                RetrievalRunMetrics.KIND, RetrievalRunMetrics.DESCRIPTION, modelId, RetrievalRunMetrics.of(metrics
                        .n(), metrics.scores()), figures);
        Experiment experiment = MeasuredRuns.experiment(session.project(), m);
        Run run = MeasuredRuns.write(session.folder(), experiment, m, start, end);
        boolean added;
        if (experiment.eContainer() == null) {
            experiment.getRuns().add(run);
            added = session.execute(AddCommand.create(session.editingDomain(), session.project(),
                    AvLensPackage.Literals.PROJECT__EXPERIMENTS, experiment));
        } else {
            added = session.execute(AddCommand.create(session.editingDomain(), experiment,
                    AvLensPackage.Literals.EXPERIMENT__RUNS, run));
        }
        if (!added) {
            throw new IOException(session.folder() + ": the project did not take the run " + run.getId()
                    + " (its folder stays under runs/)");
        }
        return run;
    }
}
