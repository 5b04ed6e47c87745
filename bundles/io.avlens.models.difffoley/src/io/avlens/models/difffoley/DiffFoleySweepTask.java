package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.analysis.generation.SweepManifest;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.media.AudioSignal;
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
 * The {@code sweep} experiment kind for Diff-Foley-small: for one clip, every (ω, γ) of the experiment's axes and
 * every seed, all cells in one batch through {@link DiffFoleyGenerator#generate} (progress in sampler steps, cancel
 * between steps), so the cells of one seed start from the same noise and differ only by guidance. Each cell is a
 * {@link GeneratedSample} (stem with ω, γ, sampler, steps and seed) with {@code syncOffset}, {@code classifierScore}
 * and, for a clip with an AV-Shapes sidecar, the onset metrics of {@link SweepCellMetrics}, and the judges' verdicts
 * of {@code avlens eval --task generation} ({@value #ALIGN_SCORE}, {@value #ALIGN_ACC}, {@value #MATERIAL_ACC}:
 * {@link GenerationEvaluation}, trained on real audio only); {@code sweep.json}
 * ({@link SweepManifest}) is written last. The clip's metrics are the means over its cells. Stateless.
 */
@Component(service = ClipTask.class)
public final class DiffFoleySweepTask implements ClipTask {

    /** The experiment kind. */
    public static final String KIND = "sweep";
    /** The ω axis (real list). */
    public static final String OMEGAS = "omegas";
    /** The γ axis (real list). */
    public static final String GAMMAS = "gammas";
    /** The seeds (integer list; empty: the run's seed). */
    public static final String SEEDS = "seeds";
    /** The ω axis by default. */
    public static final List<Double> DEFAULT_OMEGAS = List.of(1.0, 2.5, 4.5, 7.0);
    /** The γ axis by default. */
    public static final List<Double> DEFAULT_GAMMAS = List.of(0.0, 25.0, 50.0, 100.0);

    /** Per cell: the evaluation classifier's P(aligned) (trained on real audio only, apart from the guidance). */
    public static final String ALIGN_SCORE = "alignScore";
    /** Per cell: 1 when the evaluation classifier judges the sound aligned (P ≥ 0.5): Align Acc over cells. */
    public static final String ALIGN_ACC = "alignAcc";
    /** Per cell: 1 when the material classifier's top material sounds on screen (absent without one). */
    public static final String MATERIAL_ACC = "materialAcc";

    private ProgramEngine engine;

    /** For DS. */
    public DiffFoleySweepTask() {
    }

    /** With a given engine (tests). */
    public DiffFoleySweepTask(ProgramEngine engine) {
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
        return "3"; // 3: a clip's noise is keyed by its name as well as the seed
    }

    @Override
    public List<ParameterSpec> parameters() {
        GuidanceSettings d = GuidanceSettings.DEFAULT;
        return List.of(
                new ParameterSpec(OMEGAS, ParameterSpec.Type.REAL_LIST, "1, 2.5, 4.5, 7", 0.0, 100.0, List.of(),
                        "classifier-free guidance scales ω, one grid row each"),
                new ParameterSpec(GAMMAS, ParameterSpec.Type.REAL_LIST, "0, 25, 50, 100", 0.0, 10_000.0, List.of(),
                        "classifier guidance scales γ, one grid column each"),
                new ParameterSpec(SEEDS, ParameterSpec.Type.INTEGER_LIST, "", null, null, List.of(),
                        "seeds of the initial noise, one sample per cell each (empty: the run's seed)"),
                DiffFoleyGenerateTask.SAMPLER_PARAMETERS.get(0), DiffFoleyGenerateTask.SAMPLER_PARAMETERS.get(1));
    }

    @Override
    public List<Path> inputs(Path media) {
        return List.of(SweepCellMetrics.sidecar(media));
    }

    /** The sweep an experiment's parameters and seed ask for. */
    static SweepManifest manifest(ClipInput input) throws TaskException {
        GuidanceSettings d = GuidanceSettings.DEFAULT;
        List<Double> omegas = reals(input, OMEGAS, DEFAULT_OMEGAS);
        List<Double> gammas = reals(input, GAMMAS, DEFAULT_GAMMAS);
        List<Long> seeds = reals(input, SEEDS, List.of()).stream().map(Double::longValue).toList();
        if (seeds.isEmpty()) {
            seeds = List.of(input.seed());
        }
        Object sampler = input.parameters().getOrDefault(DiffFoleyGenerateTask.SAMPLER, d.sampler());
        try {
            SweepManifest m = new SweepManifest(input.media().toAbsolutePath().toString(), input.descriptor().id(),
                    omegas, gammas, seeds, (int) input.real(DiffFoleyGenerateTask.STEPS, d.steps()),
                    String.valueOf(sampler));
            m.cells(); // validates every setting
            return m;
        } catch (IllegalArgumentException e) {
            throw new TaskException("sweep: " + e.getMessage(), e);
        }
    }

    private static List<Double> reals(ClipInput input, String name, List<Double> fallback) throws TaskException {
        Object v = input.parameters().get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw new TaskException("sweep: parameter " + name + " must be a list of numbers, not " + v);
        }
        List<Double> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n)) {
                throw new TaskException("sweep: parameter " + name + " must be a list of numbers, not " + v);
            }
            if (!out.contains(n.doubleValue())) {
                out.add(n.doubleValue());
            }
        }
        return out.isEmpty() ? fallback : out;
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        SweepManifest manifest = manifest(input);
        List<GuidanceSettings> cells = manifest.cells();
        Path media = input.media();
        SubMonitor sub = SubMonitor.convert(monitor, "Sweeping " + media.getFileName(), 10);
        ClipCondition clip;
        DiffFoleyGenerator generator;
        try {
            clip = ClipCondition.decode(media, input.descriptor().profile());
            generator = new DiffFoleyGenerator(input.parts(), engine, input.descriptor().profile());
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                    + e.getMessage(), e);
        }
        SoundingEvents events = SweepCellMetrics.events(media);
        try (GenerationEvaluation judges = GenerationEvaluation.shipped()) {
            List<FloatTensor> mels = generator.generate(clip, DiffFoleyGenerator.clipName(media), cells, sub.split(6));
            double[] scores = generator.classifierScores(generator.videoFeatures(clip), mels);
            List<TaskArtifact> artifacts = new ArrayList<>();
            Map<String, Double> sums = new LinkedHashMap<>();
            SubMonitor write = sub.split(4).setWorkRemaining(cells.size());
            for (int k = 0; k < cells.size(); k++) {
                if (write.isCanceled()) {
                    throw new OperationCanceledException();
                }
                GuidanceSettings cell = cells.get(k);
                AudioSignal sound = generator.vocode(mels.get(k));
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put(DiffFoleyGenerateTask.SYNC_OFFSET, generator.syncOffset(clip, mels.get(k)));
                metrics.put(DiffFoleyGenerateTask.CLASSIFIER_SCORE, scores[k]);
                metrics.putAll(SweepCellMetrics.of(sound, events, input.descriptor().profile()));
                GeneratedSample sample = new GeneratedSample(media.toAbsolutePath().toString(),
                        input.descriptor().id(), cell, cell.stem(), true, metrics);
                DiffFoleyGenerateTask.write(sample, mels.get(k), sound, media, input.outputFolder());
                // the judges of avlens eval --task generation, per cell: Align Acc's classifier and the material
                SoundScore judged = judges.sample(media, input.outputFolder(), sample);
                metrics.put(ALIGN_SCORE, judged.aligned());
                metrics.put(ALIGN_ACC, judged.aligned() >= 0.5 ? 1.0 : 0.0);
                if (judged.materialRight() != null) {
                    metrics.put(MATERIAL_ACC, judged.materialRight() ? 1.0 : 0.0);
                }
                sample = sample.withMetrics(metrics);
                sample.write(input.outputFolder());
                artifacts.add(new TaskArtifact("sound " + cell.stem(), "audio", sample.stem() + GeneratedSample.WAV,
                        new int[0], "int16"));
                artifacts.add(new TaskArtifact("log-mel " + cell.stem(), "spectrogram",
                        sample.stem() + GeneratedSample.MEL, mels.get(k).shape(), "float32"));
                // the runner's cache keeps only listed files: the muxed video and the record too
                artifacts.add(new TaskArtifact("video " + cell.stem(), "other", sample.stem() + GeneratedSample.MP4,
                        new int[0], null));
                artifacts.add(new TaskArtifact("record " + cell.stem(), "other",
                        sample.stem() + GeneratedSample.JSON, new int[0], null));
                metrics.forEach((name, v) -> sums.merge(name, v, Double::sum));
                write.worked(1);
            }
            manifest.write(input.outputFolder());
            artifacts.add(new TaskArtifact("sweep", "other", SweepManifest.FILE, new int[0], null));
            Map<String, Double> mean = new LinkedHashMap<>();
            sums.forEach((name, sum) -> mean.put(name, sum / cells.size()));
            return new ClipResult(input.clipId(), artifacts, mean);
        } catch (InferenceException e) {
            throw new TaskException(media + ": sweep failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        }
    }
}
