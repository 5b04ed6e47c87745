package io.avlens.models.cavp;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;

/**
 * The sizes of a CAVP-small network. The time base is fixed by the profile: one feature step per video frame, and
 * {@link #melPerStep()} mel frames per step ({@code avshapes-small}: 8 fps, 64 mel frames/s, so 8).
 *
 * @param profile      the preprocessing profile the network reads
 * @param channels     feature width {@code C} of both encoders' outputs
 * @param videoWidths  output channels of the three strided per-frame convolutions
 * @param temporalWidth hidden width of the temporal convolutions of both encoders
 */
public record CavpConfig(PreprocessingProfile profile, int channels, int[] videoWidths, int temporalWidth) {

    /** The shipped {@code cavp-small}: C = 64. */
    public static CavpConfig small() {
        return new CavpConfig(Profiles.AVSHAPES_SMALL, 64, new int[] {16, 32, 64}, 96);
    }

    public CavpConfig {
        if (profile.mel() == null) {
            throw new IllegalArgumentException("CAVP needs a profile with a mel spectrogram, not " + profile.id());
        }
        double ratio = profile.melFramesPerSecond() / profile.video().fps();
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9) {
            throw new IllegalArgumentException("profile " + profile.id() + " has " + ratio
                    + " mel frames per video frame; CAVP-small needs a whole number");
        }
        if (channels < 1 || videoWidths.length != 3 || temporalWidth < 1) {
            throw new IllegalArgumentException("bad CAVP sizes: channels " + channels + ", " + videoWidths.length
                    + " video widths, temporal width " + temporalWidth);
        }
        videoWidths = videoWidths.clone();
    }

    /** Mel frames per feature step (per video frame). */
    public int melPerStep() {
        return (int) Math.rint(profile.melFramesPerSecond() / profile.video().fps());
    }

    /** Mel bins. */
    public int melBins() {
        return profile.mel().bins();
    }

    /** Frame height and width. */
    public int frameHeight() {
        return profile.video().height();
    }

    /** Frame width. */
    public int frameWidth() {
        return profile.video().width();
    }

    /** Feature steps in one training clip (profile clip length times fps: 32 for {@code avshapes-small}). */
    public int clipSteps() {
        return profile.video().frameCount(profile.clipSeconds());
    }

    @Override
    public int[] videoWidths() {
        return videoWidths.clone();
    }
}
