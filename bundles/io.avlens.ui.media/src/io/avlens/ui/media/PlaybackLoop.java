package io.avlens.ui.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.avlens.core.time.TimeRange;
import io.avlens.ui.context.AnalysisContext;

/**
 * Whether playback of one open clip loops: on, the Video view repeats the clip's selected time range (the whole clip
 * while the selection is only a cursor), as its loop button shows. Shared by the views of the clip through
 * {@link AnalysisContext#attachment}, so a view other than the Video view (the Sweep view's mixing desk) can loop the
 * range it selects while the user listens; the range is the clip's {@link AnalysisContext#selection()}, so a range
 * selected in the Timeline or dragged across a sweep thumbnail loops alike. A soundtrack switch keeps the loop.
 *
 * <p>UI thread: listeners run synchronously inside {@link #setOn}.
 */
public final class PlaybackLoop {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean on;
    private volatile TimeRange range;

    private PlaybackLoop(AnalysisContext context) {
    }

    /** The loop switch of {@code context}'s clip (off until a view turns it on). */
    public static PlaybackLoop of(AnalysisContext context) {
        return context.attachment(PlaybackLoop.class, PlaybackLoop::new);
    }

    /** Turns looping on or off and tells the listeners when that changes it. */
    public void setOn(boolean loop) {
        if (loop != on) {
            on = loop;
            listeners.forEach(Runnable::run);
        }
    }

    /** Whether playback loops. */
    public boolean isOn() {
        return on;
    }

    /**
     * The range playback repeats now, or null when it does not loop. The Video view, which owns playback, sets it; it
     * outlives the selection it came from (playing moves the cursor, which drops the selected range).
     */
    public TimeRange range() {
        return range;
    }

    /** Records the range playback repeats now (null: none); by the view that plays. */
    public void setRange(TimeRange repeated) {
        range = repeated;
    }

    /** Runs {@code listener} after every change of {@link #isOn()} (UI thread). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
