package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.model.Artifact;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipResult;
import io.avlens.model.Label;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.Split;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunRecords;
import io.avlens.runner.RunState;
import io.avlens.runner.task.DatasetInput;
import io.avlens.runner.task.DatasetResult;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * The dataset-level stage: after the per-clip stage a {@link DatasetTask} of the run's kind sees every clip's result
 * and metadata, writes into {@code <model>/_dataset/}, and its metrics and artifacts reach run.json and the EMF run;
 * the EMF run refers to its clips and model.
 */
class DatasetStageTest {

    @TempDir
    Path dir;

    /** Mean of the per-clip {@code frames}, and a text file listing each clip with its split and scene label. */
    static final class MeanFramesTask implements DatasetTask {
        final List<DatasetInput> inputs = new ArrayList<>();
        boolean fail;
        String kind = "embedding";

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public boolean supports(String family) {
            return "fixture".equals(family);
        }

        @Override
        public DatasetResult run(DatasetInput input, IProgressMonitor monitor) throws TaskException {
            inputs.add(input);
            if (fail) {
                throw new TaskException("no clip has a scene label");
            }
            StringBuilder listing = new StringBuilder();
            double sum = 0;
            int n = 0;
            for (DatasetInput.DatasetClip c : input.clips()) {
                listing.append(c.clipId()).append(' ').append(c.split()).append(' ').append(c.labels().get("scene"))
                        .append(' ').append(Files.isRegularFile(c.folder().resolve("embedding.npy"))).append('\n');
                if (c.succeeded()) {
                    sum += c.metrics().get("frames");
                    n++;
                }
            }
            try {
                Files.writeString(input.outputFolder().resolve("clips.txt"), listing, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TaskException(e.getMessage(), e);
            }
            return new DatasetResult(List.of(new TaskArtifact("clips", "other", "clips.txt", null, null)),
                    Map.of("meanFrames", sum / n));
        }
    }

    private Rig rigWithLabels() throws Exception {
        Rig rig = new Rig(dir);
        Split test = AvLensFactory.eINSTANCE.createSplit();
        test.setName("test");
        rig.dataset.getSplits().add(test);
        Clip a = rig.clip("a", 0);
        a.setSplit(test);
        Label scene = AvLensFactory.eINSTANCE.createLabel();
        scene.setKey("scene");
        scene.setValue("kitchen");
        a.getLabels().add(scene);
        rig.clip("b", 40);
        return rig;
    }

    @Test
    void theDatasetTaskSeesEveryClipAndItsResultsReachRunJsonAndTheEmfRun() throws Exception {
        Rig rig = rigWithLabels();
        MeanFramesTask task = new MeanFramesTask();
        rig.runner.addDatasetTask(task);

        RunOutcome outcome = rig.runner.run(rig.snapshot(), rig.settings(), new NullProgressMonitor());

        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(task.inputs).hasSize(1);
        Path folder = outcome.runFolder().resolve("fixture-conv/_dataset");
        assertThat(task.inputs.get(0).outputFolder()).isEqualTo(folder);
        assertThat(Files.readString(folder.resolve("clips.txt")))
                .isEqualTo("a test kitchen true\nb null null true\n");
        assertThat(outcome.metrics()).containsEntry("meanFrames", 32.0).containsEntry("totalFrames", 64.0);

        JsonObject json = JsonParser.parseString(Files.readString(outcome.runJson())).getAsJsonObject();
        JsonObject dataset = json.getAsJsonArray("datasets").get(0).getAsJsonObject();
        assertThat(dataset.get("model").getAsString()).isEqualTo("fixture-conv");
        assertThat(dataset.get("folder").getAsString()).isEqualTo("fixture-conv/_dataset");
        assertThat(dataset.getAsJsonObject("metrics").get("meanFrames").getAsDouble()).isEqualTo(32.0);
        assertThat(dataset.getAsJsonArray("artifacts").get(0).getAsJsonObject().get("file").getAsString())
                .isEqualTo("clips.txt");
        assertThat(json.getAsJsonObject("metrics").get("meanFrames").getAsDouble()).isEqualTo(32.0);

        Run run = RunRecords.toRun(outcome, rig.experiment);
        Artifact listing = run.getArtifacts().stream().filter(a -> a.getName().equals("_dataset/clips")).findFirst()
                .orElseThrow();
        assertThat(listing.getLocation()).isEqualTo("runs/" + outcome.runId() + "/fixture-conv/_dataset/clips.txt");
        assertThat(listing.getClip()).isNull();
        assertThat(listing.getModel()).isSameAs(rig.emf.findModel(Rig.MODEL));
        assertThat(run.getMetrics()).anyMatch(m -> m.getName().equals("meanFrames") && m.getValue() == 32.0);
    }

    @Test
    void aFailingDatasetTaskFailsTheRunNamingTheModelAndKeepsTheClips() throws Exception {
        Rig rig = rigWithLabels();
        MeanFramesTask task = new MeanFramesTask();
        task.fail = true;
        rig.runner.addDatasetTask(task);

        RunOutcome outcome = rig.runner.run(rig.snapshot(), rig.settings(), new NullProgressMonitor());

        assertThat(outcome.state()).isEqualTo(RunState.FAILED);
        assertThat(outcome.message()).contains("dataset stage of model fixture-conv", "no clip has a scene label");
        assertThat(outcome.clips()).extracting(c -> c.state()).containsExactly(RunState.SUCCEEDED,
                RunState.SUCCEEDED);
        assertThat(outcome.datasets()).isEmpty();
    }

    @Test
    void withoutADatasetTaskOfTheKindThereIsNoDatasetStage() throws Exception {
        Rig rig = rigWithLabels();
        MeanFramesTask task = new MeanFramesTask();
        task.kind = "retrieval"; // the run is an embedding one
        rig.runner.addDatasetTask(task);

        RunOutcome outcome = rig.runner.run(rig.snapshot(), rig.settings(), new NullProgressMonitor());

        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(task.inputs).isEmpty();
        assertThat(outcome.runFolder().resolve("fixture-conv/_dataset")).doesNotExist();
    }

    @Test
    void theEmfRunRefersToItsClipsAndModelAndKeepsEachClipsMetrics() throws Exception {
        Rig rig = rigWithLabels();
        RunOutcome outcome = rig.runner.run(rig.snapshot(), rig.settings(), new NullProgressMonitor());

        Run run = RunRecords.toRun(outcome, rig.experiment);

        assertThat(run.getClipResults()).extracting(ClipResult::getClip)
                .containsExactly(rig.dataset.findClip("a"), rig.dataset.findClip("b"));
        ClipResult a = run.getClipResults().get(0);
        assertThat(a.getModel()).isSameAs(rig.emf.findModel(Rig.MODEL));
        assertThat(a.getClipId()).isEqualTo("a");
        assertThat(a.getModelId()).isEqualTo(Rig.MODEL);
        assertThat(a.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(a.getMetrics()).extracting(m -> m.getName() + "=" + m.getValue())
                .containsExactly("frames=32.0", "scale=1.5");
        assertThat(run.getArtifacts()).extracting(Artifact::getClip)
                .containsExactly(rig.dataset.findClip("a"), rig.dataset.findClip("b"));
        assertThat(run.getArtifacts()).allSatisfy(x -> assertThat(x.getModel()).isSameAs(a.getModel()));
        // detached (no experiment): the ids stay, the references are unset
        Run detached = RunRecords.toRun(outcome);
        assertThat(detached.getClipResults()).extracting(ClipResult::getClipId).containsExactly("a", "b");
        assertThat(detached.getClipResults()).allSatisfy(r -> assertThat(r.getClip()).isNull());
    }
}
