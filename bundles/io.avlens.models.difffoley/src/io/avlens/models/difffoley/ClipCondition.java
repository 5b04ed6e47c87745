package io.avlens.models.difffoley;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.models.cavp.StepAlignedClip;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What Diff-Foley-small generates sound for: one clip's frames at the model's profile, exactly one window
 * ({@code [steps, H, W, 3]}, RGB in [0, 1]; 32 frames of 64×64 for {@code avshapes-small}). A longer clip is cut
 * to its first window, a shorter one padded with black frames ({@link #padded()} says how many). Immutable.
 *
 * @param frames {@code [steps, H, W, 3]}
 * @param padded frames added after the clip's end (0 when it was long enough)
 */
public record ClipCondition(FloatTensor frames, int padded) {

    /** @throws IllegalArgumentException when the frames are not {@code [T, H, W, 3]} */
    public ClipCondition {
        if (frames.rank() != 4 || frames.dim(3) != 3) {
            throw new IllegalArgumentException("frames must be [T, H, W, 3], not "
                    + java.util.Arrays.toString(frames.shape()));
        }
    }

    /**
     * Decodes {@code media} at the profile and fits it to one window.
     *
     * @throws IOException naming the file when it cannot be decoded or has no picture or sound
     */
    public static ClipCondition decode(Path media, PreprocessingProfile profile) throws IOException {
        return of(StepAlignedClip.decode(media, profile), profile);
    }

    /** A decoded clip fitted to one window of {@code profile}. */
    public static ClipCondition of(StepAlignedClip clip, PreprocessingProfile profile) {
        int window = profile.video().frameCount(profile.clipSeconds());
        int padded = Math.max(0, window - clip.steps());
        FloatTensor f = clip.padTo(window).frames();
        if (f.dim(0) > window) {
            f = f.rows(0, window);
        }
        return new ClipCondition(f, padded);
    }

    /** The number of frames. */
    public int steps() {
        return frames.dim(0);
    }
}
