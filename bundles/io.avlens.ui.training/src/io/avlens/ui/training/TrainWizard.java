package io.avlens.ui.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.progress.IProgressConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.runner.ModelRunner;

/**
 * Train: the settings of a training of any registered family ({@link TrainPage}); Finish starts a
 * {@link TrainingJob} (a user job, in the background) under the model runner's scheduling rule, so it waits for a
 * running inference job and inference jobs wait for it, and shows the Training view on the output folder with Follow
 * on, so the loss curve grows while it trains. The job's result status names the final loss, weights and descriptor
 * (or the checkpoint a cancel left, or the error and its file); with {@code reportWhenDone} a dialog shows it when
 * the job ends (the workbench itself shows a failed user job's error).
 */
public final class TrainWizard extends Wizard {

    private static final String TITLE = "Train";

    private final IWorkbenchWindow window;
    private final ModelRunner runner;
    private final List<FamilyTrainer> trainers;
    private final Path defaultParent;
    private final boolean reportWhenDone;
    private TrainPage page;
    private TrainingJob job;

    /**
     * @param window         whose Training view follows the training
     * @param runner         the model runner whose scheduling rule the training takes
     * @param trainers       the families to choose from, at least one (see {@link #registeredTrainers})
     * @param defaultParent  the folder a new output folder is proposed in
     * @param reportWhenDone whether a dialog shows the result of a finished or cancelled training
     */
    public TrainWizard(IWorkbenchWindow window, ModelRunner runner, List<FamilyTrainer> trainers, Path defaultParent,
            boolean reportWhenDone) {
        if (trainers.isEmpty()) {
            throw new IllegalArgumentException("no trainer to choose from");
        }
        this.window = window;
        this.runner = runner;
        this.trainers = List.copyOf(trainers);
        this.defaultParent = defaultParent;
        this.reportWhenDone = reportWhenDone;
        setWindowTitle(TITLE);
    }

    /** The {@link FamilyTrainer} services registered now, by family id. */
    public static List<FamilyTrainer> registeredTrainers() {
        BundleContext context = FrameworkUtil.getBundle(TrainWizard.class).getBundleContext();
        List<FamilyTrainer> found = new ArrayList<>();
        try {
            for (ServiceReference<FamilyTrainer> ref : context.getServiceReferences(FamilyTrainer.class, null)) {
                FamilyTrainer t = context.getService(ref);
                if (t != null) {
                    found.add(t);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        found.sort(Comparator.comparing(FamilyTrainer::family));
        return found;
    }

    @Override
    public void addPages() {
        page = new TrainPage(trainers, defaultParent);
        addPage(page);
    }

    /** The page, for tests that fill it in as a user would. */
    public TrainPage page() {
        return page;
    }

    /** The scheduled training, or null before Finish. */
    public TrainingJob job() {
        return job;
    }

    @Override
    public boolean performFinish() {
        if (page.request() == null) {
            return false;
        }
        Path out = page.outputFolder();
        String title = TITLE + " " + page.trainer().displayName();
        job = new TrainingJob(page.trainer(), page.request());
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
                                MessageDialog.openInformation(window.getShell(), title, result.getMessage());
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
            MessageDialog.openWarning(getShell(), title, "The Training view cannot be opened (" + e.getMessage()
                    + "); the loss curve is written to " + out.resolve(TrainingView.LOSS_FILE) + ".");
        }
        return true;
    }
}
