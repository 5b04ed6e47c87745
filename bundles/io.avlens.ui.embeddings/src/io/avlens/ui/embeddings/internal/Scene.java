package io.avlens.ui.embeddings.internal;

import java.util.BitSet;

/**
 * What the scatter draws, as one consistent snapshot handed to the renderer's thread: point {@code p} is modality
 * {@code p % modalities} of clip {@code p / modalities}.
 *
 * @param xy          2-D coordinates {@code x0, y0, x1, y1, …} per point
 * @param modalities  M, points per clip
 * @param colours     ARGB per point
 * @param shown       per clip, whether the filter keeps it (null: all); the others are drawn faint and never hit
 * @param selected    the selected clips (drawn ringed)
 * @param lines       whether each clip's points are joined by lines (long lines: the modalities disagree)
 * @param highlighted the clip under the mouse, or -1
 */
public record Scene(float[] xy, int modalities, int[] colours, boolean[] shown, BitSet selected, boolean lines,
        int highlighted) {

    /** Number of points. */
    public int points() {
        return xy.length / 2;
    }

    /** Whether point p's clip passes the filter. */
    public boolean isShown(int p) {
        return shown == null || shown[p / modalities];
    }

    /** The same scene with other coordinates (an intermediate layout). */
    public Scene withXy(float[] other) {
        return new Scene(other, modalities, colours, shown, selected, lines, highlighted);
    }

    /** The same scene with lines joining each clip's points or not. */
    public Scene withLines(boolean on) {
        return new Scene(xy, modalities, colours, shown, selected, on, highlighted);
    }
}
