package io.avlens.models.difffoley;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;

/**
 * The sizes of Diff-Foley-small's networks. The time base comes from the profile: the denoiser works on the
 * log-mel {@code [bins, frames]} of one clip ({@code avshapes-small}: {@code [64, 256]} for 4 s), the condition is
 * CAVP-small's per-step video features {@code [steps, videoChannels]} ({@code [32, 64]}), one step per video frame,
 * {@link #melPerStep()} mel frames per step.
 *
 * @param profile         the preprocessing profile
 * @param videoChannels   width of the CAVP video features
 * @param condChannels    width of the projected condition
 * @param widths          the denoiser's channels at the three resolutions (full, half, quarter mel rate)
 * @param timeChannels    width of the timestep embedding
 * @param classifierWidth the alignment classifier's channels
 * @param groups          groups of the group normalisation (divides every width)
 * @param appearanceSize  side of the denoiser's per-step {@link Appearance} image (divides the frame's sides)
 * @param appearanceChannels width of the appearance encoder's per-step features
 */
public record DiffFoleyConfig(PreprocessingProfile profile, int videoChannels, int condChannels, int[] widths,
        int timeChannels, int classifierWidth, int groups, int appearanceSize, int appearanceChannels) {

    /** The shipped {@code diff-foley-small}. */
    public static DiffFoleyConfig small() {
        return new DiffFoleyConfig(Profiles.AVSHAPES_SMALL, 64, 32, new int[] {64, 96, 128}, 64, 64, 8, 32, 32);
    }

    /** A tiny network for tests (same profile, same time base). */
    public static DiffFoleyConfig tiny() {
        return new DiffFoleyConfig(Profiles.AVSHAPES_SMALL, 64, 8, new int[] {16, 16, 16}, 16, 16, 4, 16, 8);
    }

    /** @throws IllegalArgumentException when the sizes do not fit together */
    public DiffFoleyConfig {
        if (profile.mel() == null || profile.video() == null) {
            throw new IllegalArgumentException("Diff-Foley needs a profile with frames and a mel spectrogram, not "
                    + profile.id());
        }
        widths = widths.clone();
        if (widths.length != 3 || groups < 1 || classifierWidth % groups != 0) {
            throw new IllegalArgumentException("bad Diff-Foley sizes: " + widths.length + " widths, " + groups
                    + " groups");
        }
        for (int w : widths) {
            if (w % groups != 0) {
                throw new IllegalArgumentException("width " + w + " is not a multiple of " + groups + " groups");
            }
        }
        if (appearanceSize < 1 || profile.video().width() % appearanceSize != 0
                || profile.video().height() % appearanceSize != 0 || appearanceChannels < 1) {
            throw new IllegalArgumentException("the appearance image of " + appearanceSize
                    + " does not divide frames of " + profile.video().width() + "x" + profile.video().height());
        }
        if (timeChannels % 2 != 0) {
            throw new IllegalArgumentException("the timestep embedding needs an even width, not " + timeChannels);
        }
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** Values of one step's {@link Appearance} image. */
    public int appearanceValues() {
        return Appearance.CHANNELS * appearanceSize * appearanceSize;
    }

    /** Mel bins. */
    public int melBins() {
        return profile.mel().bins();
    }

    /** Video steps of one clip (32 for {@code avshapes-small}). */
    public int steps() {
        return profile.video().frameCount(profile.clipSeconds());
    }

    /** Mel frames per video step (8 for {@code avshapes-small}). */
    public int melPerStep() {
        return (int) Math.rint(profile.melFramesPerSecond() / profile.video().fps());
    }

    /** Mel frames of one clip (256 for {@code avshapes-small}). */
    public int melFrames() {
        return steps() * melPerStep();
    }
}
