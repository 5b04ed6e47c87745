package io.avlens.analysis.similarity;

/**
 * The audio-visual offset a similarity volume shows, as {@link SyncOffsetEstimator} finds it.
 *
 * <p>Sign: {@code lagSeconds > 0} means the sound comes <em>later</em> than the picture (the audio of a hit is
 * heard {@code lagSeconds} after the frame that shows it; the bright diagonal runs below the zero-lag diagonal).
 * To re-synchronise, delay the picture by {@code lagSeconds} or advance the sound by it.
 *
 * @param lagSteps    the best lag {@code d*}, video steps
 * @param lagSeconds  {@code d*} in seconds ({@code d* × videoStep})
 * @param confidence  softmax probability of {@code d*} among all lags, in (0, 1]
 * @param maxLagSteps {@code D}: lags {@code −D … D} were tried
 * @param videoStep   seconds per video step
 * @param temperature the softmax temperature
 * @param bandMeans   {@code mean_t S[t+d, t]} for {@code d = −D … D} (index {@code d + D}); NaN where the band
 *                    holds no cell
 */
public record SyncEstimate(int lagSteps, double lagSeconds, double confidence, int maxLagSteps, double videoStep,
        double temperature, double[] bandMeans) {

    /** Keeps its own copy of the band means. */
    public SyncEstimate {
        bandMeans = bandMeans.clone();
    }

    /** The band means (a copy), index {@code d + maxLagSteps}. */
    @Override
    public double[] bandMeans() {
        return bandMeans.clone();
    }

    /** {@code mean_t S[t+d, t]} for lag {@code d} in video steps. */
    public double bandMean(int d) {
        return bandMeans[d + maxLagSteps];
    }

    /** The softmax probability of every lag, index {@code d + maxLagSteps}; 0 where the band mean is NaN. */
    public double[] probabilities() {
        return SyncOffsetEstimator.softmax(bandMeans, temperature);
    }
}
