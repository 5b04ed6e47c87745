package io.avlens.ui.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;

import io.avlens.synth.DemoProject;
import io.avlens.synth.SynthProgress;

/**
 * Opens the demo project when the workbench was started with {@code -demo FOLDER} (the {@code avlens} launcher
 * passes {@code $AVLENS_DATA/demo}): on first start the project is generated in a user job whose progress dialog
 * shows each clip (cancel leaves nothing behind, see {@link DemoProject}), afterwards it is simply opened.
 */
public final class DemoStartup {

    /** The Similarity view (in io.avlens.ui.similarity, which this bundle does not depend on). */
    private static final String SIMILARITY_VIEW = "io.avlens.ui.similarity.views.similarity";

    /** The program argument that names the demo folder. */
    public static final String ARGUMENT = "-demo";

    private DemoStartup() {
    }

    /** The folder after {@value #ARGUMENT} in the application arguments, if any. */
    public static Optional<Path> folder(List<String> args) {
        int i = args.indexOf(ARGUMENT);
        return i >= 0 && i + 1 < args.size() ? Optional.of(Path.of(args.get(i + 1))) : Optional.empty();
    }

    /**
     * Opens the demo in {@code window}'s explorer, generating it first when it is missing.
     *
     * @return the job that creates it, or null when it existed and was opened at once
     */
    public static Job open(IWorkbenchWindow window, Path folder) {
        if (DemoProject.exists(folder)) {
            show(window, folder);
            return null;
        }
        DemoProject demo = new DemoProject(ProjectHandlers.sessions(window).store());
        Job job = Job.create("Creating the AV Lens demo project", (IProgressMonitor monitor) -> {
            SubMonitor progress = SubMonitor.convert(monitor, "Generating " + DemoProject.SPEC.clips()
                    + " AV-Shapes clips in " + folder, DemoProject.SPEC.clips());
            try {
                demo.create(folder, new SynthProgress() {
                    private int reported;

                    @Override
                    public void clipsDone(int done, int total) {
                        progress.worked(done - reported);
                        reported = done;
                        progress.subTask(done + " of " + total + " clips");
                    }

                    @Override
                    public boolean isCanceled() {
                        return progress.isCanceled();
                    }
                });
            } catch (CancellationException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                String message = "The demo project could not be created: " + e.getMessage();
                window.getWorkbench().getDisplay().asyncExec(() -> {
                    if (window.getShell() != null && !window.getShell().isDisposed()) {
                        MessageDialog.openError(window.getShell(), "AV Lens demo", message);
                    }
                });
                return Status.info(message);
            }
            window.getWorkbench().getDisplay().asyncExec(() -> {
                if (window.getShell() != null && !window.getShell().isDisposed()) {
                    show(window, folder);
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /**
     * Opens the demo in the explorer and its showcase clip (the one furthest out of sync) in the media views, with
     * the Similarity view beside them, so the first screen already shows a clip, its sound and its volume.
     */
    private static void show(IWorkbenchWindow window, Path folder) {
        ProjectSession session = ProjectHandlers.open(window, folder);
        if (session == null) {
            return; // the dialog said why
        }
        ProjectExplorerView explorer = ProjectHandlers.reveal(window, session);
        DemoProject.showcase(session.project()).ifPresent(clip -> {
            if (explorer != null) {
                explorer.open(clip);
            }
            try {
                window.getActivePage().showView(SIMILARITY_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                // the similarity bundle is optional for the explorer; the clip is open anyway
            }
        });
    }
}
