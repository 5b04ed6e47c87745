package io.avlens.models.difffoley;

import com.google.gson.JsonObject;
import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.training.Adam;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainingLoop;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import io.avlens.models.training.WarmupCosineSchedule;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Trains Diff-Foley-small's two networks on clips in memory, each with the shared {@link TrainingLoop}: the
 * denoiser in the output folder itself ({@code loss.csv}, {@code checkpoint.bin}), then the alignment classifier in
 * {@code OUT/classifier/} (its own {@code loss.csv} and checkpoint); a rerun with the same folder resumes whichever
 * is unfinished. At the end it writes both weights, CAVP-small's shipped weights as the video part, and the
 * descriptor {@code diff-foley-small.json}. The engine's seed is set before each network is initialised and the
 * batch of step {@code s} comes from {@code new Random(seed · 1_000_003 + s)} (classifier: {@code + 7}), so a
 * resumed run ends with the weights of an uninterrupted one (same thread count). Not thread-safe.
 */
public final class DiffFoleyTrainer {

    /** The denoiser's loss columns. */
    public static final LossColumns DENOISER_COLUMNS = LossColumns.of(List.of("loss"), List.of(), "loss");
    /** The classifier's loss columns. */
    public static final LossColumns CLASSIFIER_COLUMNS = LossColumns.of(List.of("loss", "accuracy"),
            List.of("accuracy"), "loss");
    /** The classifier's sub-folder of the output folder. */
    public static final String CLASSIFIER_FOLDER = "classifier";

    /**
     * Trains (or resumes) into {@code outDir}.
     *
     * @param training the descriptor's {@code training} block (command, data); steps and sizes are added
     */
    public TrainingResult train(DiffFoleyTrainSpec spec, List<TrainingClip> clips, JsonObject training, Path outDir,
            TrainingMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        if (clips.size() < spec.batch()) {
            throw new IOException(clips.size() + " training clips, a batch needs " + spec.batch());
        }
        Files.createDirectories(outDir);
        Path denoiserWeights = outDir.resolve(DiffFoleyDescriptor.DENOISER_WEIGHTS);
        Path classifierWeights = outDir.resolve(DiffFoleyDescriptor.CLASSIFIER_WEIGHTS);
        TrainingLoop.Outcome denoised;
        int allSteps = spec.denoiserSteps() + spec.classifierSteps(); // progress runs over both loops
        DjlSetup.engine().setRandomSeed((int) spec.seed());
        try (DiffFoleyPart<DenoiserBlock> model = DiffFoleyPart.denoiser(spec.config())) {
            WarmupCosineSchedule lr = new WarmupCosineSchedule(spec.denoiserRate(), spec.warmupSteps(),
                    spec.denoiserSteps());
            denoised = run(model, new TrainingLoop("diff-foley-denoiser", DENOISER_COLUMNS, spec.denoiserSteps(),
                    spec.seed(), spec.checkpointEvery(), spec.logEvery()), outDir,
                    TrainingMonitor.part(monitor, 0, allSteps),
                    (m, adam, step) -> new double[] {DenoiserTraining.step(m, adam, clips, spec.batch(), spec.cropSteps(),
                            spec.conditionDrop(), lr.at(step), new Random(spec.seed() * 1_000_003L + step))});
            AtomicFiles.write(denoiserWeights, model::save);
            training.addProperty("denoiserParameters", model.parameterCount());
        }
        if (denoised.cancelled()) {
            return new TrainingResult(denoiserWeights, null, outDir.resolve("loss.csv"), denoised.steps(), true,
                    (System.nanoTime() - t0) / 1e9);
        }
        TrainingLoop.Outcome classified;
        DjlSetup.engine().setRandomSeed((int) spec.seed() + 7);
        AlignmentPairs pairs = ClassifierTraining.pairs(spec.config(), clips, spec.nearShare());
        try (DiffFoleyPart<AlignmentClassifierBlock> model = DiffFoleyPart.classifier(spec.config())) {
            WarmupCosineSchedule lr = new WarmupCosineSchedule(spec.classifierRate(), spec.warmupSteps(),
                    spec.classifierSteps());
            classified = run(model, new TrainingLoop("diff-foley-classifier", CLASSIFIER_COLUMNS,
                    spec.classifierSteps(), spec.seed(), spec.checkpointEvery(), spec.logEvery()),
                    outDir.resolve(CLASSIFIER_FOLDER), TrainingMonitor.part(monitor, spec.denoiserSteps(), allSteps),
                    (m, adam, step) -> ClassifierTraining.step(m, adam, pairs, spec.batch(), spec.config().steps(),
                            lr.at(step), new Random(spec.seed() * 1_000_003L + step + 7)));
            if (classified.cancelled()) { // no descriptor: an unfinished model must not look finished
                return new TrainingResult(denoiserWeights, null, outDir.resolve("loss.csv"),
                        denoised.steps() + classified.steps(), true, (System.nanoTime() - t0) / 1e9);
            }
            AtomicFiles.write(classifierWeights, model::save);
            training.addProperty("classifierParameters", model.parameterCount());
        }
        Path video = outDir.resolve(DiffFoleyDescriptor.VIDEO_WEIGHTS);
        try (InputStream in = CavpModel.class.getResourceAsStream(CavpModel.BUNDLED_WEIGHTS)) {
            if (in == null) {
                throw new IOException("CAVP-small's shipped weights " + CavpModel.BUNDLED_WEIGHTS + " are missing");
            }
            AtomicFiles.write(video, in::transferTo);
        }
        training.addProperty("clips", clips.size());
        training.addProperty("denoiserSteps", denoised.steps());
        training.addProperty("classifierSteps", classified.steps());
        training.addProperty("batchSize", spec.batch());
        training.addProperty("cropSteps", spec.cropSteps());
        training.addProperty("denoiserLearningRate", spec.denoiserRate());
        training.addProperty("classifierLearningRate", spec.classifierRate());
        training.addProperty("conditionDrop", spec.conditionDrop());
        training.addProperty("classifierNearMissShare", spec.nearShare());
        training.addProperty("seed", spec.seed());
        Path descriptor = outDir.resolve(DiffFoleyDescriptor.MODEL_ID + ".json");
        String json = DiffFoleyDescriptor.json(DiffFoleyDescriptor.descriptor(spec.config(),
                ModelDescriptors.sha256(video), ModelDescriptors.sha256(denoiserWeights),
                ModelDescriptors.sha256(classifierWeights)), training);
        AtomicFiles.write(descriptor, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        monitor.progress(new TrainingProgress("done", spec.denoiserSteps() + classified.steps(), allSteps,
                Double.NaN, java.util.Map.of(), Double.NaN));
        return new TrainingResult(denoiserWeights, descriptor, outDir.resolve("loss.csv"), denoised.steps(),
                classified.cancelled(), (System.nanoTime() - t0) / 1e9);
    }

    /** One part's step. */
    @FunctionalInterface
    private interface PartStep<B extends ai.djl.nn.Block> {
        double[] step(DiffFoleyPart<B> model, Adam adam, int step);
    }

    private static <B extends ai.djl.nn.Block> TrainingLoop.Outcome run(DiffFoleyPart<B> model, TrainingLoop loop,
            Path dir, TrainingMonitor monitor, PartStep<B> body) throws IOException {
        model.requireGradients();
        Adam adam = new Adam(model.block().getParameters(), model.manager());
        return loop.run(dir, new TrainingLoop.Trainee() {
            @Override
            public double[] step(int step) {
                return body.step(model, adam, step);
            }

            @Override
            public void save(DataOutputStream out) throws IOException {
                model.saveCheckpoint(out, adam);
            }

            @Override
            public void load(DataInputStream in, String source) throws IOException {
                model.loadCheckpoint(in, source, adam);
            }
        }, monitor);
    }
}
