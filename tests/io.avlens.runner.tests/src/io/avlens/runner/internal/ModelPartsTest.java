package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.io.FileTrees;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskException;

/**
 * A model made of two parts ({@code left}, {@code right}: the fixture TorchScript under two names): the runner loads
 * each part once per run and once for a viewer's clips (pooled per part), and the task gets both by role.
 */
class ModelPartsTest {

    private static final String PAIR = "fixture-pair";

    @TempDir
    Path dir;

    /** Forwards both parts; the metric {@code sum} is what they computed together. */
    static final class PairTask implements ClipTask {
        final List<List<String>> roles = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "embedding";
        }

        @Override
        public boolean supports(String family) {
            return family.equals(PAIR);
        }

        @Override
        public String version() {
            return "pair-1";
        }

        @Override
        public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
            roles.add(input.parts().roles());
            assertThat(input.model()).as("a model of parts has no single model").isNull();
            FloatTensor x = FloatTensor.of(new int[] {1, 3, 16, 16}, new float[3 * 16 * 16]);
            try {
                float a = input.parts().byRole("left").forward(Map.of("frames", x)).get("embedding").getFlat(0);
                float b = input.parts().byRole("right").forward(Map.of("frames", x)).get("embedding").getFlat(0);
                return new ClipResult(input.clipId(), List.of(), Map.of("sum", (double) (a + b)));
            } catch (InferenceException e) {
                throw new TaskException(e.getMessage(), e);
            }
        }
    }

    /** The fixture model's file under two names, as one model of two parts. */
    private void writePair(Rig rig) throws Exception {
        Path single = rig.models.resolve(Rig.MODEL);
        ModelDescriptor fixture = ModelDescriptors.read(single.resolve(ModelDescriptors.FILE_NAME));
        Path folder = Files.createDirectories(rig.models.resolve(PAIR));
        Files.copy(single.resolve("conv_traced.pt"), folder.resolve("left.pt"));
        Files.copy(single.resolve("conv_traced.pt"), folder.resolve("right.pt"));
        List<ModelDescriptor.Component> parts = List.of(
                new ModelDescriptor.Component("left", ModelDescriptor.Source.TORCHSCRIPT, "left.pt", fixture.sha256(),
                        fixture.inputs(), fixture.outputs()),
                new ModelDescriptor.Component("right", ModelDescriptor.Source.TORCHSCRIPT, "right.pt",
                        fixture.sha256(), fixture.inputs(), fixture.outputs()));
        ModelDescriptors.write(folder.resolve(ModelDescriptors.FILE_NAME), new ModelDescriptor(PAIR, PAIR, null, null,
                null, fixture.profile(), fixture.modalities(), null, null, null, false, parts));
    }

    @Test
    void eachPartIsLoadedOncePerRunAndOnceForAViewersClips() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        writePair(rig);
        CountingInference inference = new CountingInference();
        PairTask task = new PairTask();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(inference, Map.of());
        runner.addTask(task);
        rig.experiment.getModels().get(0).setId(PAIR);
        rig.experiment.getModels().get(0).setFamily(PAIR);

        RunOutcome run = runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.clips()).hasSize(2);
        assertThat(task.roles).containsExactly(List.of("left", "right"), List.of("left", "right"));
        assertThat(inference.loads).as("two parts, once per run, not once per clip").hasValue(2);
        assertThat(inference.closes).as("a run's parts are closed at its end").hasValue(2);
        double sum = run.clips().get(0).metrics().get("sum");

        for (String id : new String[] {"a", "b"}) {
            ClipOutcome outcome = runner.runClip(new ClipRequest("embedding", ExperimentSnapshots.model(rig.models,
                    PAIR), new ClipRef(id, rig.media(id)), Map.of(), 7), rig.settings().withCacheFolder(null), null);
            assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
            assertThat(outcome.metrics().get("sum")).isEqualTo(sum);
            FileTrees.deleteQuietly(outcome.folder());
        }
        assertThat(inference.loads).as("the viewer's pool keeps both parts for the next clip").hasValue(4);
        runner.deactivate();
        assertThat(inference.closes).hasValue(4);
    }

    @Test
    void aChangedPartFailsTheRunNamingItsFileAndRole() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        writePair(rig);
        Files.writeString(rig.models.resolve(PAIR).resolve("right.pt"), "changed");
        RunnerService runner = new RunnerService();
        runner.addInferenceService(new CountingInference(), Map.of());
        runner.addTask(new PairTask());
        rig.experiment.getModels().get(0).setId(PAIR);
        rig.experiment.getModels().get(0).setFamily(PAIR);
        RunOutcome run = runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.message()).contains("right.pt").contains("the right part of model " + PAIR);
    }
}
