package io.avlens.core.time;

import java.util.Objects;

/**
 * A user's note at an instant of a clip.
 *
 * @param time seconds
 * @param note free text, may be empty
 */
public record Bookmark(double time, String note) {

    /** @throws IllegalArgumentException when the time is not finite */
    public Bookmark {
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException("bookmark time must be finite: " + time);
        }
        note = Objects.requireNonNullElse(note, "");
    }
}
