package io.avlens.synth;

import java.util.Locale;

/**
 * What a clip's narration tells. {@link #FULL} (the default, the original AV-Shapes) says what is seen and what is
 * heard: "a glass circle drifts silently through the air", "a wooden square slides across the floor with a scraping
 * sound", "something out of view clatters". {@link #SEEN} says only what is seen, as a narrator who watches the
 * picture without its sound (the narrations of SoundingActions' Ego4D data describe what the person does, not what is
 * heard): "a glass circle drifts through the air", "a wooden square slides across the floor", "a metal triangle hits
 * the floor twice and bounces off the wall once" (hits and bounces are visible motion); no word about sound or
 * silence and no off-screen clause. The pictures, sounds and ground truth are the same for both.
 */
public enum NarrationScope {
    /** What is seen and what is heard (the original AV-Shapes, byte for byte). */
    FULL,
    /** Only what is seen. */
    SEEN;

    /** The name on the command line and in descriptions: {@code full} or {@code seen}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The narration named {@code id} ({@code full} or {@code seen}, any case).
     *
     * @throws IllegalArgumentException for another name
     */
    public static NarrationScope parse(String id) {
        for (NarrationScope n : values()) {
            if (n.id().equalsIgnoreCase(id.strip())) {
                return n;
            }
        }
        throw new IllegalArgumentException("narration must be full or seen, not '" + id + "'");
    }
}
