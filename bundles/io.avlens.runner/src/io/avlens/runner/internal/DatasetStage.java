package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.DatasetOutcome;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;
import io.avlens.runner.task.DatasetInput;
import io.avlens.runner.task.DatasetInput.DatasetClip;
import io.avlens.runner.task.DatasetResult;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.TaskException;

/**
 * The dataset-level stage of one model of a run: gives a {@link DatasetTask} every clip's per-clip result with the
 * clip's metadata, in a fresh {@code <model>/_dataset} folder. Stateless.
 */
final class DatasetStage {

    private DatasetStage() {
    }

    /**
     * Runs {@code task} over {@code outcomes} (this model's clips, in run order).
     *
     * @throws TaskException when the task fails; the message names the model and the folder
     * @throws IOException   when the folder cannot be created
     */
    static DatasetOutcome run(DatasetTask task, ModelRef model, RunSnapshot snapshot, Path modelFolder,
            List<ClipOutcome> outcomes, IProgressMonitor monitor) throws TaskException, IOException {
        Path folder = Files.createDirectories(modelFolder.resolve(DatasetOutcome.FOLDER));
        List<DatasetClip> clips = outcomes.stream().map(o -> clip(o, snapshot)).toList();
        DatasetInput input = new DatasetInput(model.id(), model.family(),
                snapshot.parameters(), folder, clips);
        DatasetResult result;
        try {
            result = task.run(input, monitor);
        } catch (TaskException e) {
            throw new TaskException("the dataset stage of model " + model.id() + " (" + folder + ") failed: "
                    + e.getMessage(), e);
        }
        return new DatasetOutcome(model.id(), folder, result.artifacts(), result.metrics());
    }

    private static DatasetClip clip(ClipOutcome o, RunSnapshot snapshot) {
        ClipRef ref = snapshot.clips().stream().filter(c -> c.id().equals(o.clipId()) && c.media().equals(o.media()))
                .findFirst().orElse(new ClipRef(o.clipId(), o.media()));
        return new DatasetClip(o.clipId(), o.media(), ref.split(), ref.labels(), o.state() == RunState.SUCCEEDED,
                o.folder(), o.artifacts(), o.metrics());
    }
}
