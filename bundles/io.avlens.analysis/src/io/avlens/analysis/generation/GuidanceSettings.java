package io.avlens.analysis.generation;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How one sample is generated: classifier-free guidance scale {@code ω}, classifier guidance scale {@code γ}
 * (methods.md §4: {@code ε̃ = ε(∅) + ω (ε(c) − ε(∅)) − γ √(1−ᾱ_t) ∇ log P(y=1 | x_t, t, E_v)}), the number of
 * sampler steps, the sampler and the seed of the initial noise. {@code ω = 1, γ = 0} is the plain conditional model;
 * {@code ω = 0} the unconditional one.
 *
 * @param omega   classifier-free guidance scale, ≥ 0
 * @param gamma   classifier guidance scale, ≥ 0
 * @param steps   sampler steps, 1 … 1000
 * @param sampler {@link #DPM} or {@link #DDIM}
 * @param seed    seed of the initial noise, together with the clip ({@link #noiseSeed}): for one clip the same seed
 *                gives the same noise, so cells differ only by guidance; other clips get noise of their own
 */
public record GuidanceSettings(double omega, double gamma, int steps, String sampler, long seed) {

    /** DPM-Solver++(2M). */
    public static final String DPM = "dpm";
    /** DDIM (η = 0). */
    public static final String DDIM = "ddim";

    /** Diff-Foley's notebook defaults: ω 4.5, γ 50, 25 DPM-Solver steps, seed 21. */
    public static final GuidanceSettings DEFAULT = new GuidanceSettings(4.5, 50, 25, DPM, 21);

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public GuidanceSettings {
        if (!(omega >= 0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("omega (classifier-free guidance scale) must be ≥ 0, not " + omega);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma (classifier guidance scale) must be ≥ 0, not " + gamma);
        }
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must be 1 to 1000, not " + steps);
        }
        if (!DPM.equals(sampler) && !DDIM.equals(sampler)) {
            throw new IllegalArgumentException("sampler must be '" + DPM + "' or '" + DDIM + "', not '" + sampler
                    + "'");
        }
    }

    /** The same settings with another seed. */
    public GuidanceSettings withSeed(long newSeed) {
        return new GuidanceSettings(omega, gamma, steps, sampler, newSeed);
    }

    /** The same settings with other scales. */
    public GuidanceSettings withScales(double newOmega, double newGamma) {
        return new GuidanceSettings(newOmega, newGamma, steps, sampler, seed);
    }

    /**
     * The seed of the initial noise of the sample for the clip named {@code clip} (its media file's name without the
     * extension): {@link #seed()} mixed with a 64-bit hash of the name. A clip gets the same noise every time and in
     * every cell of one seed; two clips get different noise, so a figure over many clips averages over the noise
     * as well, rather than measuring every clip from one noise draw.
     */
    public long noiseSeed(String clip) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name's UTF-8 bytes
        for (byte b : clip.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed + 0x9e3779b97f4a7c15L * (h | 1); // SplitMix64's finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A file-name stem for these settings, e.g. {@code w4.5-g50-dpm25-s21}. */
    public String stem() {
        return String.format(Locale.ROOT, "w%s-g%s-%s%d-s%d", number(omega), number(gamma), sampler, steps, seed);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
