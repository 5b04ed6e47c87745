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

    /** How often (100 ms apart) to look for the hit in the Video view and try to start it, sound decoding apart. */
    private static final int TRIES = 300;
    private static final int TICK_MILLIS = 100;
    /** How far the view's clock must have moved before a playback counts as started. */
    private static final double CONFIRM_SECONDS = 0.3;

    private HitPlayer() {
    }

    /**
     * Opens {@code file} and plays it in the Video view of {@code window}; {@code started} runs (UI thread) once
     * playback has started.
     */
    static void play(Path file, IWorkbenchWindow window, Runnable started) {
        AnalysisContexts contexts = PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(AnalysisContexts.class);
        ClipOpener.open(file, contexts, window.getShell().getDisplay(), opened -> {
            try {
                window.getActivePage().showView(VideoView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                MessageDialog.openError(window.getShell(), "Cannot show the Video view", e.getMessage());
                return;
            }
            new Starter(file, window, started).run();
        }, message -> MessageDialog.openError(window.getShell(), "Cannot play the hit", message));
    }

    /** Opens {@code file} in every view (Video, Timeline and those following the active clip). */
    static void open(Path file, IWorkbenchWindow window) {
        OpenClipHandler.open(file, window);
    }

    /**
     * Starts playback once the Video view shows {@code file} and has decoded its sound, and sees that it sticks:
     * the view replaces its silent player with one that plays the sound when the decoding job ends, and a view
     * created for the hit may load it again or be re-created by the workbench, either of which silently drops a
     * playback started before. So the part's view is looked up afresh on every tick; playback counts as started when
     * that view's clock has moved {@link #CONFIRM_SECONDS} from where it started, and is started again when it stops
     * before (seen, in the first UI test of a JVM). Waiting for the sound lasts however long decoding takes (a busy
     * machine, a first decode in the JVM); the other ticks are counted, and it gives up when the view shows another
     * clip than the hit it showed, or is gone.
     */
    private static final class Starter implements Runnable {

        private final Path file;
        private final IWorkbenchWindow window;
        private final Runnable started;
        private int tries = TRIES;
        private boolean seen;
        private boolean settled;
        private int playing; // playbacks started
        private double from; // where the last one started

        Starter(Path file, IWorkbenchWindow window, Runnable started) {
            this.file = file;
            this.window = window;
            this.started = started;
        }

        @Override
        public void run() {
            if (window.getShell() == null || window.getShell().isDisposed()) {
                return;
            }
            MPart part = window.getService(EPartService.class).findPart(VideoView.ID);
            VideoView video = part != null && part.getObject() instanceof VideoView v ? v : null;
            boolean showing = video != null && file.equals(video.clip());
            if (seen && !showing) {
                return; // the view moved on to another clip (or closed): the user chose something else
            }
            seen |= showing;
            boolean loading = showing && Job.getJobManager().find(VideoView.SOUND_JOBS).length > 0;
            if (showing && !loading && settled) {
                if (playing > 0 && Math.abs(video.position() - from) > CONFIRM_SECONDS) {
                    started.run(); // its clock moved: the hit plays (or played on and was paused)
                    return;
                }
                if (!video.isPlaying()) {
                    playing++; // not started yet, or a playback dropped before its clock moved: start (again)
                    from = video.position();
                    video.perform(Transport.Command.TOGGLE);
                }
            }
            settled = showing && !loading;
            if (!loading) {
                tries--;
            }
            if (tries > 0) {
                window.getShell().getDisplay().timerExec(TICK_MILLIS, this);
            }
        }
    }
}
