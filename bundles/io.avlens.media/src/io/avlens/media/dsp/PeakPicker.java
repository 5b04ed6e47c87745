package io.avlens.media.dsp;

import java.util.Arrays;

/**
 * Picks onsets as peaks of a {@link TimeCurve}, as {@code librosa.util.peak_pick}, with windows in seconds so one
 * picker serves curves of any rate (audio onset strength, video motion energy). Sample {@code n} is a peak when
 * <ol>
 * <li>it is the maximum of the samples from {@code n − preMax} to {@code n + postMax},</li>
 * <li>it is at least {@code delta} above the mean of the samples from {@code n − preAvg} to {@code n + postAvg}
 * (windows clipped at the ends of the curve, where librosa repeats the edge sample), and</li>
 * <li>more than {@code minGap} has passed since the previous peak (earlier peaks win).</li>
 * </ol>
 * Windows are converted to samples by rounding {@code seconds × rate}; both ends are inclusive, so a window of 0
 * is the sample itself (librosa's exclusive {@code post_max = 1}). {@code delta} is in the curve's units.
 *
 * @param preMax  seconds before a peak over which it must be the maximum
 * @param postMax seconds after a peak over which it must be the maximum
 * @param preAvg  seconds before a peak in the local mean
 * @param postAvg seconds after a peak in the local mean
 * @param delta   how far above the local mean a peak must be, in the curve's units
 * @param minGap  minimum time between two peaks, seconds (librosa's {@code wait})
 */
public record PeakPicker(double preMax, double postMax, double preAvg, double postAvg, double delta, double minGap) {

    /**
     * librosa's {@code onset_detect} windows (30 ms max before, 100 ms mean either side, 30 ms wait), with
     * {@code delta} 0.07.
     */
    public static final PeakPicker LIBROSA_DEFAULTS = new PeakPicker(0.03, 0, 0.10, 0.10, 0.07, 0.03);

    /** @throws IllegalArgumentException when a window is negative or a value not finite */
    public PeakPicker {
        for (double v : new double[] {preMax, postMax, preAvg, postAvg, minGap}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("peak-picking windows must be finite and ≥ 0 seconds, not " + v);
            }
        }
        if (Double.isNaN(delta) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be finite, not " + delta);
        }
    }

    /** The same windows with another threshold. */
    public PeakPicker withDelta(double newDelta) {
        return new PeakPicker(preMax, postMax, preAvg, postAvg, newDelta, minGap);
    }

    /** Indices of the peaks of {@code curve}, ascending. */
    public int[] peakIndices(TimeCurve curve) {
        float[] x = curve.values();
        double rate = curve.framesPerSecond();
        int pre = samples(preMax, rate);
        int post = samples(postMax, rate);
        int preA = samples(preAvg, rate);
        int postA = samples(postAvg, rate);
        int gap = samples(minGap, rate);
        int n = x.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        int[] peaks = new int[n];
        int count = 0;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (count > 0 && i <= last + gap) {
                continue;
            }
            if (!isLocalMax(x, i, pre, post)) {
                continue;
            }
            int lo = Math.max(0, i - preA);
            int hi = Math.min(n - 1, i + postA);
            double mean = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
            if (x[i] >= mean + delta) {
                peaks[count++] = i;
                last = i;
            }
        }
        return Arrays.copyOf(peaks, count);
    }

    /** Times of the peaks of {@code curve}, seconds, ascending. */
    public double[] peakTimes(TimeCurve curve) {
        return Arrays.stream(peakIndices(curve)).mapToDouble(curve::timeOf).toArray();
    }

    private static boolean isLocalMax(float[] x, int i, int pre, int post) {
        int lo = Math.max(0, i - pre);
        int hi = Math.min(x.length - 1, i + post);
        for (int j = lo; j <= hi; j++) {
            if (x[j] > x[i]) {
                return false;
            }
        }
        return true;
    }

    private static int samples(double seconds, double rate) {
        return (int) Math.round(seconds * rate);
    }
}
