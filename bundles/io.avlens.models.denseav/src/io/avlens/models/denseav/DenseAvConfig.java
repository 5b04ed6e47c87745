package io.avlens.models.denseav;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;

/**
 * The sizes of a DenseAV-small network and the time bases they imply. The image encoder halves the frame twice
 * (64×64 → a 16×16 map); the audio encoder halves mel bands and mel frames three times (64 bands → {@code F = 8},
 * 64 mel frames/s → 8 steps/s, one audio step per video frame of the {@code avshapes-small} profile).
 *
 * @param profile       the preprocessing profile the network reads
 * @param heads         {@code K}
 * @param headChannels  {@code C}, channels per head (the encoders output {@code K·C})
 * @param width         hidden width of both encoders
 * @param windowSeconds training pairs one frame with the audio of {@code ±windowSeconds} around it
 * @param imageChannels channels of each frame the image encoder reads: {@value #RGB} (the frame's RGB, the shipped
 *                      weights') or {@value #RGB_MOTION} (RGB, then its change since the previous video frame,
 *                      {@link DenseClip#frames(int, int, int)})
 * @param localCells    false: the image encoder's 3×3 convolutions, a map cell sees about 21 pixels around it; true
 *                      (the shipped weights'): each map cell is computed from its own 4×4 pixels only (a 4×4
 *                      stride-4 convolution, then 1×1 convolutions), so a cell cannot stand for what lies next to it
 */
public record DenseAvConfig(PreprocessingProfile profile, int heads, int headChannels, int width,
        double windowSeconds, int imageChannels, boolean localCells) {

    /** Image channels of a frame alone: RGB. */
    public static final int RGB = 3;
    /** Image channels of a frame with its motion: RGB, then RGB minus the previous video frame's RGB. */
    public static final int RGB_MOTION = 6;

    /** Spatial down-sampling of the image encoder (two stride-2 convolutions). */
    public static final int IMAGE_STRIDE = 4;
    /** Down-sampling of the audio encoder in mel bands and in mel frames (three stride-2 convolutions). */
    public static final int AUDIO_STRIDE = 8;

    /** The shipped {@code denseav-small}'s hidden width. */
    public static final int SMALL_WIDTH = 32;
    /** The shipped {@code denseav-small}'s channels per head. */
    public static final int SMALL_HEAD_CHANNELS = 16;

    /**
     * The shipped {@code denseav-small}: K = 2 heads of C = 16 channels, hidden width 32, ±0.5 s of audio, the
     * cell-local image encoder ({@link #localCells()}; the weights shipped before it used the 3×3 one).
     */
    public static DenseAvConfig small() {
        return new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, SMALL_HEAD_CHANNELS, SMALL_WIDTH, 0.5, RGB, true);
    }

    /** This network with other channels per head and hidden width (the rest unchanged). */
    public DenseAvConfig withSizes(int headChannels, int width) {
        return new DenseAvConfig(profile, heads, headChannels, width, windowSeconds, imageChannels, localCells);
    }

    /** This network with the image encoder of {@code local} ({@link #localCells()}; the rest unchanged). */
    public DenseAvConfig withLocalCells(boolean local) {
        return new DenseAvConfig(profile, heads, headChannels, width, windowSeconds, imageChannels, local);
    }

    /**
     * A network with the 3×3 image encoder (cells see their neighbourhood, {@link #localCells()} false: the weights
     * shipped before the cell-local one, and every descriptor without the encoder note).
     */
    public DenseAvConfig(PreprocessingProfile profile, int heads, int headChannels, int width, double windowSeconds,
            int imageChannels) {
        this(profile, heads, headChannels, width, windowSeconds, imageChannels, false);
    }

    /** A network that reads the frame's RGB only ({@value #RGB} image channels). */
    public DenseAvConfig(PreprocessingProfile profile, int heads, int headChannels, int width, double windowSeconds) {
        this(profile, heads, headChannels, width, windowSeconds, RGB);
    }

    public DenseAvConfig {
        if (profile.mel() == null || profile.video() == null) {
            throw new IllegalArgumentException("DenseAV-small needs a profile with frames and a mel spectrogram, not "
                    + profile.id());
        }
        if (heads < 1 || headChannels < 1 || width < 1 || !(windowSeconds > 0)) {
            throw new IllegalArgumentException("bad DenseAV sizes: heads " + heads + ", channels " + headChannels
                    + ", width " + width + ", window " + windowSeconds + " s");
        }
        if (imageChannels != RGB && imageChannels != RGB_MOTION) {
            throw new IllegalArgumentException("DenseAV-small reads " + RGB + " image channels (RGB) or "
                    + RGB_MOTION + " (RGB and its change since the previous frame), not " + imageChannels);
        }
        if (profile.mel().bins() % AUDIO_STRIDE != 0 || profile.video().height() % IMAGE_STRIDE != 0
                || profile.video().width() % IMAGE_STRIDE != 0) {
            throw new IllegalArgumentException("profile " + profile.id() + ": mel bands must be a multiple of "
                    + AUDIO_STRIDE + " and the frame size of " + IMAGE_STRIDE);
        }
    }

    /** This network reading {@code channels} image channels ({@value #RGB} or {@value #RGB_MOTION}). */
    public DenseAvConfig withImageChannels(int channels) {
        return new DenseAvConfig(profile, heads, headChannels, width, windowSeconds, channels, localCells);
    }

    /** Whether the image encoder also reads each frame's change since the previous frame. */
    public boolean motion() {
        return imageChannels == RGB_MOTION;
    }

    /** {@code K·C}. */
    public int channels() {
        return heads * headChannels;
    }

    /** Mel bands. */
    public int melBins() {
        return profile.mel().bins();
    }

    /** Frame height. */
    public int frameHeight() {
        return profile.video().height();
    }

    /** Frame width. */
    public int frameWidth() {
        return profile.video().width();
    }

    /** Rows of the image feature map. */
    public int mapHeight() {
        return frameHeight() / IMAGE_STRIDE;
    }

    /** Columns of the image feature map. */
    public int mapWidth() {
        return frameWidth() / IMAGE_STRIDE;
    }

    /** Frequency rows of the audio features, {@code F}. */
    public int freqs() {
        return melBins() / AUDIO_STRIDE;
    }

    /** Audio feature steps per second (the mel frame rate over {@link #AUDIO_STRIDE}). */
    public double audioStepsPerSecond() {
        return profile.melFramesPerSecond() / AUDIO_STRIDE;
    }

    /** Mel frames of one training window ({@code 2 · windowSeconds}), a multiple of {@link #AUDIO_STRIDE}. */
    public int windowMelFrames() {
        int steps = (int) Math.round(2 * windowSeconds * audioStepsPerSecond());
        return Math.max(1, steps) * AUDIO_STRIDE;
    }

    /** Video frames in one profile window (32 for {@code avshapes-small}). */
    public int clipFrames() {
        return profile.video().frameCount(profile.clipSeconds());
    }
}
