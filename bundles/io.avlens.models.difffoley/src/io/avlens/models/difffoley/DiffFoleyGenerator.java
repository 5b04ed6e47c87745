package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.io.MediaFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.GriffinLim;
import io.avlens.runner.task.ModelParts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Diff-Foley-small's generator over loaded parts: video features of a clip from the {@code video} part
 * (CAVP-small), then for a list of guidance cells the log-mels the sampler makes inside the engine
 * ({@link GuidedSampler}: all cells of one sampler and step count in one batch per step), Griffin-Lim (32
 * iterations) to a waveform, and the metrics that need no ground truth: CAVP-small's lag estimate between the
 * generated sound and the video, and the guidance classifier's {@code P(aligned)} on the clean generated mel.
 * <p>
 * For one clip the same seed gives the same initial noise in every cell, so cells of one seed differ only by
 * guidance; other clips get other noise from the same seed ({@link GuidanceSettings#noiseSeed}, keyed by the clip's
 * name, {@link #clipName}). A result depends only on the clip, its name, the cell and the weights (deterministic on one device). Not thread-safe (the parts run
 * one call at a time); the parts are the caller's (not closed here).
 */
public final class DiffFoleyGenerator {

    /** Griffin-Lim iterations. */
    public static final int GRIFFIN_LIM_ITERATIONS = 32;
    /** The lag search range of {@link #syncOffset}, seconds. */
    public static final double MAX_LAG_SECONDS = 1.0;

    private final LoadedModel video;
    private final LoadedModel denoiser;
    private final LoadedModel classifier;
    private final ProgramEngine engine;
    private final PreprocessingProfile profile;

    /**
     * @param parts   the model's parts by role ({@link DiffFoleyDescriptor#VIDEO}, {@link DiffFoleyDescriptor#DENOISER},
     *                {@link DiffFoleyDescriptor#CLASSIFIER})
     * @param engine  the engine of the parts (the DJL one)
     * @param profile the model's profile
     * @throws IllegalArgumentException when a part is missing
     */
    public DiffFoleyGenerator(ModelParts parts, ProgramEngine engine, PreprocessingProfile profile) {
        this(parts.byRole(DiffFoleyDescriptor.VIDEO), parts.byRole(DiffFoleyDescriptor.DENOISER),
                parts.byRole(DiffFoleyDescriptor.CLASSIFIER), engine, profile);
    }

    /**
     * The same from the three parts; {@code classifier} may be null for a generator that never uses classifier
     * guidance (a cell with {@code γ > 0} then fails, and there is no classifier score).
     */
    public DiffFoleyGenerator(LoadedModel video, LoadedModel denoiser, LoadedModel classifier, ProgramEngine engine,
            PreprocessingProfile profile) {
        this.video = video;
        this.denoiser = denoiser;
        this.classifier = classifier;
        this.engine = engine;
        this.profile = profile;
    }

    /** The profile. */
    public PreprocessingProfile profile() {
        return profile;
    }

    /** Mel frames of one window (256 for {@code avshapes-small}). */
    public int melFrames() {
        return (int) Math.round(profile.clipSeconds() * profile.melFramesPerSecond());
    }

    /** The clip's CAVP-small video features {@code [1, steps, C]}. */
    public FloatTensor videoFeatures(ClipCondition clip) throws InferenceException {
        return cavp(clip, new float[profile.mel().bins() * clip.steps() * perStep(clip)]).get("video");
    }

    /** The clip's {@link Appearance} {@code [1, steps, 6, s, s]} at the denoiser's size. */
    private FloatTensor appearance(ClipCondition clip) {
        int side = appearanceSize();
        return FloatTensor.wrap(new int[] {1, clip.steps(), Appearance.CHANNELS, side, side},
                Appearance.of(clip.frames(), side));
    }

    /** The side of the appearance image the denoiser's descriptor declares (its input {@code appearance}). */
    private int appearanceSize() {
        for (TensorSpec in : denoiser.spec().inputs()) {
            if (in.name().equals("appearance")) {
                ShapeSpec.Dim d = in.shape().dims().get(4);
                if (!d.isSymbolic()) {
                    return d.size();
                }
            }
        }
        throw new IllegalStateException("the denoiser part of " + denoiser.spec().id()
                + " declares no input 'appearance' of a fixed size");
    }

    private int perStep(ClipCondition clip) {
        return melFrames() / clip.steps();
    }

    private Map<String, FloatTensor> cavp(ClipCondition clip, float[] mel) throws InferenceException {
        int[] f = clip.frames().shape();
        return video.forward(Map.of("mel", FloatTensor.wrap(new int[] {1, profile.mel().bins(), mel.length
                / profile.mel().bins()}, mel), "frames", clip.frames().reshape(1, f[0], f[1], f[2], f[3])));
    }

    /**
     * The name that keys a clip's initial noise: its media file's name without the extension ({@code clip-00012}
     * for {@code clip-00012.mp4}), so the same video gets the same noise wherever it was copied.
     */
    public static String clipName(Path media) {
        return MediaFiles.stem(media);
    }

    /**
     * Generates one log-mel {@code [bins, frames]} in [0, 1] per cell, in the cells' order. Cells of the same sampler
     * and step count run as one batch; progress is counted in sampler steps.
     *
     * @param name the clip's name ({@link #clipName}), which with each cell's seed gives its initial noise
     * @throws OperationCanceledException when the monitor is cancelled (checked between sampler steps)
     * @throws InferenceException         when a part fails
     */
    public List<FloatTensor> generate(ClipCondition clip, String name, List<GuidanceSettings> cells,
            IProgressMonitor monitor) throws InferenceException {
        if (cells.isEmpty()) {
            return List.of();
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        int total = 0;
        for (int i = 0; i < cells.size(); i++) {
            GuidanceSettings s = cells.get(i);
            List<Integer> g = groups.computeIfAbsent(s.sampler() + "/" + s.steps(), k -> new ArrayList<>());
            if (g.isEmpty()) {
                total += s.steps();
            }
            g.add(i);
        }
        if (classifier == null && cells.stream().anyMatch(c -> c.gamma() > 0)) {
            throw new IllegalArgumentException("classifier guidance (gamma > 0) needs the classifier part");
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Generating sound", total + 1);
        FloatTensor features = videoFeatures(clip);
        FloatTensor look = appearance(clip);
        sub.worked(1);
        FloatTensor[] out = new FloatTensor[cells.size()];
        int bins = profile.mel().bins();
        int frames = melFrames();
        for (List<Integer> g : groups.values()) {
            List<GuidanceSettings> batch = g.stream().map(cells::get).toList();
            GuidedSampler sampler = new GuidedSampler(denoiser, classifier, features, look, batch, name,
                    new int[] {bins, frames}, step -> {
                        sub.worked(1);
                        if (sub.isCanceled()) {
                            throw new OperationCanceledException();
                        }
                    });
            float[] x = engine.run(denoiser.device(), sampler).toArray();
            int size = bins * frames;
            for (int k = 0; k < g.size(); k++) {
                float[] mel = new float[size];
                for (int j = 0; j < size; j++) {
                    mel[j] = Math.min(1f, Math.max(0f, (x[k * size + j] + 1) / 2));
                }
                out[g.get(k)] = FloatTensor.wrap(new int[] {bins, frames}, mel);
            }
        }
        return Arrays.asList(out);
    }

    /** The waveform of a generated log-mel: Griffin-Lim, 32 iterations, one window long. */
    public AudioSignal vocode(FloatTensor mel) {
        int samples = (int) Math.round(profile.clipSeconds() * profile.sampleRate());
        return new GriffinLim(profile.mel(), profile.sampleRate()).invert(mel, GRIFFIN_LIM_ITERATIONS, samples);
    }

    /**
     * CAVP-small's estimate of how much later the sound {@code mel} is than the clip's picture, seconds (0 is in
     * sync), searched within ±{@value #MAX_LAG_SECONDS} s.
     */
    public double syncOffset(ClipCondition clip, FloatTensor mel) throws InferenceException {
        Map<String, FloatTensor> f = cavp(clip, mel.toArray());
        int steps = clip.steps();
        int c = f.get("video").size() / steps;
        TimeBase base = TimeBase.ofRate(profile.video().fps());
        SimilarityVolume volume = SimilarityVolume.of(f.get("audio").reshape(steps, c), base,
                f.get("video").reshape(steps, c), base);
        return SyncOffsetEstimator.upTo(MAX_LAG_SECONDS, base).estimate(volume).lagSeconds();
    }

    /**
     * The guidance classifier's {@code P(aligned)} for log-mels {@code [bins, frames]} in [0, 1] with the clip's
     * video features ({@link #videoFeatures}), at {@code t = 0} (clean), one per mel.
     */
    public double[] classifierScores(FloatTensor features, List<FloatTensor> mels) throws InferenceException {
        int n = mels.size();
        int size = mels.get(0).size();
        float[] x = new float[n * size];
        float[] cond = new float[n * features.size()];
        for (int i = 0; i < n; i++) {
            float[] m = mels.get(i).toArray();
            for (int j = 0; j < size; j++) {
                x[i * size + j] = 2 * m[j] - 1;
            }
            System.arraycopy(features.toArray(), 0, cond, i * features.size(), features.size());
        }
        int[] fs = features.shape();
        int[] ms = mels.get(0).shape();
        FloatTensor logit = classifier.forward(Map.of("x", FloatTensor.wrap(new int[] {n, ms[0], ms[1]}, x),
                "t", FloatTensor.zeros(n), "cond", FloatTensor.wrap(new int[] {n, fs[1], fs[2]}, cond)))
                .get("logit");
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 1 / (1 + Math.exp(-logit.getFlat(i)));
        }
        return p;
    }
}
