package io.avlens.ui.media.internal;

/** Which sound the timeline shows when a generated soundtrack is compared with the original. */
public enum SoundMode {
    /** The clip's own sound. */
    ORIGINAL,
    /** The generated soundtrack. */
    GENERATED,
    /** Both: the waveforms drawn over each other, the spectrograms one above the other. */
    OVERLAY
}
