package io.avlens.models.mc3;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;

/**
 * The sizes of an MC3-small network. Audio and video keep their time structure: both encoders make one feature
 * vector per video frame (audio: one per {@value #AUDIO_STRIDE} mel frames, the sound of that frame on
 * {@code avshapes-small}) over a fixed window of {@link #steps()} steps, and the embedding is a linear map of the
 * whole {@code [width, steps]} sequence, so two clips that differ only in <em>when</em> something sounds or moves get
 * different vectors (a mean over time would make them equal): {@link #stepChannels()} × {@link #steps()} of the
 * {@code D} values are per step ({@code k} values a step, so a step can say what kind of activity it holds, not only
 * how much), the rest clip-level.
 *
 * @param profile    the preprocessing profile the network reads
 * @param dimension  {@code D}, the shared embedding size
 * @param width      channels of the per-step features of both encoders
 * @param buckets    hashed text-feature buckets ({@link TextFeatures})
 * @param textHidden   hidden width of the text MLP
 * @param stepChannels {@code k}, values per step of the embedding's per-step part (1: the first weights; 8: the
 *                     shipped ones)
 * @param localFrames  whether the frame encoder has a cell-local path beside its 3×3 one (false: the first weights;
 *                     true: the shipped ones)
 */
public record Mc3Config(PreprocessingProfile profile, int dimension, int width, int buckets, int textHidden,
        int stepChannels, boolean localFrames) {

    /** Mel frames per audio step (three stride-2 convolutions). */
    public static final int AUDIO_STRIDE = 8;

    /**
     * The first {@code mc3-small} (k = 1): D = 64, 32 channels per step, 4,096 text buckets, a 128-wide text MLP; the
     * shipped weights are this with 8 values per step and the cell-local frame path ({@code withStepChannels(8)
     * .withLocalFrames(true)}, D = 288), which their descriptor's D and note tell the loader.
     */
    public static Mc3Config small() {
        return new Mc3Config(Profiles.AVSHAPES_SMALL, 64, 32, TextFeatures.DEFAULT_BUCKETS, 128);
    }

    /** One value per step ({@code k = 1}) and the 3×3 frame encoder alone, as the first weights. */
    public Mc3Config(PreprocessingProfile profile, int dimension, int width, int buckets, int textHidden) {
        this(profile, dimension, width, buckets, textHidden, 1, false);
    }

    /** {@code k} values per step, the 3×3 frame encoder alone. */
    public Mc3Config(PreprocessingProfile profile, int dimension, int width, int buckets, int textHidden,
            int stepChannels) {
        this(profile, dimension, width, buckets, textHidden, stepChannels, false);
    }

    public Mc3Config {
        if (stepChannels < 1) {
            throw new IllegalArgumentException("MC3 step channels must be at least 1, not " + stepChannels);
        }
        if (profile.mel() == null || profile.video() == null) {
            throw new IllegalArgumentException("MC3-small needs a profile with frames and a mel spectrogram, not "
                    + profile.id());
        }
        if (dimension <= stepChannels * profile.video().frameCount(profile.clipSeconds()) || width < 1 || buckets < 1 || textHidden < 1) {
            throw new IllegalArgumentException("bad MC3 sizes (D must exceed the step channels × the window's steps): D " + dimension
                    + ", step channels " + stepChannels + ", width " + width + ", buckets "
                    + buckets + ", text hidden " + textHidden);
        }
        if (Math.abs(profile.melFramesPerSecond() / profile.video().fps() - AUDIO_STRIDE) > 1e-9
                || profile.video().height() % 32 != 0 || profile.video().width() % 32 != 0) {
            throw new IllegalArgumentException("profile " + profile.id() + ": MC3-small needs " + AUDIO_STRIDE
                    + " mel frames per video frame and a frame size that is a multiple of 32");
        }
    }

    /** Steps of the window, one per video frame: 32 for {@code avshapes-small} (4 s at 8 fps). */
    public int steps() {
        return profile.video().frameCount(profile.clipSeconds());
    }

    /** The clip-level part of the embedding, {@code D − k·T} values. */
    public int globalDimension() {
        return dimension - stepChannels * steps();
    }

    /** The per-step part of the embedding, {@code k·T} values (channel-major: the T values of channel 0 first). */
    public int stepDimension() {
        return stepChannels * steps();
    }

    /**
     * These sizes with {@code k} values per step and the same clip-level part: {@code D = k·T + (D − this k·T)}, so
     * {@code small().withStepChannels(4)} has D = 4·32 + 32 = 160.
     */
    public Mc3Config withStepChannels(int k) {
        return new Mc3Config(profile, k * steps() + globalDimension(), width, buckets, textHidden, k, localFrames);
    }

    /** These sizes with ({@code true}) or without the frame encoder's cell-local path ({@link Mc3Block}). */
    public Mc3Config withLocalFrames(boolean local) {
        return new Mc3Config(profile, dimension, width, buckets, textHidden, stepChannels, local);
    }

    /**
     * These sizes for weights whose embedding has {@code dimension} values: the same clip-level part and
     * {@code k = (D − clip-level) / T} values per step (for {@link #small()}: D = 64 is k = 1, 160 is k = 4, the shipped 288 is k = 8).
     *
     * @throws IllegalArgumentException naming D when it is not {@code k·T +} the clip-level part for a whole k ≥ 1
     */
    public Mc3Config forDimension(int dimension) {
        int global = globalDimension();
        int t = steps();
        if (dimension <= global || (dimension - global) % t != 0) {
            throw new IllegalArgumentException("an MC3 embedding of these sizes has k·" + t + " + " + global
                    + " values (k per step), not " + dimension);
        }
        return withStepChannels((dimension - global) / t);
    }

    /** Mel frames of the window. */
    public int melFrames() {
        return steps() * AUDIO_STRIDE;
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

    /** The window, seconds. */
    public double windowSeconds() {
        return steps() / profile.video().fps();
    }
}
