package io.avlens.media;

/**
 * Mono audio as float samples in [-1, 1] at a sample rate. The array is handed over, not copied: callers treat it
 * as read-only.
 *
 * @param samples    the samples
 * @param sampleRate samples per second
 */
public record AudioSignal(float[] samples, int sampleRate) {

    /** @throws IllegalArgumentException when the rate is not positive */
    public AudioSignal {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Root mean square of the samples (0 for no samples). */
    public double rms() {
        double sum = 0;
        for (float s : samples) {
            sum += s * (double) s;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }
}
