package io.avlens.ui.heatmaps.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How heatmaps are shown, shared by the overlay and the Heads view and kept for the next clips: which heads are
 * muted, how heads are coloured, how values are normalised, and whether the audio time is pinned to one instant of a
 * clip (the user then scrubs the picture against that sound). Listeners hear of every change. UI thread.
 */
public final class HeatmapSettings {

    /** How several heads share one picture. */
    public enum Colouring {
        /** Each head its own colour; per cell the head with the highest value wins (DenseAV's two-head view). */
        HEAD_COLOURS("head colours"),
        /** The element-wise maximum of the heads shown, in inferno (DenseAV's heatmap). */
        MAX("max of heads, inferno");

        private final String label;

        Colouring(String label) {
            this.label = label;
        }

        /** What the legend says. */
        public String label() {
            return label;
        }
    }

    /** Which values map to 0 and 1 (after clamping at 0). */
    public enum Normalisation {
        /** Minimum and maximum over the whole clip and all heads (DenseAV's display). */
        CLIP("per clip"),
        /** Minimum and maximum of the heads shown at this frame and audio time. */
        FRAME("per frame"),
        /** Each head's own minimum and maximum over the whole clip. */
        HEAD("per head");

        private final String label;

        Normalisation(String label) {
            this.label = label;
        }

        /** What the legend says. */
        public String label() {
            return label;
        }
    }

    /** Distinct colours of heads 1, 2, …, RGB (red and blue first, as DenseAV's two-head view). */
    private static final int[] HEAD_RGB = {0xE8272B, 0x2F6FE0, 0x33B04A, 0xA24FD0, 0xF08A12, 0x14B8C4};

    private final Set<Integer> muted = new TreeSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Colouring colouring = Colouring.HEAD_COLOURS;
    private Normalisation normalisation = Normalisation.CLIP;
    private Path pinnedClip;
    private double pinnedAudio = Double.NaN;
    private Path pinnedFrameClip;
    private double pinnedVideo = Double.NaN;

    /** Head {@code k}'s colour, RGB. */
    public static int headColour(int k) {
        return HEAD_RGB[k % HEAD_RGB.length];
    }

    /** Runs {@code listener} after each change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Whether head {@code k} is shown (not muted). */
    public boolean shown(int k) {
        return !muted.contains(k);
    }

    /** Mutes or unmutes head {@code k}. */
    public void setShown(int k, boolean on) {
        if (on ? muted.remove(k) : muted.add(k)) {
            changed();
        }
    }

    /** Shows head {@code k} alone among {@code heads}; {@code k} −1 shows them all again. */
    public void solo(int k, int heads) {
        muted.clear();
        for (int i = 0; k >= 0 && i < heads; i++) {
            if (i != k) {
                muted.add(i);
            }
        }
        changed();
    }

    /** The head shown alone among {@code heads}, or −1 when several (or none) are. */
    public int soloHead(int heads) {
        int found = -1;
        for (int k = 0; k < heads; k++) {
            if (shown(k)) {
                if (found >= 0) {
                    return -1;
                }
                found = k;
            }
        }
        return found;
    }

    public Colouring colouring() {
        return colouring;
    }

    public void setColouring(Colouring value) {
        colouring = Objects.requireNonNull(value);
        changed();
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public void setNormalisation(Normalisation value) {
        normalisation = Objects.requireNonNull(value);
        changed();
    }

    /** Pins the audio time of {@code clip} at {@code seconds}; NaN follows the shared cursor again. */
    public void pinAudio(Path clip, double seconds) {
        pinnedClip = Double.isNaN(seconds) ? null : clip;
        pinnedAudio = seconds;
        changed();
    }

    /** Whether the audio time of {@code clip} is pinned. */
    public boolean isAudioPinned(Path clip) {
        return clip != null && clip.equals(pinnedClip) && !Double.isNaN(pinnedAudio);
    }

    /** The audio time shown for {@code clip}: the pinned one, else {@code cursorAudio} (the shared cursor's). */
    public double audioTime(Path clip, double cursorAudio) {
        return isAudioPinned(clip) ? pinnedAudio : cursorAudio;
    }

    /** Pins the video time of {@code clip} at {@code seconds} (its frame stays); NaN follows the shared cursor again. */
    public void pinFrame(Path clip, double seconds) {
        pinnedFrameClip = Double.isNaN(seconds) ? null : clip;
        pinnedVideo = seconds;
        changed();
    }

    /** Whether the video frame of {@code clip} is pinned (the user scrubs audio time against it). */
    public boolean isFramePinned(Path clip) {
        return clip != null && clip.equals(pinnedFrameClip) && !Double.isNaN(pinnedVideo);
    }

    /** The video time whose frame is shown for {@code clip}: the pinned one, else {@code cursor} (the shared one). */
    public double videoTime(Path clip, double cursor) {
        return isFramePinned(clip) ? pinnedVideo : cursor;
    }

    /**
     * A copy of the heads shown, the colouring and the normalisation (no pins, no listeners), for work off the UI
     * thread that must not see later changes.
     */
    public HeatmapSettings copy() {
        HeatmapSettings c = new HeatmapSettings();
        c.muted.addAll(muted);
        c.colouring = colouring;
        c.normalisation = normalisation;
        return c;
    }

    /** A line for legends, e.g. "head colours · per clip · heads 1, 2". */
    public String describe(int heads) {
        StringBuilder shownHeads = new StringBuilder();
        for (int k = 0; k < heads; k++) {
            if (shown(k)) {
                shownHeads.append(shownHeads.isEmpty() ? "" : ", ").append(k + 1);
            }
        }
        return colouring.label() + " · " + normalisation.label() + " · "
                + (shownHeads.isEmpty() ? "all heads muted" : (soloHead(heads) >= 0 ? "head " : "heads ") + shownHeads);
    }
}
