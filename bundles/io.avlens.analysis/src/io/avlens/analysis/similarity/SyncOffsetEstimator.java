package io.avlens.analysis.similarity;

/**
 * Estimates the audio-visual offset of a clip from its similarity volume (methods §1):
 * {@code lag* = argmax_d mean_t S[t+d, t]} over {@code |d| ≤ D}, {@code d} in video steps, and a confidence, the
 * softmax over {@code d} of those band means at temperature {@code τ}.
 *
 * <p><b>Audio and video at different rates.</b> The band of lag {@code d} takes, for each video step {@code t}, the
 * audio row whose start is nearest to the media time of video step {@code t + d}
 * ({@code round((videoBase.timeOf(t + d) − audioBase.start) / audioBase.step)}, halves up; see
 * {@link TimeBase#nearest(double)}), and averages over the {@code t} for which that row exists. With equal time bases
 * this is exactly {@code S[t+d, t]}; with 8 mel frames per video frame it samples the first audio frame of each video
 * step. Lags stay in video steps, so the answer is resolved to one video frame, the accuracy the metric asks for.
 *
 * <p><b>Temperature.</b> {@link #DEFAULT_TEMPERATURE} = 0.07, CLIP's and CAVP's initial logit temperature: band
 * means are cosines in [−1, 1], and a band 0.07 brighter than the next is e ≈ 2.7 times as probable.
 *
 * <p>Ties between lags go to the smaller {@code |d|}, then to the negative one. Immutable and thread-safe.
 */
public final class SyncOffsetEstimator {

    /** Softmax temperature of the confidence. */
    public static final double DEFAULT_TEMPERATURE = 0.07;

    private final int maxLagSteps;
    private final double temperature;

    /**
     * @param maxLagSteps {@code D}, video steps; not negative
     * @param temperature {@code τ}; positive
     */
    public SyncOffsetEstimator(int maxLagSteps, double temperature) {
        if (maxLagSteps < 0) {
            throw new IllegalArgumentException("the largest lag must not be negative, got " + maxLagSteps);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be positive, got " + temperature);
        }
        this.maxLagSteps = maxLagSteps;
        this.temperature = temperature;
    }

    /** Lags up to {@code maxLagSeconds} either way (rounded to whole video steps), {@link #DEFAULT_TEMPERATURE}. */
    public static SyncOffsetEstimator upTo(double maxLagSeconds, TimeBase video) {
        return new SyncOffsetEstimator((int) Math.round(Math.abs(maxLagSeconds) / video.step()), DEFAULT_TEMPERATURE);
    }

    /** {@code D}, video steps. */
    public int maxLagSteps() {
        return maxLagSteps;
    }

    /** {@code τ}. */
    public double temperature() {
        return temperature;
    }

    /**
     * The estimate for {@code volume}.
     *
     * @throws IllegalArgumentException when no tried lag pairs any audio row with any video step (the time bases do
     *                                  not overlap)
     */
    public SyncEstimate estimate(SimilarityVolume volume) {
        double[] means = bandMeans(volume);
        int best = -1;
        for (int i = 0; i < means.length; i++) {
            if (!Double.isNaN(means[i]) && (best < 0 || means[i] > means[best]
                    || means[i] == means[best] && closerToZero(i, best))) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no lag within ±" + maxLagSteps + " video steps pairs audio and video "
                    + "steps of " + volume + "; their time bases do not overlap");
        }
        int d = best - maxLagSteps;
        double step = volume.videoBase().step();
        return new SyncEstimate(d, d * step, softmax(means, temperature)[best], maxLagSteps, step, temperature, means);
    }

    private boolean closerToZero(int i, int j) {
        int di = Math.abs(i - maxLagSteps);
        int dj = Math.abs(j - maxLagSteps);
        return di < dj || di == dj && i < j;
    }

    /** {@code mean_t S[row(t + d), t]} for {@code d = −D … D}; NaN for a band without cells. */
    double[] bandMeans(SimilarityVolume volume) {
        TimeBase audio = volume.audioBase();
        TimeBase video = volume.videoBase();
        int rows = volume.audioSteps();
        int columns = volume.videoSteps();
        double[] means = new double[2 * maxLagSteps + 1];
        for (int d = -maxLagSteps; d <= maxLagSteps; d++) {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < columns; t++) {
                long row = audio.nearest(video.timeOf(t + d));
                if (row >= 0 && row < rows) {
                    sum += volume.get((int) row, t);
                    n++;
                }
            }
            means[d + maxLagSteps] = n == 0 ? Double.NaN : sum / n;
        }
        return means;
    }

    /** Softmax of {@code values / temperature}, NaN entries excluded (probability 0). */
    static double[] softmax(double[] values, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        double[] p = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            p[i] = Double.isNaN(values[i]) ? 0 : Math.exp((values[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = sum > 0 ? p[i] / sum : 0;
        }
        return p;
    }
}
