package io.avlens.models.denseav;

import io.avlens.core.io.MediaFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.media.AudioReader;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.media.VideoFrames;
import io.avlens.media.dsp.LogMelSpectrogram;
import io.avlens.media.AudioSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A clip decoded for DenseAV-small, picture and sound on one step grid: {@code T} video frames, the
 * {@code T·s} log-mel frames of their display intervals ({@code s = }{@value DenseAvConfig#AUDIO_STRIDE} mel frames
 * per audio step, so audio step {@code t} is the sound of video frame {@code t} on {@code avshapes-small}) and the RMS
 * of the waveform in each audio step, from which the non-silence mask is made ({@link #voiced}). Frames are kept as
 * bytes (RGB × 255) so a few hundred training clips fit in a small heap. The one place DenseAV-small's input is made
 * from a media file, for training, the heatmap task and the command line alike.
 *
 * @param id     the clip's file name without extension
 * @param steps  {@code T}
 * @param frames {@code [T, H, W, 3]} bytes, value / 255 is RGB in [0, 1]
 * @param mel    {@code [bins, T·s]} log-mel in [0, 1]
 * @param rms    {@code [T]} waveform RMS per audio step (full scale 1)
 */
public record DenseClip(String id, int steps, byte[] frames, float[] mel, float[] rms) {

    /**
     * An audio step is silence when the RMS of its waveform is below this (−60 dBFS): digital silence and padding, not
     * the quiet ambient bed every AV-Shapes clip has (its RMS alone is above this threshold).
     */
    public static final double SILENCE_RMS = 1e-3;

    /** The percentile of a clip's step RMS taken as its ambient level ({@link #ambientLevel()}). */
    public static final int AMBIENT_PERCENTILE = 20;

    /**
     * Decodes {@code media} at {@code config}'s profile.
     *
     * @throws IOException naming the file when it cannot be decoded, has no picture or no sound, or is shorter than
     *                     one video frame
     */
    public static DenseClip decode(Path media, DenseAvConfig config) throws IOException {
        PreprocessingProfile profile = config.profile();
        int s = DenseAvConfig.AUDIO_STRIDE;
        double ratio = profile.melFramesPerSecond() / profile.video().fps();
        if (Math.abs(ratio - s) > 1e-9) {
            throw new IOException(media + ": profile " + profile.id() + " has " + ratio + " mel frames per video "
                    + "frame; DenseAV-small needs " + s);
        }
        VideoFrames frames;
        AudioSignal sound;
        float[] melAll;
        int melFrames;
        try {
            frames = new FrameReader(profile.video()).read(media);
            sound = AudioReader.read(media, profile.sampleRate());
            var mel = LogMelSpectrogram.of(profile).compute(sound);
            melAll = mel.toArray();
            melFrames = mel.dim(1);
        } catch (MediaException | IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IOException(m != null && m.contains(media.toString()) ? m : media + ": " + m, e);
        }
        int steps = Math.min(frames.count(), melFrames / s);
        if (steps < 1) {
            throw new IOException(media + ": too short for one video frame of picture and sound");
        }
        int bins = config.melBins();
        int cols = steps * s;
        float[] mel = new float[bins * cols];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(melAll, b * melFrames, mel, b * cols, cols);
        }
        float[] fv = frames.tensor().toArray();
        byte[] bytes = new byte[steps * frames.height() * frames.width() * 3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.round(fv[i] * 255f);
        }
        return new DenseClip(MediaFiles.stem(media), steps, bytes, mel,
                rms(sound, steps, 1 / config.audioStepsPerSecond()));
    }

    /** RMS of each of {@code steps} windows of {@code stepSeconds} from the start. */
    static float[] rms(AudioSignal sound, int steps, double stepSeconds) {
        float[] x = sound.samples();
        float[] out = new float[steps];
        for (int t = 0; t < steps; t++) {
            int from = (int) Math.round(t * stepSeconds * sound.sampleRate());
            int to = Math.min(x.length, (int) Math.round((t + 1) * stepSeconds * sound.sampleRate()));
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += x[i] * x[i];
            }
            out[t] = to > from ? (float) Math.sqrt(sum / (to - from)) : 0f;
        }
        return out;
    }

    /** The non-silence mask: {@code rms[t] ≥ }{@value #SILENCE_RMS}. */
    public boolean[] voiced() {
        boolean[] v = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            v[t] = rms[t] >= SILENCE_RMS;
        }
        return v;
    }

    /**
     * The clip's ambient level: the {@value #AMBIENT_PERCENTILE}th percentile of its per-step RMS (the level of the
     * bed under the events when, as in AV-Shapes, events fill less than that share of the clip), at least
     * {@value #SILENCE_RMS}.
     */
    public double ambientLevel() {
        float[] sorted = Arrays.copyOf(rms, steps);
        Arrays.sort(sorted);
        int at = (int) Math.floor(AMBIENT_PERCENTILE / 100.0 * (steps - 1));
        return Math.max(SILENCE_RMS, sorted[at]);
    }

    /**
     * The non-silence mask measured against the ambient bed: {@code rms[t] ≥ factor · }{@link #ambientLevel()} (and
     * ≥ {@value #SILENCE_RMS}), so steps holding only the bed count as silence; {@code factor ≤ 0} gives
     * {@link #voiced()}.
     */
    public boolean[] voicedAboveAmbient(double factor) {
        if (!(factor > 0)) {
            return voiced();
        }
        double threshold = Math.max(SILENCE_RMS, factor * ambientLevel());
        boolean[] v = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            v[t] = rms[t] >= threshold;
        }
        return v;
    }

    /** Frame {@code i} as floats in [0, 1], {@code [H·W·3]}, into {@code out} at {@code offset}. */
    void frame(int i, float[] out, int offset) {
        int n = frames.length / steps;
        for (int p = 0; p < n; p++) {
            out[offset + p] = (frames[i * n + p] & 0xff) / 255f;
        }
    }

    /**
     * Frame {@code i} as the image encoder's input of {@code channels} channels, {@code [H·W·channels]}, into
     * {@code out} at {@code offset}: {@value DenseAvConfig#RGB} channels are the frame's RGB in [0, 1] (as
     * {@link #frame}); {@value DenseAvConfig#RGB_MOTION} add, per pixel after its RGB, the change of each of R, G, B
     * since frame {@code i − 1} (in [−1, 1]; 0 for the first frame of this clip, so a {@link #span} starts without
     * change, and a padded black frame's change is minus the last real frame).
     *
     * @throws IllegalArgumentException for another channel count
     */
    void frame(int i, int channels, float[] out, int offset) {
        if (channels == DenseAvConfig.RGB) {
            frame(i, out, offset);
            return;
        }
        if (channels != DenseAvConfig.RGB_MOTION) {
            throw new IllegalArgumentException("a DenseAV frame has " + DenseAvConfig.RGB + " or "
                    + DenseAvConfig.RGB_MOTION + " channels, not " + channels);
        }
        int n = frames.length / steps;
        int at = i * n;
        int before = (i - 1) * n;
        for (int p = 0; p < n; p++) {
            int rgb = frames[at + p] & 0xff;
            int change = i > 0 ? rgb - (frames[before + p] & 0xff) : 0;
            int q = offset + (p / 3) * 6 + p % 3;
            out[q] = rgb / 255f;
            out[q + 3] = change / 255f;
        }
    }

    /**
     * Frames {@code [from, from + count)} as the image encoder's input {@code [count, H, W, channels]}
     * ({@link #frame(int, int, float[], int)}), the change of frame {@code from} taken against frame
     * {@code from − 1} when there is one.
     */
    public float[] frames(int from, int count, int channels) {
        if (from < 0 || count < 0 || from + count > steps) {
            throw new IllegalArgumentException("frames " + from + " to " + (from + count) + " are not inside the "
                    + steps + " steps of " + id);
        }
        int n = frames.length / steps / 3 * channels;
        float[] out = new float[count * n];
        for (int k = 0; k < count; k++) {
            frame(from + k, channels, out, k * n);
        }
        return out;
    }

    /**
     * This clip padded to {@code target} steps: black frames, silent log-mel (0, the floor of its range) and RMS 0
     * (so the padded steps are silence); itself when it is that long already.
     */
    public DenseClip padTo(int target) {
        if (target <= steps) {
            return this;
        }
        int bins = mel.length / (steps * DenseAvConfig.AUDIO_STRIDE);
        int cols = steps * DenseAvConfig.AUDIO_STRIDE;
        int padded = target * DenseAvConfig.AUDIO_STRIDE;
        float[] out = new float[bins * padded];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(mel, b * cols, out, b * padded, cols);
        }
        return new DenseClip(id, target, Arrays.copyOf(frames, frames.length / steps * target), out,
                Arrays.copyOf(rms, target));
    }

    /**
     * Steps {@code [from, from + count)} of this clip as a clip of their own (picture, log-mel and RMS cut alike), for
     * a query by a time span.
     *
     * @throws IllegalArgumentException when the range is empty or not inside the clip
     */
    public DenseClip span(int from, int count) {
        if (from < 0 || count < 1 || from + count > steps) {
            throw new IllegalArgumentException("steps " + from + " to " + (from + count) + " are not inside the "
                    + steps + " steps of " + id);
        }
        int s = DenseAvConfig.AUDIO_STRIDE;
        int bins = mel.length / (steps * s);
        int cols = steps * s;
        float[] out = new float[bins * count * s];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(mel, b * cols + from * s, out, b * count * s, count * s);
        }
        int n = frames.length / steps;
        return new DenseClip(id, count, Arrays.copyOfRange(frames, from * n, (from + count) * n), out,
                Arrays.copyOfRange(rms, from, from + count));
    }
}
