package io.avlens.ui.training;

import java.nio.file.Path;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.progress.IProgressConstants;

import io.avlens.runner.ModelRunner;

/**
 * Train CAVP-small: the settings of a training ({@link TrainCavpPage}); Finish starts a {@link TrainingJob} (a user
 * job, in the background) under the model runner's scheduling rule, so it waits for a running inference job and
 * inference jobs wait for it, and shows the Training view on the output folder with Follow on, so the loss curve
 * grows while it trains. The job's result status names the final loss, weights and descriptor (or the checkpoint a
 * cancel left, or the error and its file); with {@code reportWhenDone} a dialog shows it when the job ends (the
 * workbench itself shows a failed user job's error).
 */
public final class TrainCavpWizard extends Wizard {

    private final IWorkbenchWindow window;
    private final ModelRunner runner;
    private final Path defaultParent;
    private final boolean reportWhenDone;
    private TrainCavpPage page;
    private TrainingJob job;

    /**
     * @param window         whose Training view follows the training
     * @param runner         the model runner whose scheduling rule the training takes
     * @param defaultParent  the folder a new output folder is proposed in
     * @param reportWhenDone whether a dialog shows the result of a finished or cancelled training
     */
    public TrainCavpWizard(IWorkbenchWindow window, ModelRunner runner, Path defaultParent, boolean reportWhenDone) {
        this.window = window;
        this.runner = runner;
        this.defaultParent = defaultParent;
        this.reportWhenDone = reportWhenDone;
        setWindowTitle("Train CAVP-small");
    }

    @Override
    public void addPages() {
        page = new TrainCavpPage(defaultParent);
        addPage(page);
    }

    /** The page, for tests that fill it in as a user would. */
    public TrainCavpPage page() {
        return page;
    }

    /** The scheduled training, or null before Finish. */
    public TrainingJob job() {
        return job;
    }

    @Override
    public boolean performFinish() {
        if (page.spec() == null) {
            return false;
        }
        Path out = page.outputFolder();
        job = new TrainingJob(page.spec(), page.dataFolder(), out);
        job.setRule(runner.schedulingRule());
        job.setProperty(IProgressConstants.KEEP_PROPERTY, Boolean.TRUE);
        if (reportWhenDone) {
            Display display = window.getShell().getDisplay();
            job.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    IStatus result = event.getResult();
                    if (result.getSeverity() == IStatus.OK || result.getSeverity() == IStatus.CANCEL) {
                        display.asyncExec(() -> {
                            if (!window.getShell().isDisposed()) {
                                MessageDialog.openInformation(window.getShell(), "Train CAVP-small",
                                        result.getMessage());
                            }
                        });
                    }
                }
            });
        }
        job.schedule();
        try {
            TrainingView.show(window, out);
        } catch (PartInitException e) {
            // the training runs all the same; its files are where the page said
            MessageDialog.openWarning(getShell(), "Train CAVP-small", "The Training view cannot be opened ("
                    + e.getMessage() + "); the loss curve is written to " + out.resolve(TrainingView.LOSS_FILE) + ".");
        }
        return true;
    }
}
