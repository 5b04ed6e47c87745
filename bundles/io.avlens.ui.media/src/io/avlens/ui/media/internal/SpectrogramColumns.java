package io.avlens.ui.media.internal;

/**
 * Which spectrogram frames each pixel column of a time window shows, and one row reduced to those columns. Zoomed
 * out, a column covers many frames and shows their maximum, so a transient one frame long stays visible at any zoom
 * (as the waveform's min/max does); zoomed in, a column covers less than a frame and shows the nearest one. Every
 * frame of the window belongs to exactly one column. Pure functions, any thread.
 */
public final class SpectrogramColumns {

    private final int[] from;
    private final int[] to;

    private SpectrogramColumns(int[] from, int[] to) {
        this.from = from;
        this.to = to;
    }

    /**
     * The frames of {@code width} columns showing {@code duration} seconds from {@code start}, for a spectrogram of
     * {@code frames} frames at {@code framesPerSecond} (frame {@code f} centred on {@code f / framesPerSecond}).
     * Column {@code x} takes the frames whose centres fall in its time span; a column that holds no centre (zoomed
     * in) takes the frame nearest to its own centre. Frames outside {@code [0, frames)} are left out, so a column
     * past the sound's end holds none.
     */
    public static SpectrogramColumns of(double start, double duration, int width, double framesPerSecond,
            int frames) {
        int[] from = new int[width];
        int[] to = new int[width];
        double framesPerColumn = duration / width * framesPerSecond;
        double first = start * framesPerSecond;
        for (int x = 0; x < width; x++) {
            int lo = (int) Math.ceil(first + x * framesPerColumn);
            int hi = (int) Math.ceil(first + (x + 1) * framesPerColumn);
            if (hi <= lo) {
                lo = (int) Math.round(first + (x + 0.5) * framesPerColumn);
                hi = lo + 1;
            }
            from[x] = Math.clamp(lo, 0, frames);
            to[x] = Math.clamp(hi, 0, frames);
        }
        return new SpectrogramColumns(from, to);
    }

    /** The number of columns. */
    public int width() {
        return from.length;
    }

    /**
     * Reduces one row of a spectrogram to the columns: {@code out[x]} is the maximum of
     * {@code values[offset + f]} over the frames {@code f} of column {@code x}, NaN for a column with none.
     *
     * @param values the spectrogram, row-major
     * @param offset where the row starts in {@code values}
     * @param out    receives {@link #width()} values
     */
    public void maxOfRow(float[] values, int offset, float[] out) {
        for (int x = 0; x < from.length; x++) {
            if (from[x] >= to[x]) {
                out[x] = Float.NaN;
                continue;
            }
            int end = offset + to[x];
            float max = values[offset + from[x]];
            for (int i = offset + from[x] + 1; i < end; i++) {
                float v = values[i];
                if (v > max) {
                    max = v;
                }
            }
            out[x] = max;
        }
    }
}
