package io.avlens.models.cavp;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceException;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipFailure;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.ParameterSpec;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

/**
 * CAVP's similarity volume and sync estimate for one clip, through whatever {@code LoadedModel} the runner loaded
 * (experiment kind {@value #KIND}, family {@value CavpBlockFactory#FAMILY}): the built-in block, or a model made of
 * two parts, {@value #VIDEO_PART} ({@code frames → video}) and {@value #AUDIO_PART} ({@code mel → audio}), e.g. the
 * towers of CAVP-small traced to TorchScript by {@code tools/export/cavp_small.py}.
 * <p>
 * The clip is decoded at the descriptor's profile ({@link StepAlignedClip}), the model's named inputs {@code mel
 * [1, bins, T·k]} and {@code frames [1, T, H, W, 3]} give {@code audio} and {@code video} features {@code [1, T, C]},
 * and {@code S[i, j] = a_i · v_j} is the volume (rows audio time, columns video time, both at the video rate).
 * {@link SyncOffsetEstimator} finds the lag within {@code ±maxLagSeconds} (parameter, default 1 s); a positive lag
 * means the sound comes later than the picture. Files: {@code audio.npy}, {@code video.npy} ({@code [T, C]}) and
 * {@code similarity.npy} ({@code [Ta, Tv]}). Metrics: {@code lagSeconds}, {@code confidence}, {@code steps}, and
 * when the clip's sidecar ({@code clip.json} beside {@code clip.mp4}) states {@code lagSeconds}, also
 * {@code trueLagSeconds}, {@code absErrorSeconds}, {@code withinOneFrame} (1 when the estimate is within one
 * video frame, else 0, as {@link SyncScore} defines it), {@code lagInRange} (1 when the true lag is within the
 * searched range) and {@code visibleSoundingEvent} (1 when the sidecar lists a hit or scratch on screen). A clip
 * shorter than the profile's window is padded to one window (black frames, silence) when the descriptor allows it
 * ({@code padShort}), and {@code paddedSeconds} says by how much. Stateless.
 */
@Component(service = ClipTask.class)
public final class CavpSimilarityTask implements ClipTask {

    /** The experiment kind. */
    public static final String KIND = "similarity";
    /** The parameter bounding the lags searched, in seconds. */
    public static final String MAX_LAG = "maxLagSeconds";
    /** Its default. */
    public static final double DEFAULT_MAX_LAG_SECONDS = 1.0;
    /** The role of the video tower of a two-part model: {@code frames [1, T, H, W, 3] → video [1, T, C]}. */
    public static final String VIDEO_PART = "video";
    /**
     * The role of the audio tower of a two-part model: {@code mel [1, bins, T·k] → audio [1, T, C]}, or, when the
     * profile has no whole number {@code k} of mel frames per video frame (Diff-Foley's CAVP), {@code mel
     * [1, bins, S] → audio [1, U, C]} with {@code U} steps of its own over the {@code S} mel frames.
     */
    public static final String AUDIO_PART = "audio";
    /**
     * The metric giving the audio features' step in seconds when the audio part returned another number of steps
     * than the video frames; absent when both share the video's time base.
     */
    public static final String AUDIO_STEP_SECONDS = "audioStepSeconds";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean supports(String family) {
        return CavpBlockFactory.FAMILY.equals(family);
    }

    @Override
    public String version() {
        return "cavp-similarity-2";
    }

    /** {@value #MAX_LAG}: the only parameter it reads (besides the seed, which it does not need). */
    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.real(MAX_LAG, DEFAULT_MAX_LAG_SECONDS, 0.0, null,
                "largest lag searched, in seconds either way (> 0)"));
    }

    /** The clip's sidecar, whose {@code lagSeconds} gives the truth metrics. */
    @Override
    public List<Path> inputs(Path media) {
        return List.of(AvShapesData.sidecar(media));
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        Path media = input.media();
        double maxLag = input.real(MAX_LAG, DEFAULT_MAX_LAG_SECONDS);
        if (!(maxLag > 0) || !Double.isFinite(maxLag)) {
            throw new TaskException(MAX_LAG + " must be a positive number of seconds, not " + maxLag);
        }
        PreprocessingProfile profile = input.descriptor().profile();
        Decoded clip = decode(input, profile);
        OptionalDouble trueLag;
        boolean visibleSounding;
        try {
            trueLag = AvShapesData.knownLagSeconds(AvShapesData.sidecar(media));
            visibleSounding = trueLag.isPresent() && AvShapesData.visibleSoundingEvent(AvShapesData.sidecar(media));
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        }
        checkCancelled(monitor);
        int steps = clip.steps();
        Map<String, FloatTensor> outputs = forward(input, clip.inputs(), media);
        FloatTensor video = features(outputs, "video", steps, media);
        double fps = profile.video().fps();
        TimeBase base = TimeBase.ofRate(fps);
        // a model of parts may give the sound its own number of steps U: they span the log-mel it was fed
        FloatTensor audio = clip.whole() ? features(outputs, "audio", steps, media)
                : features(outputs, "audio", -1, media);
        boolean ownAudioSteps = audio.dim(0) != steps;
        TimeBase audioBase = ownAudioSteps ? TimeBase.ofRate(audio.dim(0) / clip.melSeconds()) : base;
        SimilarityVolume volume;
        try {
            volume = SimilarityVolume.of(audio, audioBase, video, base);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " gave features that cannot be "
                    + "compared: " + e.getMessage(), e);
        }
        SyncEstimate estimate;
        try {
            estimate = SyncOffsetEstimator.upTo(maxLag, base).estimate(volume);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": cannot estimate the lag: " + e.getMessage(), e);
        }
        Path out = input.outputFolder();
        try {
            Npy.write(out.resolve("audio.npy"), audio);
            Npy.write(out.resolve("video.npy"), video);
            SimilarityFiles.writeNpy(out.resolve("similarity.npy"), volume);
        } catch (IOException e) {
            throw new TaskException(out + ": cannot write the artifacts of " + media.getFileName() + ": "
                    + e.getMessage(), e);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("lagSeconds", estimate.lagSeconds());
        metrics.put("confidence", estimate.confidence());
        metrics.put("steps", (double) steps);
        if (ownAudioSteps) {
            metrics.put(AUDIO_STEP_SECONDS, audioBase.step());
        }
        if (clip.padded() > 0) {
            metrics.put("paddedSeconds", clip.padded());
        }
        if (trueLag.isPresent()) {
            SyncScore.Clip scored = SyncScore.estimated(input.clipId(), trueLag, estimate.lagSeconds(), fps, maxLag,
                    visibleSounding);
            metrics.put("trueLagSeconds", trueLag.getAsDouble());
            metrics.put("absErrorSeconds", scored.absErrorSeconds());
            metrics.put("withinOneFrame", scored.withinOneFrame() ? 1.0 : 0.0);
            metrics.put("lagInRange", scored.lagInRange() ? 1.0 : 0.0);
            metrics.put("visibleSoundingEvent", visibleSounding ? 1.0 : 0.0);
        }
        int c = audio.dim(1);
        List<TaskArtifact> artifacts = List.of(
                new TaskArtifact("audio features", "embedding", "audio.npy", new int[] {audio.dim(0), c}, "float32"),
                new TaskArtifact("video features", "embedding", "video.npy", new int[] {steps, c}, "float32"),
                new TaskArtifact("similarity", "similarityVolume", "similarity.npy",
                        new int[] {volume.audioSteps(), volume.videoSteps()}, "float32"));
        return new ClipResult(input.clipId(), artifacts, metrics);
    }

    /**
     * The model's {@code audio} and {@code video} outputs: the block's (or one file's) from both inputs, or for a
     * model made of a {@value #VIDEO_PART} and an {@value #AUDIO_PART} part, each part's from the input it names.
     */
    static Map<String, FloatTensor> forward(ClipInput input, Map<String, FloatTensor> inputs, Path media)
            throws TaskException {
        return forward(input.parts(), input.descriptor().id(), inputs, media);
    }

    /** {@link #forward(ClipInput, Map, Path)} for the parts of model {@code modelId}. */
    static Map<String, FloatTensor> forward(ModelParts parts, String modelId, Map<String, FloatTensor> inputs,
            Path media) throws TaskException {
        try {
            if (parts.isSingle()) {
                return parts.single().forward(inputs);
            }
            if (!parts.has(VIDEO_PART) || !parts.has(AUDIO_PART)) {
                throw new TaskException("model " + modelId + " has the parts " + parts.roles()
                        + "; CAVP's similarity needs one model or a '" + VIDEO_PART + "' and an '" + AUDIO_PART
                        + "' part");
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            out.putAll(parts.byRole(VIDEO_PART).forward(Map.of("frames", inputs.get("frames"))));
            out.putAll(parts.byRole(AUDIO_PART).forward(Map.of("mel", inputs.get("mel"))));
            return out;
        } catch (InferenceException e) {
            throw new TaskException(media + ": " + e.getMessage(), e);
        }
    }

    /** {@code [1, T, C]} output as {@code [T, C]}; {@code steps} -1 takes any {@code T ≥ 1}. */
    static FloatTensor features(Map<String, FloatTensor> outputs, String name, int steps, Path media)
            throws TaskException {
        FloatTensor t = outputs.get(name);
        if (t == null || t.rank() != 3 || t.dim(0) != 1 || (steps >= 0 ? t.dim(1) != steps : t.dim(1) < 1)) {
            throw new TaskException(media + ": the model returned " + (t == null ? "no '" + name + "' output"
                    : "'" + name + "' of shape " + Arrays.toString(t.shape())) + ", expected [1, "
                    + (steps >= 0 ? String.valueOf(steps) : "U") + ", C]");
        }
        return t.reshape(t.dim(1), t.dim(2));
    }

    /**
     * A clip decoded for the model: on {@link StepAlignedClip}'s grid when the profile has a whole number of mel
     * frames per video frame (every built-in model), else, for a model of a video and an audio part, as an
     * {@link UnalignedClip}; padded to the profile's window when the descriptor asks.
     */
    private record Decoded(int steps, FloatTensor frames, FloatTensor mel, double melSeconds, boolean whole,
            double padded) {

        Map<String, FloatTensor> inputs() {
            int[] m = mel.shape();
            int[] f = frames.shape();
            return Map.of("mel", mel.reshape(1, m[0], m[1]), "frames", frames.reshape(1, f[0], f[1], f[2], f[3]));
        }
    }

    private static Decoded decode(ClipInput input, PreprocessingProfile profile) throws TaskException {
        Path media = input.media();
        int window = (int) Math.round(profile.clipSeconds() * profile.video().fps());
        boolean pad = input.descriptor().padShort();
        try {
            double ratio = profile.melFramesPerSecond() / profile.video().fps();
            if (Math.abs(ratio - Math.rint(ratio)) <= 1e-9 || input.parts().isSingle()) {
                StepAlignedClip clip = StepAlignedClip.decode(media, profile);
                double padded = 0;
                if (pad && clip.steps() < window) {
                    padded = (window - clip.steps()) / profile.video().fps();
                    clip = clip.padTo(window);
                }
                return new Decoded(clip.steps(), clip.frames(), clip.mel(), clip.steps() / profile.video().fps(),
                        true, padded);
            }
            UnalignedClip clip = UnalignedClip.decode(media, profile);
            double padded = 0;
            if (pad && clip.steps() < window) {
                padded = (window - clip.steps()) / profile.video().fps();
                clip = clip.padTo(window);
            }
            return new Decoded(clip.steps(), clip.frames(), clip.mel(), clip.melSeconds(profile), false, padded);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                    + e.getMessage(), e);
        }
    }

    private static void checkCancelled(IProgressMonitor monitor) {
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** {@link #summarize(List, List)} without failures. */
    @Override
    public Map<String, Double> summarize(List<ClipResult> results) {
        return summarize(results, List.of());
    }

    /**
     * The sync metrics of {@link SyncScore} ({@link SyncMetrics#toMap()}: every figure with its {@code n}, a failed
     * clip a miss, clips whose true lag is outside the searched range counted apart), plus {@code clips} (those
     * that ran) and {@code meanConfidence} over them (NaN when undefined).
     */
    @Override
    public Map<String, Double> summarize(List<ClipResult> succeeded, List<ClipFailure> failed) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("clips", (double) succeeded.size());
        s.putAll(score(succeeded, failed).toMap());
        s.put("meanConfidence", succeeded.stream().mapToDouble(r -> r.metrics().getOrDefault("confidence",
                Double.NaN)).average().orElse(Double.NaN));
        return s;
    }

    /**
     * The sync metrics of a run's clips from their per-clip metrics; a failed clip's sidecar is read for its
     * lag and events when it can be (it is a miss either way).
     */
    public static SyncMetrics score(List<ClipResult> succeeded, List<ClipFailure> failed) {
        List<SyncScore.Clip> clips = new ArrayList<>();
        for (ClipResult r : succeeded) {
            Map<String, Double> m = r.metrics();
            Double truth = m.get("trueLagSeconds");
            clips.add(new SyncScore.Clip(r.clipId(), truth == null ? OptionalDouble.empty() : OptionalDouble.of(truth),
                    m.getOrDefault("lagInRange", 1.0) == 1.0, m.getOrDefault("visibleSoundingEvent", 0.0) == 1.0,
                    m.getOrDefault("absErrorSeconds", Double.NaN), m.getOrDefault("withinOneFrame", 0.0) == 1.0,
                    null));
        }
        for (ClipFailure f : failed) {
            OptionalDouble truth = OptionalDouble.empty();
            boolean visible = false;
            if (f.media() != null) {
                try {
                    truth = AvShapesData.knownLagSeconds(AvShapesData.sidecar(f.media()));
                    visible = AvShapesData.visibleSoundingEvent(AvShapesData.sidecar(f.media()));
                } catch (IOException e) {
                    // an unreadable sidecar: the clip still counts as a miss
                }
            }
            clips.add(SyncScore.failed(f.clipId(), truth, visible, f.message()));
        }
        return SyncScore.score(clips);
    }
}
