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
import io.avlens.ui.generation.sweep.SweepViews;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.runs.RunsView;

/** "Open Sweep" on a clip's row of a {@code sweep} run in the Runs view: the clip's grid in the Sweep view. */
public final class OpenSweepRunHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        ISelection selection = HandlerUtil.getActiveMenuSelection(event);
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (!(selection instanceof IStructuredSelection) && part instanceof RunsView runs) {
            selection = runs.clipResultsViewer().getStructuredSelection();
        }
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ClipResult result) {
            open(result, window);
        }
        return null;
    }

    private static void open(ClipResult result, IWorkbenchWindow window) {
        Run run = result.eContainer() instanceof Run r ? r : null;
        ProjectSessions sessions = PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(ProjectSessions.class);
        ProjectSession session = run != null && EcoreUtil.getRootContainer(run) instanceof Project project
                ? sessions.sessionOf(project).orElse(null) : null;
        String clip = result.getClip() != null ? result.getClip().getId() : result.getClipId();
        if (session == null) {
            MessageDialog.openInformation(window.getShell(), "Open Sweep", "Clip '" + clip
                    + "' belongs to no open project.");
            return;
        }
        Path folder = session.folder();
        Path media = GenerationRunSamples.media(result, folder);
        Job.create("Finding the sweep of " + clip, (IProgressMonitor monitor) -> {
            List<Path> samples = GenerationRunSamples.of(result, folder);
            window.getShell().getDisplay().asyncExec(() -> {
                if (samples.isEmpty()) {
                    MessageDialog.openInformation(window.getShell(), "Open Sweep", "Run " + run.getId()
                            + " has no generated cell of clip '" + clip + "'.");
                } else {
                    SweepViews.open(samples.get(0).getParent(), media, window);
                }
            });
            return Status.OK_STATUS;
        }).schedule();
    }
}
