package io.avlens.models.difffoley;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code avlens train --family avshapes-judges}: the judges of generated sound ({@link JudgeTrainer}) on the real
 * in-sync clips of an AV-Shapes folder. Stateless.
 */
@Component(service = FamilyTrainer.class)
public final class JudgeFamilyTrainer implements FamilyTrainer {

    /** Clips per batch. */
    public static final TrainOption BATCH = TrainOption.whole("batch", "Batch size", 4, 256, 32,
            "clips per batch (half aligned, a quarter shifted, a quarter swapped)");
    /** Peak learning rate. */
    public static final TrainOption LEARNING_RATE = TrainOption.decimal("lr", "Learning rate", 1e-5, 1e-1, 2e-3,
            "peak Adam learning rate (warm-up, then cosine decay)");

    @Override
    public String family() {
        return JudgeTrainer.FAMILY;
    }

    @Override
    public String displayName() {
        return "AV-Shapes judges";
    }

    @Override
    public String description() {
        return "The judges of generated sound, on the real in-sync clips of an AV-Shapes dataset: an alignment "
                + "classifier (log-mel + frozen CAVP-small video features → P(aligned); half true pairs, a quarter "
                + "shifted, a quarter swapped) and a material classifier whose embedding serves the Fréchet "
                + "distance. Writes loss.csv, checkpoint.bin and avshapes-judges.params.";
    }

    @Override
    public String dataDescription() {
        return "AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4)";
    }

    @Override
    public String modelName() {
        return JudgeModel.NAME;
    }

    @Override
    public int defaultSteps() {
        return 600;
    }

    @Override
    public LossColumns columns() {
        return JudgeTrainer.COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(BATCH, LEARNING_RATE);
    }

    @Override
    public void checkData(Path data, TrainRequest request) {
        if (!Files.isDirectory(data.resolve("media"))) {
            throw new IllegalArgumentException(data + " has no media/ folder; expected an AV-Shapes dataset "
                    + "(media/clip-*.mp4, see avlens synth).");
        }
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        TrainRecipe recipe = TrainRecipe.guard(this, request);
        try {
            checkData(request.data(), request);
        } catch (IllegalArgumentException e) { // the data folder is not one to train on: the user's input
            throw new IOException(e.getMessage(), e);
        }
        List<JudgeClip> clips = JudgeData.load(request.data(), null, monitor::isCancelled);
        recipe.record(request.out());
        return new JudgeTrainer().train(clips, request.steps(), request.whole(BATCH),
                (float) request.value(LEARNING_RATE), request.seed(), request.checkpointEvery(), request.out(),
                monitor);
    }
}
