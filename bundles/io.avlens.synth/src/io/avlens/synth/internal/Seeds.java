package io.avlens.synth.internal;

/**
 * Counter-based random numbers (SplitMix64's finaliser): a value is a function of a seed and a position alone, so
 * noise at a given audio sample is the same however the signal around it is cut or shifted, and clips can be made
 * in any order on any thread.
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value of {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed of clip {@code index} of the dataset with seed {@code seed}. */
    public static long clipSeed(long seed, int index) {
        return mix(mix(seed ^ 0x5eed_a5a5_0000_0000L) + index * 0x9E3779B97F4A7C15L);
    }

    /** A seed for one purpose ({@code stream}) of a clip. */
    public static long stream(long clipSeed, long stream) {
        return mix(clipSeed + stream * 0xD1B54A32D192ED03L);
    }

    /** Uniform noise in [-1, 1) at position {@code i} of the stream {@code seed}. */
    public static double noise(long seed, long i) {
        return (mix(seed + i * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-52 - 1;
    }
}
