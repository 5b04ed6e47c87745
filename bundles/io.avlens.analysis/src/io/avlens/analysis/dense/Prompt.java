package io.avlens.analysis.dense;

/**
 * One instant at which the ground truth says which object the sound is about: a sound event of an object, or a
 * spoken word naming it.
 *
 * @param kind       sound- or word-prompted
 * @param label      the prompt's class, over which pixels are pooled (a sound's material, the word said)
 * @param objectId   the prompted object's id in the clip's masks (pixel value)
 * @param seconds    picture time of the prompt's start, seconds: its frame is the one shown then
 * @param audioFrom  start of the prompt's audio span, media (sound) time, seconds
 * @param audioTo    end of the prompt's audio span, seconds
 */
public record Prompt(Kind kind, String label, int objectId, double seconds, double audioFrom, double audioTo) {

    /** What prompts the instant. */
    public enum Kind {
        /** A sound the object makes (hit, scratch). */
        SOUND,
        /** A spoken word that names the object. */
        WORD;

        /** The lower-case name used in reports ({@code sound}, {@code word}). */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks the span. */
    public Prompt {
        if (kind == null || label == null || !(audioTo >= audioFrom)) {
            throw new IllegalArgumentException("a prompt needs a kind, a label and an audio span, got " + kind + " "
                    + label + " [" + audioFrom + ", " + audioTo + "]");
        }
    }

    /**
     * The audio steps of {@code features} that the span covers: the steps starting within it, or the step nearest
     * its middle when none does. Returns {@code {first, last}} (inclusive).
     */
    public int[] steps(DenseFeatures features) {
        int count = features.steps();
        int first = (int) Math.ceil(features.audioTime().indexOf(audioFrom) - 1e-9);
        int last = (int) Math.floor(features.audioTime().indexOf(audioTo) + 1e-9);
        first = Math.max(0, first);
        last = Math.min(count - 1, last);
        if (first > last) {
            int mid = features.stepAt((audioFrom + audioTo) / 2);
            return new int[] {mid, mid};
        }
        return new int[] {first, last};
    }
}
