package io.avlens.inference.descriptor;

/**
 * One way a clip differs from what a model was trained on.
 *
 * @param field    what differs: {@code video}, {@code audio}, {@code fps}, {@code frameSize}, {@code sampleRate},
 *                 {@code channels}, {@code clipLength}
 * @param expected what the model's profile says
 * @param actual   what the clip has
 * @param severity whether the model can take the clip at all
 * @param message  one sentence for the user, naming the clip
 */
public record ContractMismatch(String field, String expected, String actual, Severity severity, String message) {

    /** How bad a mismatch is. */
    public enum Severity {
        /** The model cannot take the clip as it is (a missing stream, a clip shorter than one window). */
        ERROR,
        /**
         * AV Lens converts the clip (resamples, resizes, downmixes, cuts into windows): the model runs, but its
         * results may differ from the official pipeline's.
         */
        CONVERTED
    }
}
