package io.avlens.synth.internal;

import io.avlens.synth.Material;
import io.avlens.synth.SynthSpec;

/**
 * Synthesises the sounds of a scene sample by sample at 16 kHz: impacts by modal synthesis (see {@link Material}
 * for the table), scratches as coloured noise following the sliding speed. Every sound is added at
 * {@code scenePosition + lag} of the output, so a lagged clip's audio is its synchronised audio shifted by a whole
 * number of samples, and its noise is drawn by position ({@link Seeds#noise}) so the shift leaves it unchanged.
 * Stateless.
 */
final class SoundSynth {

    private static final int RATE = SynthSpec.SAMPLE_RATE;
    /** Modes above this are left out (they would alias), Hz. */
    private static final double HIGHEST_MODE = 0.45 * RATE;

    private SoundSynth() {
    }

    /** Peak amplitude of an impact at {@code speed} m/s: grows linearly with the speed, up to 0.7. */
    static double impactAmplitude(double speed) {
        return Math.min(0.7, 0.1 + 0.15 * speed);
    }

    /** Base frequency of an object of {@code radius} pixels in a frame of {@code size}, Hz. */
    static double frequency(Material m, double radius, int size) {
        return m.baseFrequency() * (10.0 * size / 128) / radius;
    }

    /** How long an impact stays within 40 dB of its start, seconds: the frames it counts as sounding. */
    static double audibleSeconds(Material m) {
        return m.longestDecay() * 40 / 60;
    }

    /**
     * Adds an impact starting at scene sample {@code start} to {@code out} (whose sample 0 is scene sample
     * {@code -lag}).
     */
    static void impact(float[] out, int start, int lag, Material m, double frequency, double speed, long noiseSeed) {
        double amplitude = impactAmplitude(speed);
        int length = (int) Math.ceil(m.longestDecay() * RATE);
        double gainSum = 0;
        for (int i = 0; i < m.modes(); i++) {
            gainSum += m.gain(i);
        }
        int from = Math.max(0, start + lag);
        int to = Math.min(out.length, start + lag + length);
        if (from >= to) {
            return;
        }
        for (int i = 0; i < m.modes(); i++) {
            double f = frequency * m.ratio(i);
            if (f >= HIGHEST_MODE) {
                continue;
            }
            double w = 2 * Math.PI * f / RATE;
            double r = Math.exp(-6.91 / (m.decay(i) * RATE));
            double g = amplitude * m.gain(i) / gainSum;
            // damped oscillator y[n] = 2 r cos(w) y[n-1] - r^2 y[n-2], which is r^n sin(w n)
            double c = 2 * r * Math.cos(w);
            double r2 = r * r;
            double y2 = 0;
            double y1 = r * Math.sin(w);
            for (int n = 0; n < length; n++) {
                double y = n == 0 ? 0 : n == 1 ? y1 : c * y1 - r2 * y2;
                if (n >= 2) {
                    y2 = y1;
                    y1 = y;
                }
                int at = start + lag + n;
                if (at >= from && at < to) {
                    out[at] += (float) (g * y);
                }
            }
        }
        double noise = amplitude * m.noise();
        int burst = (int) Math.ceil(6 * m.noiseDecay() * RATE);
        for (int n = 0; n < burst; n++) {
            int at = start + lag + n;
            if (at >= from && at < to) {
                out[at] += (float) (noise * Math.exp(-n / (m.noiseDecay() * RATE)) * Seeds.noise(noiseSeed, start + n));
            }
        }
    }

    /**
     * Adds a scratch from scene sample {@code start} to {@code end}: noise through a one-pole low-pass, its
     * amplitude following {@code speedAt} (m/s, linearly interpolated between frames).
     */
    static void scratch(float[] out, int start, int end, int lag, Material m, double[] frameSpeed, double fps,
            long noiseSeed) {
        double a = m.scratchSmoothing();
        double compensation = Math.sqrt((1 + a) / (1 - a));
        double y = 0;
        int fade = RATE / 100;
        for (int s = start; s < end; s++) {
            double frame = (s - start) * fps / RATE;
            int k = (int) Math.floor(frame);
            double v = k + 1 < frameSpeed.length
                    ? frameSpeed[k] + (frameSpeed[k + 1] - frameSpeed[k]) * (frame - k)
                    : frameSpeed[frameSpeed.length - 1];
            double amp = Math.min(0.25, 0.02 + 0.05 * Math.max(0, v));
            double ramp = Math.min(1, Math.min((s - start + 1) / (RATE / 500.0), (end - s) / (double) fade));
            y = a * y + (1 - a) * Seeds.noise(noiseSeed, s);
            int at = s + lag;
            if (at >= 0 && at < out.length) {
                out[at] += (float) (amp * ramp * compensation * y);
            }
        }
    }

    /**
     * Fills {@code out} with the ambient bed: low-passed noise (a 16-tap moving average), a little white noise and
     * mains hum with two harmonics, scaled so its RMS over scene samples {@code [0, out.length)} is {@code level}.
     */
    static void ambient(float[] out, int lag, double level, double humHz, double humShare, long noiseSeed) {
        int n = out.length;
        double[] raw = new double[n + Math.abs(lag)];
        int first = Math.min(0, -lag);
        rawAmbient(raw, first, humHz, humShare, noiseSeed);
        double sum = 0;
        for (int m = 0; m < n; m++) {
            double v = raw[m - first];
            sum += v * v;
        }
        double scale = level / Math.sqrt(sum / n);
        for (int i = 0; i < n; i++) {
            out[i] += (float) (scale * raw[i - lag - first]);
        }
    }

    /**
     * The unscaled bed at scene samples {@code first, first + 1, ...}. The moving average is a running sum of
     * integers, so each value is exact and does not depend on where the run started.
     */
    private static void rawAmbient(double[] raw, int first, double humHz, double humShare, long seed) {
        long sum = 0;
        for (int j = 1; j < 16; j++) {
            sum += tick(seed, first - j);
        }
        double unit = 0x1.0p-23 / 4 * Math.sqrt(3);
        for (int i = 0; i < raw.length; i++) {
            int m = first + i;
            sum += tick(seed, m);
            double bed = 0.8 * sum * unit + 0.2 * Math.sqrt(3) * Seeds.noise(seed ^ 0x77, m);
            sum -= tick(seed, m - 15);
            double t = m / (double) RATE;
            double hum = Math.sin(2 * Math.PI * humHz * t) + 0.5 * Math.sin(4 * Math.PI * humHz * t)
                    + 0.25 * Math.sin(6 * Math.PI * humHz * t);
            raw[i] = Math.sqrt(1 - humShare) * bed + Math.sqrt(humShare) * hum / Math.sqrt((1 + 0.25 + 0.0625) / 2);
        }
    }

    /** Uniform integer noise in [-2^23, 2^23) at position {@code m}. */
    private static long tick(long seed, long m) {
        return Seeds.mix(seed + m * 0x9E3779B97F4A7C15L) >> 41;
    }
}
