package io.avlens.ui.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A sound that can play with a clip's frames instead of the clip's own: a generated soundtrack, another take, a
 * filtered version. It must share the clip's time base (its sample 0 is the clip's time 0); a shorter one is padded
 * with silence, a longer one is cut at the clip's end.
 *
 * @param id    unique among the clip's soundtracks (e.g. the sample's file); never {@link Soundtracks#ORIGINAL}
 * @param label what the user sees, e.g. {@code "generated (ω 4.5, γ 50, seed 21)"}
 * @param file  an audio file FFmpeg reads (a WAV), decoded at whatever rate the views need
 */
public record Soundtrack(String id, String label, Path file) {

    /** @throws IllegalArgumentException when a field is missing or the id is the original's */
    public Soundtrack {
        Objects.requireNonNull(file, "file");
        if (id == null || id.isBlank() || Soundtracks.ORIGINAL.equals(id) || label == null) {
            throw new IllegalArgumentException("a soundtrack needs an id other than '" + Soundtracks.ORIGINAL
                    + "' and a label, not " + id + ", " + label);
        }
    }
}
