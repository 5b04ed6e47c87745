package io.avlens.models.denseav;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

/**
 * DenseAV's dense features of one clip (experiment kind {@value #KIND}, family {@value DenseAvBlockFactory#FAMILY}),
 * through whatever the runner loaded: the built-in block, or a model made of an {@value #IMAGE_PART} part
 * ({@code frames [B, H, W, I] → image [B, K, C, h, w]}) and an {@value #AUDIO_PART} part ({@code mel [1, bins, M] →
 * audio [1, K, C, F, T]}, as {@code tools/export/denseav_small.py} writes, or {@code waveform [1, N] → audio [1, K,
 * C, F, T]}, as the official DenseAV's export {@code tools/export/export_denseav.py} writes: then
 * {@link DenseAvWaveformFeatures} computes the features on the model's own audio time base).
 * <p>
 * The clip is decoded at the descriptor's profile ({@link DenseClip}; a clip shorter than the profile's window is
 * padded with black frames and silence when the descriptor allows it, and {@code paddedSeconds} says by how much).
 * Frames go through the image encoder {@value #FRAMES_PER_CALL} at a time, with the channels the descriptor's
 * {@code frames} input has ({@link DenseAvDescriptor#imageChannels(ModelDescriptor)}: RGB, or RGB and its change
 * since the previous frame, {@link DenseClip#frames(int, int, int)}), the whole soundtrack through the audio
 * encoder once; the built-in block, which takes both inputs in one call, gets a one-step silent mel beside the frames
 * and one black frame beside the sound, and their outputs are dropped. Writes {@link DenseFeatureFiles}: frame
 * {@code i} at {@code i / fps} s, audio step {@code t} at {@code t / stepsPerSecond} s (8 steps/s on
 * {@code avshapes-small}: step {@code t} is the sound of frame {@code t}), and the non-silence mask
 * ({@link DenseClip#SILENCE_RMS}: a step is silence when its waveform RMS is below −60 dBFS). Metrics:
 * {@code frames}, {@code audioSteps}, {@code heads}, {@code voicedShare} and {@code paddedSeconds} when padded.
 * Stateless.
 */
@Component(service = ClipTask.class)
public final class DenseAvHeatmapTask implements ClipTask {

    /** The experiment kind. */
    public static final String KIND = "heatmap";
    /** The role of the image encoder of a two-part model. */
    public static final String IMAGE_PART = "image";
    /** The role of the audio encoder of a two-part model. */
    public static final String AUDIO_PART = "audio";
    /** Frames per image-encoder call. */
    public static final int FRAMES_PER_CALL = 32;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean supports(String family) {
        return DenseAvBlockFactory.FAMILY.equals(family);
    }

    @Override
    public String version() {
        return "denseav-heatmap-1";
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        Path media = input.media();
        PreprocessingProfile profile = input.descriptor().profile();
        DenseFeatures features;
        double padded = 0;
        if (DenseAvWaveformFeatures.applies(input.parts())) {
            DenseAvWaveformFeatures.Result r = DenseAvWaveformFeatures.compute(input, monitor);
            features = r.features();
            padded = r.paddedSeconds();
        } else {
            DenseAvConfig config;
            DenseClip clip;
            try {
                config = new DenseAvConfig(profile, 1, 1, 1, 1.0,
                        DenseAvDescriptor.imageChannels(input.descriptor()));
                clip = DenseClip.decode(media, config);
            } catch (IOException e) {
                throw new TaskException(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                        + e.getMessage(), e);
            }
            int window = config.clipFrames();
            if (input.descriptor().padShort() && clip.steps() < window) {
                padded = (window - clip.steps()) / profile.video().fps();
                clip = clip.padTo(window);
            }
            checkCancelled(monitor);
            features = features(input, clip, config, monitor);
        }
        Path out = input.outputFolder();
        try {
            DenseFeatureFiles.write(out, features);
        } catch (IOException e) {
            throw new TaskException(out + ": cannot write the dense features of " + media.getFileName() + ": "
                    + e.getMessage(), e);
        }
        int voiced = 0;
        for (boolean v : features.voicedMask()) {
            voiced += v ? 1 : 0;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("frames", (double) features.frames());
        metrics.put("audioSteps", (double) features.steps());
        metrics.put("heads", (double) features.heads());
        metrics.put("voicedShare", (double) voiced / features.steps());
        if (padded > 0) {
            metrics.put("paddedSeconds", padded);
        }
        int k = features.heads();
        int c = features.channels();
        List<TaskArtifact> artifacts = List.of(
                new TaskArtifact("image features", "tensor", DenseFeatureFiles.IMAGE,
                        new int[] {features.frames(), k, c, features.height(), features.width()}, "float32"),
                new TaskArtifact("audio features", "tensor", DenseFeatureFiles.AUDIO,
                        new int[] {k, c, features.freqs(), features.steps()}, "float32"),
                new TaskArtifact("non-silence mask", "tensor", DenseFeatureFiles.VOICED,
                        new int[] {features.steps()}, "bool"),
                new TaskArtifact("time bases", "other", DenseFeatureFiles.TIMES, new int[0], null));
        return new ClipResult(input.clipId(), artifacts, metrics);
    }

    /** The clip's dense features through the loaded model or parts. */
    static DenseFeatures features(ClipInput input, DenseClip clip, DenseAvConfig config, IProgressMonitor monitor)
            throws TaskException {
        Path media = input.media();
        ModelParts parts = input.parts();
        boolean single = parts.isSingle();
        if (!single && (!parts.has(IMAGE_PART) || !parts.has(AUDIO_PART))) {
            throw new TaskException("model " + input.descriptor().id() + " has the parts " + parts.roles()
                    + "; DenseAV's heatmaps need one model or an '" + IMAGE_PART + "' and an '" + AUDIO_PART
                    + "' part");
        }
        int h = config.frameHeight();
        int w = config.frameWidth();
        int bins = config.melBins();
        int s = DenseAvConfig.AUDIO_STRIDE;
        int channels = config.imageChannels();
        int steps = clip.steps();
        try {
            LoadedModel audioModel = single ? parts.single() : parts.byRole(AUDIO_PART);
            LoadedModel imageModel = single ? parts.single() : parts.byRole(IMAGE_PART);
            FloatTensor mel = FloatTensor.wrap(new int[] {1, bins, steps * s}, clip.mel());
            FloatTensor audio = output(audioModel.forward(single
                    ? Map.of("frames", FloatTensor.zeros(1, h, w, channels), "mel", mel)
                    : Map.of("mel", mel)), "audio", media);
            if (audio.rank() != 5 || audio.dim(0) != 1) {
                throw new TaskException(media + ": " + file(audioModel) + " returned 'audio' of shape "
                        + Arrays.toString(audio.shape()) + ", expected [1, K, C, F, T]");
            }
            float[] image = null;
            int[] map = null;
            if (monitor != null) { // a unit per frame (no SubMonitor: it needs OSGi, and tools run without it)
                monitor.beginTask("image features", steps);
            }
            for (int from = 0; from < steps; from += FRAMES_PER_CALL) {
                checkCancelled(monitor);
                int n = Math.min(FRAMES_PER_CALL, steps - from);
                FloatTensor frames = FloatTensor.wrap(new int[] {n, h, w, channels},
                        clip.frames(from, n, channels));
                FloatTensor part = output(imageModel.forward(single
                        ? Map.of("frames", frames, "mel", FloatTensor.zeros(n, bins, s))
                        : Map.of("frames", frames)), "image", media);
                if (part.rank() != 5 || part.dim(0) != n) {
                    throw new TaskException(media + ": " + file(imageModel) + " returned 'image' of shape "
                            + Arrays.toString(part.shape()) + ", expected [" + n + ", K, C, h, w]");
                }
                if (image == null) {
                    map = part.shape();
                    image = new float[steps * map[1] * map[2] * map[3] * map[4]];
                }
                float[] values = part.toArray();
                System.arraycopy(values, 0, image, from * (values.length / n), values.length);
                if (monitor != null) {
                    monitor.worked(n);
                }
            }
            if (audio.dim(1) != map[1] || audio.dim(2) != map[2]) {
                throw new TaskException(media + ": " + file(audioModel) + " returned 'audio' of shape "
                        + Arrays.toString(audio.shape()) + " but " + file(imageModel) + " 'image' of shape "
                        + Arrays.toString(map) + "; both need the same K heads of C channels");
            }
            int[] a = audio.shape();
            boolean[] voiced = clip.voiced();
            if (voiced.length != a[4]) {
                throw new TaskException(media + ": " + file(audioModel) + " returned " + a[4] + " audio steps for " + voiced.length
                        + " steps of sound; DenseAV-small's audio encoder gives one step per "
                        + DenseAvConfig.AUDIO_STRIDE + " mel frames");
            }
            return DenseFeatures.of(FloatTensor.wrap(new int[] {steps, map[1], map[2], map[3], map[4]}, image),
                    audio.reshape(a[1], a[2], a[3], a[4]), voiced,
                    TimeBase.ofRate(config.profile().video().fps()), TimeBase.ofRate(config.audioStepsPerSecond()));
        } catch (InferenceException e) {
            throw new TaskException(media + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": " + e.getMessage(), e);
        }
    }

    /** The file a loaded model or part was read from, for messages: its TorchScript file or parameter file. */
    static String file(LoadedModel m) {
        return switch (m.spec().source()) {
            case ModelSpec.TorchScript t -> "the model's file " + t.file();
            case ModelSpec.Builtin b -> "the model's file " + b.parameters();
        };
    }

    static FloatTensor output(Map<String, FloatTensor> outputs, String name, Path media)
            throws TaskException {
        FloatTensor t = outputs.get(name);
        if (t == null) {
            throw new TaskException(media + ": the model returned " + outputs.keySet() + ", no '" + name + "'");
        }
        return t;
    }

    static void checkCancelled(IProgressMonitor monitor) {
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
