package io.avlens.media.dsp;

import io.avlens.core.profile.LogCompression;

/** The {@link LogCompression} formulas and their inverses, in one place for the analysis and the vocoder. */
final class MelCompression {

    /** Floor below which mel values are clipped before a logarithm (Diff-Foley's {@code LowerThresh(1e-5)}). */
    static final double FLOOR = 1e-5;

    private MelCompression() {
    }

    /** The compressed value of a mel energy {@code x ≥ 0}. */
    static double compress(LogCompression compression, double x) {
        return switch (compression) {
            case NONE -> x;
            case NATURAL_LOG -> Math.log(Math.max(x, FLOOR));
            case DECIBEL -> 20 * Math.log10(Math.max(x, FLOOR));
            case UNIT_DB -> Math.min(1, Math.max(0, (20 * Math.log10(Math.max(x, FLOOR)) - 20 + 100) / 100));
        };
    }

    /**
     * The mel energy a compressed value stands for. Clipping is not undone: a unit-dB 0 gives the energy at the
     * clip (−80 dB, 1e-4), a logarithm at the floor gives the floor.
     */
    static double expand(LogCompression compression, double v) {
        return switch (compression) {
            case NONE -> Math.max(0, v);
            case NATURAL_LOG -> Math.exp(v);
            case DECIBEL -> Math.pow(10, v / 20);
            case UNIT_DB -> Math.pow(10, (100 * v - 100 + 20) / 20);
        };
    }
}
