package io.avlens.models.denseav;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.TensorSpec;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.media.VideoFrames;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The dense features of a clip through a two-part model whose audio part reads the raw waveform, as the official
 * DenseAV's does (HuBERT computes its own features; {@code tools/export/export_denseav.py}): {@code image} takes
 * {@code frames [B, H, W, 3]} (RGB in [0, 1]) and returns {@code image [B, K, C, h, w]}; {@code audio} takes
 * {@code waveform [1, N]} (mono at the profile's sample rate, full scale 1) and returns {@code audio [1, K, C, F, T]}.
 * The audio time base is the model's own: {@code T} steps over the {@code N} samples, step {@code t} at
 * {@code t · N / (T · rate)} s; a step is silence when the RMS of its samples is below {@link DenseClip#SILENCE_RMS}.
 * Picture and sound are cut to the same span (the frames' {@code count / fps} s); a short clip is padded to one
 * profile window (black frames, zero samples) when the descriptor allows it. Stateless.
 */
final class DenseAvWaveformFeatures {

    /** The input name that marks an audio part reading the waveform. */
    static final String WAVEFORM = "waveform";

    /**
     * The features and how many seconds of padding were added.
     *
     * @param features      the dense features
     * @param paddedSeconds seconds of padding, 0 when none
     */
    record Result(DenseFeatures features, double paddedSeconds) {
    }

    private DenseAvWaveformFeatures() {
    }

    /** Whether {@code parts} is a two-part model whose audio part's first input is {@value #WAVEFORM}. */
    static boolean applies(ModelParts parts) {
        if (parts.isSingle() || !parts.has(DenseAvHeatmapTask.AUDIO_PART)) {
            return false;
        }
        List<TensorSpec> in = parts.byRole(DenseAvHeatmapTask.AUDIO_PART).spec().inputs();
        return !in.isEmpty() && WAVEFORM.equals(in.get(0).name());
    }

    static Result compute(ClipInput input, IProgressMonitor monitor) throws TaskException {
        Path media = input.media();
        PreprocessingProfile profile = input.descriptor().profile();
        if (profile.video() == null) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " has profile " + profile.id()
                    + " without frames; DenseAV's heatmaps need frames");
        }
        ModelParts parts = input.parts();
        if (!parts.has(DenseAvHeatmapTask.IMAGE_PART)) {
            throw new TaskException("model " + input.descriptor().id() + " has the parts " + parts.roles()
                    + "; DenseAV's heatmaps need an '" + DenseAvHeatmapTask.IMAGE_PART + "' and an '"
                    + DenseAvHeatmapTask.AUDIO_PART + "' part");
        }
        VideoFrames video;
        AudioSignal sound;
        try {
            video = new FrameReader(profile.video()).read(media);
            sound = AudioReader.read(media, profile.sampleRate());
        } catch (MediaException | IllegalArgumentException e) {
            String m = e.getMessage();
            throw new TaskException(m != null && m.contains(media.toString()) ? m : media + ": " + m, e);
        }
        double fps = profile.video().fps();
        int rate = sound.sampleRate();
        int frames = video.count();
        int h = video.height();
        int w = video.width();
        int pixels = h * w * 3;
        float[] pictures = video.tensor().toArray();
        int samples = Math.min(sound.samples().length, (int) Math.round(frames / fps * rate));
        if (frames < 1 || samples < 1) {
            throw new TaskException(media + ": too short for one video frame of picture and sound");
        }
        float[] wave = Arrays.copyOf(sound.samples(), samples);
        double padded = 0;
        int window = profile.video().frameCount(profile.clipSeconds());
        if (input.descriptor().padShort() && frames < window) {
            padded = (window - frames) / fps;
            pictures = Arrays.copyOf(pictures, window * pixels);
            wave = Arrays.copyOf(wave, (int) Math.round(window / fps * rate));
            frames = window;
        }
        LoadedModel imageModel = parts.byRole(DenseAvHeatmapTask.IMAGE_PART);
        LoadedModel audioModel = parts.byRole(DenseAvHeatmapTask.AUDIO_PART);
        try {
            FloatTensor audio = DenseAvHeatmapTask.output(audioModel.forward(Map.of(WAVEFORM,
                    FloatTensor.wrap(new int[] {1, wave.length}, wave))), "audio", media);
            if (audio.rank() != 5 || audio.dim(0) != 1 || audio.dim(4) < 1) {
                throw new TaskException(media + ": " + DenseAvHeatmapTask.file(audioModel) + " returned 'audio' of"
                        + " shape " + Arrays.toString(audio.shape()) + ", expected [1, K, C, F, T]");
            }
            float[] image = null;
            int[] map = null;
            for (int from = 0; from < frames; from += DenseAvHeatmapTask.FRAMES_PER_CALL) {
                DenseAvHeatmapTask.checkCancelled(monitor);
                int n = Math.min(DenseAvHeatmapTask.FRAMES_PER_CALL, frames - from);
                float[] fv = Arrays.copyOfRange(pictures, from * pixels, (from + n) * pixels);
                FloatTensor part = DenseAvHeatmapTask.output(imageModel.forward(Map.of("frames",
                        FloatTensor.wrap(new int[] {n, h, w, 3}, fv))), "image", media);
                if (part.rank() != 5 || part.dim(0) != n) {
                    throw new TaskException(media + ": " + DenseAvHeatmapTask.file(imageModel) + " returned 'image'"
                            + " of shape " + Arrays.toString(part.shape()) + ", expected [" + n + ", K, C, h, w]");
                }
                if (image == null) {
                    map = part.shape();
                    image = new float[frames * map[1] * map[2] * map[3] * map[4]];
                }
                float[] values = part.toArray();
                System.arraycopy(values, 0, image, from * (values.length / n), values.length);
            }
            int[] a = audio.shape();
            if (a[1] != map[1] || a[2] != map[2]) {
                throw new TaskException(media + ": " + DenseAvHeatmapTask.file(audioModel) + " returned 'audio' of"
                        + " shape " + Arrays.toString(a) + " but " + DenseAvHeatmapTask.file(imageModel)
                        + " 'image' of shape " + Arrays.toString(map) + "; both need the same K heads of C channels");
            }
            int steps = a[4];
            double stepSeconds = (double) wave.length / rate / steps;
            float[] rms = DenseClip.rms(new AudioSignal(wave, rate), steps, stepSeconds);
            boolean[] voiced = new boolean[steps];
            for (int t = 0; t < steps; t++) {
                voiced[t] = rms[t] >= DenseClip.SILENCE_RMS;
            }
            DenseFeatures features = DenseFeatures.of(
                    FloatTensor.wrap(new int[] {frames, map[1], map[2], map[3], map[4]}, image),
                    audio.reshape(a[1], a[2], a[3], a[4]), voiced, TimeBase.ofRate(fps),
                    TimeBase.ofRate(1 / stepSeconds));
            return new Result(features, padded);
        } catch (InferenceException | IllegalArgumentException e) {
            throw new TaskException(media + ": " + e.getMessage(), e);
        }
    }
}
