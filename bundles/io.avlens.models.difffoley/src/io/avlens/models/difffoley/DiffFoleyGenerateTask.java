package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceException;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.media.AudioSignal;
import io.avlens.media.SoundtrackMuxer;
import io.avlens.media.WavWriter;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.ParameterSpec;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code generate} experiment kind for Diff-Foley-small (family {@value DiffFoleyDescriptor#FAMILY}): for one
 * clip, {@code samples} sounds with the experiment's ω, γ, steps and sampler, sample {@code k} from seed
 * {@code seed + k} ({@link DiffFoleyGenerator}, all samples in one batch), each written as a
 * {@link GeneratedSample} ({@code STEM.wav}, {@code STEM.mel.npy}, {@code STEM.mp4} with the clip's video and the
 * generated soundtrack, {@code STEM.json} last) with the metrics that need no ground truth: {@code syncOffset}
 * (CAVP-small's lag estimate between the generated sound and the video, seconds) and {@code classifierScore} (the
 * guidance classifier's P(aligned) on the clean generated mel). The clip's metrics are the means over its samples.
 * Stateless.
 */
@Component(service = ClipTask.class)
public final class DiffFoleyGenerateTask implements ClipTask {

    /** The experiment kind. */
    public static final String KIND = "generate";
    /** The classifier-free guidance scale. */
    public static final String OMEGA = "omega";
    /** The classifier guidance scale. */
    public static final String GAMMA = "gamma";
    /** Sampler steps. */
    public static final String STEPS = "steps";
    /** {@code dpm} or {@code ddim}. */
    public static final String SAMPLER = "sampler";
    /** Samples per clip. */
    public static final String SAMPLES = "samples";
    /** The metric: CAVP-small's lag estimate of the generated sound, seconds. */
    public static final String SYNC_OFFSET = "syncOffset";
    /** The metric: the guidance classifier's P(aligned) at t = 0. */
    public static final String CLASSIFIER_SCORE = "classifierScore";

    private ProgramEngine engine;

    /** For DS. */
    public DiffFoleyGenerateTask() {
    }

    /** With a given engine (tests). */
    public DiffFoleyGenerateTask(ProgramEngine engine) {
        this.engine = engine;
    }

    @Reference
    void setEngine(ProgramEngine programEngine) {
        this.engine = programEngine;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean supports(String family) {
        return DiffFoleyDescriptor.FAMILY.equals(family);
    }

    @Override
    public String version() {
        return "2"; // 2: a clip's noise is keyed by its name as well as the seed
    }

    @Override
    public List<ParameterSpec> parameters() {
        GuidanceSettings d = GuidanceSettings.DEFAULT;
        return List.of(
                ParameterSpec.real(OMEGA, d.omega(), 0.0, 100.0, "classifier-free guidance scale ω (1: none)"),
                ParameterSpec.real(GAMMA, d.gamma(), 0.0, 10_000.0, "alignment-classifier guidance scale γ (0: none)"),
                SAMPLER_PARAMETERS.get(0), SAMPLER_PARAMETERS.get(1),
                ParameterSpec.integer(SAMPLES, 1, 1.0, 64.0, "samples per clip, sample k from seed + k"));
    }

    /** The sampler's parameters, {@value #STEPS} and {@value #SAMPLER}: the same in every Diff-Foley task. */
    static final List<ParameterSpec> SAMPLER_PARAMETERS = List.of(
            ParameterSpec.integer(STEPS, GuidanceSettings.DEFAULT.steps(), 1.0, 1000.0, "sampler steps"),
            ParameterSpec.text(SAMPLER, GuidanceSettings.DEFAULT.sampler(),
                    List.of(GuidanceSettings.DPM, GuidanceSettings.DDIM), "DPM-Solver++(2M) or DDIM (η = 0)"));

    /** The settings of an experiment's parameters and seed. */
    static GuidanceSettings settings(ClipInput input) throws TaskException {
        GuidanceSettings d = GuidanceSettings.DEFAULT;
        Object sampler = input.parameters().getOrDefault(SAMPLER, d.sampler());
        try {
            return new GuidanceSettings(input.real(OMEGA, d.omega()), input.real(GAMMA, d.gamma()),
                    (int) input.real(STEPS, d.steps()), String.valueOf(sampler), input.seed());
        } catch (IllegalArgumentException e) {
            throw new TaskException(e.getMessage(), e);
        }
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        GuidanceSettings settings = settings(input);
        int samples = (int) input.real(SAMPLES, 1);
        if (samples < 1) {
            throw new TaskException(SAMPLES + " must be at least 1, not " + samples);
        }
        Path media = input.media();
        SubMonitor sub = SubMonitor.convert(monitor, "Generating for " + media.getFileName(), 10);
        ClipCondition clip;
        try {
            clip = ClipCondition.decode(media, input.descriptor().profile());
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                    + e.getMessage(), e);
        }
        DiffFoleyGenerator generator;
        try {
            generator = new DiffFoleyGenerator(input.parts(), engine, input.descriptor().profile());
        } catch (IllegalArgumentException e) {
            throw new TaskException(input.descriptor().id() + ": " + e.getMessage(), e);
        }
        List<GuidanceSettings> cells = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            cells.add(settings.withSeed(settings.seed() + k));
        }
        try {
            List<FloatTensor> mels = generator.generate(clip, DiffFoleyGenerator.clipName(media), cells, sub.split(7));
            double[] scores = generator.classifierScores(generator.videoFeatures(clip), mels);
            List<TaskArtifact> artifacts = new ArrayList<>();
            double sync = 0;
            double score = 0;
            SubMonitor write = sub.split(3).setWorkRemaining(samples);
            for (int k = 0; k < samples; k++) {
                checkCancelled(write);
                GuidanceSettings cell = cells.get(k);
                double offset = generator.syncOffset(clip, mels.get(k));
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put(SYNC_OFFSET, offset);
                metrics.put(CLASSIFIER_SCORE, scores[k]);
                GeneratedSample sample = new GeneratedSample(media.toAbsolutePath().toString(),
                        input.descriptor().id(), cell, cell.stem(), true, metrics);
                write(sample, mels.get(k), generator.vocode(mels.get(k)), media, input.outputFolder());
                artifacts.add(new TaskArtifact("generated sound " + (k + 1), "audio", sample.stem()
                        + GeneratedSample.WAV, new int[0], "int16"));
                artifacts.add(new TaskArtifact("generated log-mel " + (k + 1), "spectrogram", sample.stem()
                        + GeneratedSample.MEL, mels.get(k).shape(), "float32"));
                // the runner keeps (caches, records) exactly the artifacts: the muxed video and the record too
                artifacts.add(new TaskArtifact("video with generated sound " + (k + 1), "other", sample.stem()
                        + GeneratedSample.MP4, new int[0], null));
                artifacts.add(new TaskArtifact("generated sample " + (k + 1), "other", sample.stem()
                        + GeneratedSample.JSON, new int[0], null));
                sync += offset;
                score += scores[k];
                write.worked(1);
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            mean.put(SYNC_OFFSET, sync / samples);
            mean.put(CLASSIFIER_SCORE, score / samples);
            return new ClipResult(input.clipId(), artifacts, mean);
        } catch (InferenceException e) {
            throw new TaskException(media + ": generation failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        }
    }

    /**
     * Writes a sample's files into {@code folder}: {@code STEM.wav} (16-bit PCM), {@code STEM.mel.npy},
     * {@code STEM.mp4} (when {@code sample.video()}: {@code media}'s picture with {@code sound}), and its JSON record
     * last.
     */
    public static void write(GeneratedSample sample, FloatTensor mel, AudioSignal sound, Path media, Path folder)
            throws IOException {
        WavWriter.write(sample.wav(folder), sound, WavWriter.Encoding.PCM_16);
        Npy.write(sample.mel(folder), mel);
        if (sample.video()) {
            SoundtrackMuxer.mux(media, sound, sample.mp4(folder));
        }
        sample.write(folder);
    }

    private static void checkCancelled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
