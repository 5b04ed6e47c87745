package io.avlens.models.difffoley;

import com.google.gson.JsonObject;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * The Diff-Foley family's trainer service ({@code avlens train --family diff-foley}): {@link DiffFoleyTrainer} on
 * every in-sync 4 s clip of an AV-Shapes folder; {@code --steps} are the denoiser's, the classifier's are an option.
 * Stateless.
 */
@Component(service = FamilyTrainer.class)
public final class DiffFoleyFamilyTrainer implements FamilyTrainer {

    /** Clips per batch. */
    public static final TrainOption BATCH = TrainOption.whole("batch", "Batch size", 2, 256,
            DiffFoleyTrainSpec.defaults(1, 1).batch(), "clips per batch of both networks");
    /** The classifier's steps. */
    public static final TrainOption CLASSIFIER_STEPS = TrainOption.whole("classifier-steps", "Classifier steps", 1,
            100_000, DiffFoleyTrainSpec.defaults(1, 1).classifierSteps(),
            "Adam steps of the alignment classifier, after the denoiser's");
    /** The share of the classifier's shifted negatives that are near misses ({@link AlignmentPairs}). */
    public static final TrainOption NEAR_MISS = TrainOption.decimal("near-miss-share", "Near-miss share", 0, 1,
            DiffFoleyTrainSpec.defaults(1, 1).nearShare(),
            "share of the classifier's shifted negatives shifted by 0.1-0.5 s instead of 0.5-3.5 s");

    @Override
    public String family() {
        return DiffFoleyDescriptor.FAMILY;
    }

    @Override
    public String displayName() {
        return "Diff-Foley-small";
    }

    @Override
    public String description() {
        return "Video-to-audio generation (methods.md section 4): a denoiser over the log-mel conditioned on the "
                + "frozen CAVP-small's per-frame video features (condition dropped 20 % of the time), then an "
                + "alignment classifier on noisy log-mels (50 % true pairs, 25 % shifted by 0.5-3.5 s (or, a share "
                + "--near-miss-share of them, by 0.1-0.5 s), 25 % another clip), on the in-sync 4 s clips of an "
                + "AV-Shapes dataset (DIR/media/clip-*.mp4). Writes loss.csv and checkpoint.bin (denoiser), "
                + "classifier/loss.csv and classifier/checkpoint.bin, the two networks' .params, cavp-small.params "
                + "(the video part) and diff-foley-small.json.";
    }

    @Override
    public String dataDescription() {
        return "AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4, in-sync 4 s clips)";
    }

    @Override
    public String modelName() {
        return DiffFoleyDescriptor.MODEL_ID;
    }

    @Override
    public int defaultSteps() {
        return 4000;
    }

    @Override
    public LossColumns columns() {
        return DiffFoleyTrainer.DENOISER_COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(BATCH, CLASSIFIER_STEPS, NEAR_MISS);
    }

    /** The classifier's steps, like the denoiser's, may grow when a run resumes (a longer plan). */
    @Override
    public List<TrainOption> planOptions() {
        return List.of(CLASSIFIER_STEPS);
    }

    @Override
    public void checkData(Path dir, TrainRequest request) {
        if (!Files.isDirectory(dir.resolve("media"))) {
            throw new IllegalArgumentException(dir + " has no media/ folder; expected an AV-Shapes dataset "
                    + "(media/clip-*.mp4, see File › New Synthetic Dataset).");
        }
    }

    /** The spec of {@code request}. */
    static DiffFoleyTrainSpec spec(TrainRequest request) {
        DiffFoleyTrainSpec d = DiffFoleyTrainSpec.defaults(request.steps(), request.seed());
        return new DiffFoleyTrainSpec(d.config(), request.steps(), request.whole(CLASSIFIER_STEPS),
                request.whole(BATCH), d.cropSteps(), d.denoiserRate(), d.classifierRate(), d.warmupSteps(), d.conditionDrop(),
                request.seed(), request.checkpointEvery(), d.logEvery(), request.value(NEAR_MISS));
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        DiffFoleyTrainSpec spec;
        try {
            spec = spec(request);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        TrainRecipe recipe = TrainRecipe.guard(this, request);
        try {
            checkData(request.data(), request);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        monitor.progress(TrainingProgress.phase("loading", 0, 0)); // the clips are counted as they are read
        // each clip is polled twice: decoded, then its CAVP-small features
        List<TrainingClip> clips = DiffFoleyData.load(request.data(), spec.config(),
                TrainingMonitor.loading(monitor, 2 * TrainingMonitor.mediaClips(request.data())));
        if (monitor.isCancelled()) {
            return TrainingResult.cancelledWhileLoading(0);
        }
        JsonObject training = new JsonObject();
        training.addProperty("command", String.format(Locale.ROOT,
                "avlens train --family %s --data %s --out %s --steps %d --seed %d --batch %d --classifier-steps %d"
                        + " --near-miss-share %s",
                family(), request.data(), request.out(), request.steps(), request.seed(), spec.batch(),
                spec.classifierSteps(), NEAR_MISS.format(spec.nearShare())));
        training.addProperty("data", request.data().toString());
        recipe.record(request.out());
        return new DiffFoleyTrainer().train(spec, clips, training, request.out(), monitor);
    }
}
