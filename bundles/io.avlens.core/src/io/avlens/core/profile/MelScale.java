package io.avlens.core.profile;

/** The frequency-to-mel mapping of a filter bank. */
public enum MelScale {
    /** Slaney's Auditory Toolbox scale: linear below 1 kHz, logarithmic above (librosa's default, {@code htk=False}). */
    SLANEY,
    /** The HTK formula {@code 2595 log10(1 + f/700)}. */
    HTK
}
