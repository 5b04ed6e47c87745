package io.avlens.core.profile;

import java.util.List;
import java.util.Optional;

/**
 * The profiles AV Lens knows by name: its built-in {@code avshapes-small} and the official profiles of the seed
 * models (methods.md §0), against which imported checkpoints are checked.
 */
public final class Profiles {

    /**
     * AV Lens's built-in models: 8 fps 64×64, 16 kHz, 64 mels with n_fft 512 and hop 250 (64 mel frames per second,
     * 8 per video frame), 4 s clips.
     */
    public static final PreprocessingProfile AVSHAPES_SMALL = new PreprocessingProfile("avshapes-small",
            new VideoSpec(8, 64, 64, FrameFit.CENTER_CROP), 16_000,
            new MelSpec(512, 250, 64, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB), 4);

    /**
     * Diff-Foley's CAVP: 4 fps 224×224, squashed as the official demo does ({@code Resize((224, 224))}), 16 kHz,
     * 128 mels n_fft 1024 hop 256, 125–7600 Hz, unit dB; 8 s.
     */
    public static final PreprocessingProfile DIFF_FOLEY_CAVP = new PreprocessingProfile("diff-foley-cavp",
            new VideoSpec(4, 224, 224, FrameFit.STRETCH), 16_000,
            new MelSpec(1024, 256, 128, 125, 7600, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB), 8);

    /** DenseAV: 224×224 frames (short side 224, centre crop), 16 kHz raw audio to the model's HuBERT; 10 s. */
    public static final PreprocessingProfile DENSEAV = new PreprocessingProfile("denseav",
            new VideoSpec(1, 224, 224, FrameFit.CENTER_CROP), 16_000, null, 10);

    /** CondFoleyGen: 15 fps 640×360, 22.05 kHz, 80 mels; 2 s. */
    public static final PreprocessingProfile CONDFOLEYGEN = new PreprocessingProfile("condfoleygen",
            new VideoSpec(15, 640, 360, FrameFit.CENTER_CROP), 22_050,
            new MelSpec(1024, 256, 80, 125, 7600, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB), 2);

    /** Action2Sound: 16 frames of 224×224 over a 3 s clip, 16 kHz, 128 mels × 196 frames. */
    public static final PreprocessingProfile ACTION2SOUND = new PreprocessingProfile("action2sound",
            new VideoSpec(16 / 3.0, 224, 224, FrameFit.CENTER_CROP), 16_000,
            new MelSpec(1024, 245, 128, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB), 3);

    private static final List<PreprocessingProfile> ALL =
            List.of(AVSHAPES_SMALL, DIFF_FOLEY_CAVP, DENSEAV, CONDFOLEYGEN, ACTION2SOUND);

    private Profiles() {
    }

    /** Every known profile. */
    public static List<PreprocessingProfile> all() {
        return ALL;
    }

    /** The known profile with this id. */
    public static Optional<PreprocessingProfile> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
