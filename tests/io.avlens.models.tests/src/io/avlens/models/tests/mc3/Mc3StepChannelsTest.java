package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.mc3.Mc3BlockFactory;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3Descriptor;
import io.avlens.models.mc3.Mc3Embedder;
import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.mc3.Mc3Loss;
import io.avlens.models.mc3.Mc3Model;
import io.avlens.models.mc3.Mc3TrainSpec;
import io.avlens.models.mc3.Mc3Trainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding's values per step ({@code --step-channels k}): the trainer's default is the first network (one value
 * per step, D = 64; the shipped weights are k = 8), k &gt; 1 makes {@code k·T} per-step values beside the same
 * clip-level part and trains, and the descriptor's D brings the same block back through the inference service.
 */
class Mc3StepChannelsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheFirstNetwork() {
        Mc3Config small = Mc3Config.small();
        assertThat(small.stepChannels()).isEqualTo(1);
        assertThat(small.stepDimension()).isEqualTo(32);
        assertThat(small.globalDimension()).isEqualTo(32);
        Mc3TrainSpec defaults = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of()));
        assertThat(defaults.config()).isEqualTo(small);
        assertThat(Mc3FamilyTrainer.STEP_CHANNELS.defaultValue()).isEqualTo(1);
        try (Mc3Model model = Mc3Model.initialised(Mc3TrainerTest.tiny())) {
            assertThat(weight(model, "audioTimeHead_weight"))
                    .isEqualTo(new Shape(1, 4, 1));
        }
        // D = 64 is k = 1; 160 is k = 4 with the same 32 clip-level values
        assertThat(small.forDimension(64)).isEqualTo(small);
        Mc3Config four = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of("step-channels", 4)))
                .config();
        assertThat(four).isEqualTo(small.withStepChannels(4)).isEqualTo(small.forDimension(160));
        assertThat(four.dimension()).isEqualTo(160);
        assertThat(four.globalDimension()).isEqualTo(32);
        assertThatThrownBy(() -> small.forDimension(100)).hasMessageContaining("not 100");
        assertThatThrownBy(() -> Mc3FamilyTrainer.STEP_CHANNELS.parse("0")).hasMessageContaining("Values per step");
    }

    @Test
    void moreChannelsGiveKValuesPerStepAndTrain() throws Exception {
        Mc3Config c = Mc3TrainerTest.tiny().withStepChannels(3); // D 3·32 + 8
        assertThat(c.dimension()).isEqualTo(104);
        try (Mc3Model model = Mc3Model.initialised(c); NDManager m = model.manager().newSubManager()) {
            assertThat(weight(model, "videoTimeHead_weight"))
                    .isEqualTo(new Shape(3, 4, 1));
            model.requireGradients();
            int b = 3;
            NDArray frames = m.randomUniform(0, 1, new Shape(b, 32, 64, 64, 3));
            NDArray mel = m.randomUniform(0, 1, new Shape(b, 64, 256));
            NDArray text = Mc3NetworkTest.text(m, c, b);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDList z = model.block().forward(model.store(), new NDList(frames, mel, text), true);
                for (int k = 0; k < 3; k++) {
                    assertThat(z.get(k).getShape()).isEqualTo(new Shape(b, 104));
                    for (float n : z.get(k).square().sum(new int[] {1}).toFloatArray()) {
                        assertThat(n).isCloseTo(1f, within(1e-4f));
                    }
                }
                gc.backward(Mc3Loss.total(z.get(0), z.get(1), z.get(2), z.get(3),
                        Mc3TrainSpec.defaultConsensus())[0]);
            }
            for (var p : model.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    float[] g = p.getValue().getArray().getGradient().abs().sum().toFloatArray();
                    assertThat(g[0]).as("gradient of %s", p.getKey()).isGreaterThan(0f);
                }
            }
        }
    }

    private static Shape weight(Mc3Model model, String name) {
        return model.block().getParameters().stream().filter(p -> p.getKey().endsWith(name)).findFirst()
                .orElseThrow().getValue().getArray().getShape();
    }

    /**
     * Trained weights with k = 2 write D = 72 and k in the descriptor; the inference service builds the k = 2
     * block from that D, the embedding has 72 values per modality; the same weights under a descriptor that
     * claims the tiny network's default D fail to load instead of giving wrong vectors.
     */
    @Test
    void theDescriptorBringsTheSameBlockBack() throws Exception {
        Mc3Config c = Mc3TrainerTest.tiny().withStepChannels(2);
        Mc3TrainSpec spec = new Mc3TrainSpec(c, Mc3TrainSpec.defaultConsensus(), 2, 4, 5e-3f, 1, 3, 2, 1);
        TrainingResult r = new Mc3Trainer().train(spec, Mc3TrainerTest.clips(4), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        assertThat(json.get("dimension").getAsInt()).isEqualTo(72);
        assertThat(json.get("stepChannels").getAsInt()).isEqualTo(2);
        assertThat(json.getAsJsonObject("training").get("stepChannels").getAsInt()).isEqualTo(2);

        ModelDescriptor d = ModelDescriptors.read(r.descriptor());
        Mc3BlockFactory factory = new Mc3BlockFactory(Mc3TrainerTest.tiny());
        assertThat(factory.config(d.outputs())).isEqualTo(c);
        InferenceService service = DjlInferenceServices.cpu(List.of(factory));
        ModelSpec.Options options = ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(1);
        try (var loaded = service.load(ModelDescriptors.toSpec(r.descriptor(), d, options));
                Mc3Embedder embedder = new Mc3Embedder(loaded, factory.config(d.outputs()))) {
            ClipEmbedding e = embedder.embed(Mc3TrainerTest.clips(1).get(0));
            assertThat(e.dimension()).isEqualTo(72);
            assertThat(embedder.embedText("a red ball hits the floor")).hasSize(72);
        }

        ModelSpec right = ModelDescriptors.toSpec(r.descriptor(), d, options);
        ModelSpec claimsDefault = new ModelSpec(right.id(), right.source(), right.inputs(),
                Mc3Descriptor.descriptor(Mc3TrainerTest.tiny(), "w.params", "0".repeat(64)).outputs(),
                right.options());
        assertThatThrownBy(() -> service.load(claimsDefault)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("not parameters of built-in family");
    }

    /**
     * The DS-wired runner's {@code embed} task (what {@code avlens embed} and the explorer run) takes weights of the
     * MC3-small sizes with k = 4 (one training step on four tiny clips): three rows of D = 160, from the block the
     * registered factory sizes by the descriptor.
     */
    @Test
    void theEmbedTaskTakesWeightsOfAnyK() throws Exception {
        Mc3TrainSpec spec = new Mc3TrainSpec(Mc3Config.small().withStepChannels(4), Mc3TrainSpec.defaultConsensus(),
                1, 4, 5e-3f, 0, 3, 1, 1);
        TrainingResult r = new Mc3Trainer().train(spec, Mc3TrainerTest.clips(4), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        for (String ext : new String[] {".mp4", ".json"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-mc3/clip-00000" + ext)) {
                Files.copy(in, media.resolveSibling("clip-00000" + ext));
            }
        }
        ModelDescriptor d = ModelDescriptors.read(r.descriptor());
        ModelRef model = new ModelRef(d, r.descriptor(), ModelDescriptors.verifiedWeights(r.descriptor(), d));
        ModelRunner runner = Mc3ServicesTest.services(ModelRunner.class).get(0);
        ClipOutcome outcome = runner.runClip(new ClipRequest("embed", model, new ClipRef("clip-00000", media),
                Map.of(), 0), RunSettings.defaults(dir.resolve("data")).withCacheFolder(null), null);
        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        ClipEmbedding e = ClipEmbedding.read(outcome.folder());
        assertThat(e.modalities()).containsExactly("audio", "video", "text");
        assertThat(e.dimension()).isEqualTo(160);
        assertThat(outcome.metrics()).containsKey("consensus");
    }
}
