package io.avlens.ui.project;

import java.io.IOException;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;

import io.avlens.model.AvLensPackage;
import io.avlens.model.Experiment;
import io.avlens.model.Run;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunRecords;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunnerException;

/**
 * Runs an experiment from the workbench: the snapshot is taken on the UI thread (the runner never touches the EMF
 * model), the run is a user job of the runner (progress per clip, cancel, the shared inference rule, so runs queue),
 * and its {@code Run} record joins the experiment as one undoable command when it ends, whatever the outcome. The
 * run's files are already on disk by then; saving the project keeps the record.
 */
public final class ExperimentRuns {

    private ExperimentRuns() {
    }

    /**
     * Starts a run of {@code experiment}; problems found before anything runs (no model, no clip, a model that is
     * not installed) are shown in a dialog naming the experiment.
     *
     * @return the scheduled job, or null when the run could not start
     */
    public static Job start(IWorkbenchWindow window, ProjectSession session, Experiment experiment) {
        IEclipseContext context = window.getWorkbench().getService(IEclipseContext.class);
        ModelRunner runner = context.get(ModelRunner.class);
        if (runner == null) {
            MessageDialog.openError(window.getShell(), "Run Experiment",
                    "The model runner (bundle io.avlens.runner) is not active; check the error log.");
            return null;
        }
        RunSettings settings = Inference.settings();
        RunSnapshot snapshot;
        try {
            Inference.installBuiltins(context.get(BuiltinModels.class), settings);
            snapshot = ExperimentSnapshots.take(experiment, session.folder(), settings.modelsFolder());
        } catch (RunnerException | IOException e) {
            MessageDialog.openError(window.getShell(), "Run Experiment",
                    "Experiment '" + experiment.getId() + "' cannot run: " + e.getMessage());
            return null;
        }
        Display display = window.getShell().getDisplay();
        Job job = runner.runJob(snapshot, settings, outcome -> display.asyncExec(() -> record(session, experiment,
                outcome)));
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Adds the run's record to its experiment, unless the experiment or its project went meanwhile. */
    static void record(ProjectSession session, Experiment experiment, RunOutcome outcome) {
        if (experiment.eResource() == null || session.project().eResource() == null) {
            return; // deleted or closed while running: the files stay in the run folder, with run.json
        }
        Run run = RunRecords.toRun(outcome, experiment);
        session.execute(AddCommand.create(session.editingDomain(), experiment,
                AvLensPackage.Literals.EXPERIMENT__RUNS, run));
    }
}
