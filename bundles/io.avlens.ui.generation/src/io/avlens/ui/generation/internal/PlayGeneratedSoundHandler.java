package io.avlens.ui.generation.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.model.ClipResult;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.ui.generation.GenerationRunSamples;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.runs.RunsView;

/**
 * "Play Generated Sound" on a clip's row of a generation run in the Runs view: opens the clip with the samples the
 * run generated for it (the first plays; the Video view's "Sound:" list offers the others and the original).
 */
public final class PlayGeneratedSoundHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        ISelection selection = HandlerUtil.getActiveMenuSelection(event);
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (!(selection instanceof IStructuredSelection) && part instanceof RunsView runs) {
            selection = runs.clipResultsViewer().getStructuredSelection(); // run as a command, not from the menu
        }
        if (!(selection instanceof IStructuredSelection s) || !(s.getFirstElement() instanceof ClipResult result)) {
            return null;
        }
        play(result, window);
        return null;
    }

    /**
     * Opens {@code result}'s clip with its generated samples (looked up in a job), or tells why there are none. UI
     * thread.
     */
    static void play(ClipResult result, IWorkbenchWindow window) {
        String clip = result.getClip() != null ? result.getClip().getId() : result.getClipId();
        Run run = result.eContainer() instanceof Run r ? r : null;
        ProjectSessions sessions = PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(ProjectSessions.class);
        ProjectSession session = run != null && EcoreUtil.getRootContainer(run) instanceof Project project
                ? sessions.sessionOf(project).orElse(null) : null;
        if (session == null) {
            MessageDialog.openInformation(window.getShell(), "Play Generated Sound", "Clip '" + clip
                    + "' belongs to no open project.");
            return;
        }
        Path folder = session.folder();
        String runId = run.getId();
        Path media = GenerationRunSamples.media(result, folder);
        Job.create("Finding the generated sound of " + clip, (IProgressMonitor monitor) -> {
            List<Path> samples = GenerationRunSamples.of(result, folder);
            window.getShell().getDisplay().asyncExec(() -> {
                if (window.getShell().isDisposed()) {
                    return;
                }
                if (samples.isEmpty()) {
                    MessageDialog.openInformation(window.getShell(), "Play Generated Sound", "Run " + runId
                            + " has no generated sample of clip '" + clip
                            + "' (no STEM.json record among its artifacts).");
                } else {
                    OpenGeneratedSoundHandler.open(samples, media, window);
                }
            });
            return Status.OK_STATUS;
        }).schedule();
    }
}
