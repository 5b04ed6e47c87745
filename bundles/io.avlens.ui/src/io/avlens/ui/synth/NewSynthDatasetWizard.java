package io.avlens.ui.synth;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.IWorkbenchWindow;

import io.avlens.model.store.ProjectStoreException;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthResult;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.project.ProjectHandlers;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * New Synthetic Dataset: the settings of an AV-Shapes dataset ({@link SynthSpecPage}); Finish generates it in the
 * wizard's progress bar, one step per clip, and can be cancelled (the clips written so far stay in
 * {@code OUT/media}, no project is made and nothing is opened). A finished dataset is opened as a project and shown
 * in the Project Explorer.
 */
public final class NewSynthDatasetWizard extends Wizard {

    private final ProjectSessions sessions;
    private final IWorkbenchWindow window;
    private final Path defaultParent;
    private SynthSpecPage page;
    private SynthResult result;
    private ProjectSession created;

    /**
     * @param window        where the new project is revealed, or null to only open it
     * @param defaultParent the folder the output folder is proposed in
     */
    public NewSynthDatasetWizard(ProjectSessions sessions, IWorkbenchWindow window, Path defaultParent) {
        this.sessions = sessions;
        this.window = window;
        this.defaultParent = defaultParent;
        setWindowTitle("New Synthetic Dataset");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new SynthSpecPage(defaultParent);
        addPage(page);
    }

    /** The page, for tests that fill it in as a user would. */
    public SynthSpecPage page() {
        return page;
    }

    /** What the generation wrote, or null before a successful Finish. */
    public SynthResult result() {
        return result;
    }

    /** The opened project, or null before a successful Finish. */
    public ProjectSession created() {
        return created;
    }

    @Override
    public boolean performFinish() {
        SynthSpec spec = page.spec();
        Path out = page.folder();
        AvShapesGenerator generator = new AvShapesGenerator(sessions.store());
        SynthResult[] done = new SynthResult[1];
        page.setMessage(null);
        try {
            getContainer().run(true, true, monitor -> {
                monitor.beginTask("Generating " + spec.clips() + " AV-Shapes clips in " + out, spec.clips());
                try {
                    done[0] = generator.generate(spec, out, progress(monitor));
                } catch (IOException e) {
                    throw new InvocationTargetException(e);
                } catch (CancellationException e) {
                    throw new InterruptedException("cancelled");
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            page.setErrorMessage("The dataset could not be generated: " + e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            page.setErrorMessage("Generation cancelled: no project was made, and the clips already written were"
                    + " removed from " + out.resolve("media") + ".");
            return false;
        }
        result = done[0];
        try {
            created = sessions.open(out);
        } catch (ProjectStoreException e) {
            page.setErrorMessage("The dataset was generated but its project cannot be opened: " + e.getMessage());
            return false;
        }
        if (window != null) {
            ProjectHandlers.reveal(window, created);
        }
        return true;
    }

    /** Clips written become monitor steps; the monitor's Cancel stops the generator. */
    private static SynthProgress progress(IProgressMonitor monitor) {
        return new SynthProgress() {
            private int reported;

            @Override
            public void clipsDone(int done, int total) {
                monitor.worked(done - reported);
                monitor.subTask(done + " of " + total + " clips written");
                reported = done;
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }
}
