package io.avlens.core.profile;

/** How mel energies are compressed after the filter bank. */
public enum LogCompression {
    /** The mel energies themselves. */
    NONE,
    /** {@code ln(max(x, 1e-5))}. */
    NATURAL_LOG,
    /** {@code 20 log10(max(x, 1e-5))}, decibels of a magnitude spectrogram. */
    DECIBEL,
    /**
     * Diff-Foley's (SpecVQGAN's) transform of a magnitude mel spectrogram: {@code clip((20 log10(max(x, 1e-5)) - 20
     * + 100) / 100, 0, 1)}, i.e. −100 dB…0 dB relative to 20 dB mapped onto [0, 1].
     */
    UNIT_DB
}
