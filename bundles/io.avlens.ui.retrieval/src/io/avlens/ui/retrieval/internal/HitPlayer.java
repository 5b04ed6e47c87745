package io.avlens.ui.retrieval.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.ClipOpener;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.Transport;
import io.avlens.ui.media.VideoView;

/**
 * Plays a hit: a click opens the clip (as the active analysis, which every view follows) and plays its picture and
 * sound in the Video view without taking the focus from the inspector; a double-click opens it and brings up the
 * media views as File &gt; Open Clip does.
 */
final class HitPlayer {

    /** How often (100 ms apart) playing is retried while the Video view loads the clip and its sound. */
    private static final int TRIES = 300;

    private HitPlayer() {
    }

    /** Opens {@code file} and plays it in the Video view of {@code window}. */
    static void play(Path file, IWorkbenchWindow window) {
        AnalysisContexts contexts = PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(AnalysisContexts.class);
        ClipOpener.open(file, contexts, window.getShell().getDisplay(), opened -> {
            try {
                window.getActivePage().showView(VideoView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                MessageDialog.openError(window.getShell(), "Cannot show the Video view", e.getMessage());
                return;
            }
            startWhenLoaded(file, window, TRIES, false);
        }, message -> MessageDialog.openError(window.getShell(), "Cannot play the hit", message));
    }

    /** Opens {@code file} in every view (Video, Timeline and those following the active clip). */
    static void open(Path file, IWorkbenchWindow window) {
        OpenClipHandler.open(file, window);
    }

    /**
     * Starts playback once the Video view shows {@code file} and has decoded its sound: the view replaces its silent
     * player with one that plays the sound when the decoding job ends, so playing earlier would stop then. One tick
     * with no sound job left ({@code settled}) lets the view's own hand-over run first.
     */
    private static void startWhenLoaded(Path file, IWorkbenchWindow window, int tries, boolean settled) {
        MPart part = window.getService(EPartService.class).findPart(VideoView.ID);
        boolean next = false;
        if (part != null && part.getObject() instanceof VideoView video && file.equals(video.clip())) {
            boolean loading = Job.getJobManager().find(VideoView.SOUND_JOBS).length > 0;
            if (!loading && settled) {
                if (!video.isPlaying()) {
                    video.perform(Transport.Command.TOGGLE);
                }
                if (video.isPlaying()) {
                    return;
                }
            }
            next = !loading;
        }
        if (tries > 0) {
            boolean s = next;
            window.getShell().getDisplay().timerExec(100, () -> startWhenLoaded(file, window, tries - 1, s));
        }
    }
}
