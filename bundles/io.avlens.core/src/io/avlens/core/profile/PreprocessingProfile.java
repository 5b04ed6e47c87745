package io.avlens.core.profile;

/**
 * What a model consumes: frames, mono audio at a sample rate, a log-mel spectrogram and a clip length
 * (methods.md §0). Frames or mel may be absent for models that do not use them.
 *
 * @param id          stable identifier, e.g. {@code avshapes-small}
 * @param video       frames, or {@code null} when the model takes no frames
 * @param sampleRate  audio sample rate in Hz (mono)
 * @param mel         log-mel settings, or {@code null} when the model takes raw audio or computes its own
 * @param clipSeconds length of one model input window, seconds
 */
public record PreprocessingProfile(String id, VideoSpec video, int sampleRate, MelSpec mel, double clipSeconds) {

    /** @throws IllegalArgumentException when a setting is impossible */
    public PreprocessingProfile {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a profile needs an id");
        }
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException(id + ": sample rate must be in [1000, 384000] Hz, not " + sampleRate);
        }
        if (mel != null && mel.fmax() > sampleRate / 2.0 + 1e-9) {
            throw new IllegalArgumentException(
                    id + ": mel fmax " + mel.fmax() + " Hz is above the Nyquist frequency " + sampleRate / 2.0);
        }
        if (!(clipSeconds > 0) || clipSeconds > 3600) {
            throw new IllegalArgumentException(id + ": clip length must be in (0, 3600] s, not " + clipSeconds);
        }
    }

    /** Mel frames per second, {@code sampleRate / hop}; 0 without a mel spectrogram. */
    public double melFramesPerSecond() {
        return mel == null ? 0 : (double) sampleRate / mel.hop();
    }
}
