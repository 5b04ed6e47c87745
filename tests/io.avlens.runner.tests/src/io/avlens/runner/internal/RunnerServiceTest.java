package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunRecords;
import io.avlens.runner.RunState;

/** A run of the fixture model through the real CPU inference service: artifacts, run.json, EMF record. */
class RunnerServiceTest {

    @TempDir
    Path dir;

    @Test
    void aRunWritesTheModelsOutputsAndItsRecord() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), new NullProgressMonitor());

        assertThat(run.state()).as(run.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.runId()).matches("emb-\\d{8}-\\d{6}");
        assertThat(run.runFolder()).isEqualTo(rig.project.resolve("runs").resolve(run.runId()));
        assertThat(run.device()).isEqualTo("cpu");
        assertThat(run.clips()).extracting(ClipOutcome::clipId).containsExactly("a", "b");
        // the reference: the same frames through the model loaded directly, outside the runner
        InferenceService service = Rig.inference();
        Path descriptor = rig.models.resolve("fixture-conv/model.json");
        try (LoadedModel model = service.load(ModelDescriptors.toSpec(descriptor, ModelDescriptors.read(descriptor),
                ModelSpec.Options.DEFAULT))) {
            for (String id : List.of("a", "b")) {
                Path file = run.runFolder().resolve("fixture-conv").resolve(id).resolve("embedding.npy");
                FloatTensor written = Npy.read(file).toFloatTensor();
                FloatTensor frames = FrameEmbeddingTask.frames(rig.media(id));
                FloatTensor expected = model.forward(Map.of("frames", frames)).get("embedding");
                assertThat(written.shape()).containsExactly(32, 4);
                assertThat(maxAbsDiff(written, expected)).isLessThan(1e-5);
                for (int t = 0; t < 32; t++) {
                    double norm = 0;
                    for (int k = 0; k < 4; k++) {
                        norm += written.get(t, k) * written.get(t, k);
                    }
                    assertThat(Math.sqrt(norm)).as("the model L2-normalises").isCloseTo(1.0, within(1e-5));
                }
            }
        }
        assertThat(run.metrics()).containsEntry("clips", 2.0).containsEntry("failedClips", 0.0)
                .containsEntry("cachedClips", 0.0).containsEntry("totalFrames", 64.0).containsKey("seconds");

        JsonObject json = JsonParser.parseString(Files.readString(run.runJson(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertThat(json.get("id").getAsString()).isEqualTo(run.runId());
        assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(json.get("error").isJsonNull()).isTrue();
        assertThat(json.get("seed").getAsLong()).isEqualTo(7);
        assertThat(json.get("device").getAsString()).isEqualTo("cpu");
        assertThat(json.getAsJsonObject("parameters").get("scale").getAsDouble()).isEqualTo(1.5);
        JsonObject model = json.getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(model.get("id").getAsString()).isEqualTo("fixture-conv");
        assertThat(model.get("weightsSha256").getAsString())
                .isEqualTo(sha256(rig.models.resolve("fixture-conv/conv_traced.pt")));
        JsonObject clip = json.getAsJsonArray("clips").get(1).getAsJsonObject();
        assertThat(clip.get("clip").getAsString()).isEqualTo("b");
        assertThat(clip.get("mediaSha256").getAsString()).isEqualTo(sha256(rig.media("b")));
        assertThat(clip.get("folder").getAsString()).isEqualTo("fixture-conv/b");
        assertThat(clip.getAsJsonObject("metrics").get("frames").getAsDouble()).isEqualTo(32);
        assertThat(clip.getAsJsonObject("metrics").get("scale").getAsDouble()).isEqualTo(1.5);
        assertThat(json.getAsJsonObject("metrics").get("totalFrames").getAsDouble()).isEqualTo(64);
        assertThat(Rig.names(run.runFolder())).noneMatch(n -> n.contains(".partial"));
    }

    @Test
    void theOutcomeBecomesAnEmfRunWithProjectRelativeLocations() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        RunOutcome outcome = rig.runner.run(rig.snapshot(), rig.settings(), null);
        Run run = RunRecords.toRun(outcome);
        assertThat(run.getId()).isEqualTo(outcome.runId());
        assertThat(run.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.getStart()).isEqualTo(outcome.start());
        assertThat(run.getEnd()).isEqualTo(outcome.end());
        assertThat(run.getDevice()).isEqualTo("cpu");
        assertThat(run.getSeed()).isEqualTo(7);
        assertThat(run.getLogLocation()).isEqualTo("runs/" + outcome.runId() + "/run.json");
        assertThat(run.getErrorMessage()).isNull();
        assertThat(run.getMetrics()).extracting(m -> m.getName())
                .containsExactly("cachedClips", "clips", "failedClips", "seconds", "totalFrames");
        assertThat(run.getArtifacts()).hasSize(1);
        Artifact a = run.getArtifacts().get(0);
        assertThat(a.getName()).isEqualTo("a/embedding");
        assertThat(a.getKind()).isEqualTo(ArtifactKind.EMBEDDING);
        assertThat(a.getLocation()).isEqualTo("runs/" + outcome.runId() + "/fixture-conv/a/embedding.npy");
        assertThat(a.getShape()).containsExactly(32, 4);
        assertThat(a.getDtype()).isEqualTo("float32");
        assertThat(rig.project.resolve(a.getLocation())).isRegularFile();
    }

    @Test
    void runIdsAreUniqueWithinOneSecond() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        RunOutcome first = rig.runner.run(rig.snapshot(), rig.settings(), null);
        RunOutcome second = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(List.of(first.runId(), second.runId())).isSorted();
    }

    static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        assertThat(a.shape()).containsExactly(b.shape());
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.getFlat(i) - b.getFlat(i)));
        }
        return max;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
