package io.avlens.models.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains the networks of one model family (an OSGi service; register one per family): {@code avlens train --family},
 * File › Train… and the Training view work with any registered trainer. A trainer writes into the request's output
 * folder the {@link LossCsv} curve (with its column sidecar), the {@link Checkpoint} it resumes from (same folder,
 * same seed, same {@link TrainRecipe}: {@link TrainRecipe#guard} at the start of {@link #train}), and at the end
 * the weights with their AV Lens descriptor; {@link TrainingLoop} does the shared part.
 * Implementations are thread-safe (each call trains on the calling thread, one run per output folder at a time).
 */
public interface FamilyTrainer {

    /** The family id, as in model descriptors and {@code --family}, e.g. {@code cavp}. */
    String family();

    /** A name for menus and dialogs, e.g. {@code CAVP-small}. */
    String displayName();

    /** What the trainer learns from which data and what it writes, a paragraph for help texts. */
    String description();

    /**
     * What the data folder must be, completing "Choose the …", e.g. {@code AV-Shapes dataset folder to train on
     * (DIR/media/clip-*.mp4)}.
     */
    String dataDescription();

    /** The name the weights and descriptor get in the output folder (without extension), e.g. {@code cavp-small}. */
    String modelName();

    /** The steps of a training when none are given. */
    int defaultSteps();

    /** The columns of its {@code loss.csv}: which are losses, which go on a secondary axis. */
    LossColumns columns();

    /** The family's own settings, in the order a form shows them. */
    List<TrainOption> options();

    /**
     * Those of {@link #options()} that, like the steps, only set how long a part of the run goes, so a resumed run
     * may ask for more; every other option is part of the run's {@link TrainRecipe} and must stay as it was.
     */
    default List<TrainOption> planOptions() {
        return List.of();
    }

    /**
     * Every option {@link #train} reads from a request: {@link #options()} and any a family takes only from tools
     * (not offered on the command line or in forms), so the {@link TrainRecipe} covers whatever changes the run.
     */
    default List<TrainOption> recipeOptions() {
        return options();
    }

    /**
     * Quick checks of {@code data} for a form that checks as the user types (listing files, reading sidecars; no
     * decoding): does nothing when training could start.
     *
     * @throws IllegalArgumentException naming the folder or file and the problem
     */
    void checkData(Path data, TrainRequest request);

    /**
     * Trains (or resumes) {@code request}; progress and cancel through {@code monitor}. A cancelled run still writes
     * its checkpoint and the weights so far.
     *
     * @throws IOException naming the file when the data cannot be read, the folder not written, or its checkpoint
     *                     belongs to another family, seed or {@link TrainRecipe} or lies beyond the requested steps
     */
    TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException;
}
