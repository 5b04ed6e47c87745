package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.mc3.Mc3BlockFactory;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3Descriptor;
import io.avlens.models.mc3.Mc3Embedder;
import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.mc3.Mc3Model;
import io.avlens.models.mc3.Mc3TrainSpec;
import io.avlens.models.mc3.Mc3Trainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame encoder's cell-local path ({@code --local-frames 1}): off by default (the shipped network, no new
 * parameters), on it adds a path of 1×1 convolutions whose pooled features double what the temporal convolutions
 * read; the descriptor's note makes inference build the same block, and weights without the note (or
 * with an unknown one) refuse to load instead of giving other vectors.
 */
class Mc3LocalFramesTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultAndAnOptionOfTheTrainer() {
        assertThat(Mc3Config.small().localFrames()).isFalse();
        assertThat(Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of())).config().localFrames())
                .isFalse();
        Mc3TrainSpec on = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of("local-frames", 1,
                "step-channels", 8)));
        assertThat(on.config()).isEqualTo(Mc3Config.small().withStepChannels(8).withLocalFrames(true));
        assertThat(on.config().withStepChannels(2).localFrames()).as("kept when k changes").isTrue();
        assertThat(new Mc3FamilyTrainer().options()).contains(Mc3FamilyTrainer.LOCAL_FRAMES);
        assertThat(Mc3FamilyTrainer.command(on, Path.of("/d"), new TrainRequest(Path.of("/d"), Path.of("/o"), 2000,
                1, 200, Map.of()))).isEqualTo("avlens train --family mc3 --data /d --out /o --steps 2000 --seed 1 "
                        + "--batch 32 --consensus 1 --margin 0.2 --mu 0.5 --width 0.1 --anchor text --step-channels 8 "
                        + "--local-frames 1");
        assertThatThrownBy(() -> Mc3FamilyTrainer.LOCAL_FRAMES.parse("2")).hasMessageContaining(
                "Cell-local frame path must be between 0 and 1");
        try (Mc3Model plain = Mc3Model.initialised(Mc3TrainerTest.tiny())) {
            assertThat(plain.block().getParameters().keys()).noneMatch(k -> k.contains("frameLocal"));
        }
    }

    @Test
    void theLocalPathAddsFeaturesPerFrame() {
        Mc3Config c = Mc3TrainerTest.tiny().withLocalFrames(true); // width 4
        try (Mc3Model model = Mc3Model.initialised(c); NDManager m = model.manager().newSubManager()) {
            assertThat(model.block().getParameters().keys()).anyMatch(k -> k.contains("frameLocal"));
            Shape firstTemporal = model.block().getParameters().stream()
                    .filter(p -> p.getKey().contains("videoTime") && !p.getKey().contains("videoTimeHead"))
                    .filter(p -> p.getKey().endsWith("weight")).findFirst().orElseThrow().getValue().getArray()
                    .getShape();
            assertThat(firstTemporal.get(1)).as("4 x width features per frame").isEqualTo(16);
            NDArray frames = m.randomUniform(0, 1, new Shape(2, 32, 64, 64, 3));
            NDArray mel = m.randomUniform(0, 1, new Shape(2, 64, 256));
            NDArray text = Mc3NetworkTest.text(m, c, 2);
            NDList z = model.block().forward(model.store(), new NDList(frames, mel, text), false);
            assertThat(z.get(1).getShape()).isEqualTo(new Shape(2, c.dimension()));
        }
    }

    @Test
    void theDescriptorsNoteBringsTheSameBlockBack() throws Exception {
        Mc3Config c = Mc3TrainerTest.tiny().withLocalFrames(true);
        Mc3TrainSpec spec = new Mc3TrainSpec(c, Mc3TrainSpec.defaultConsensus(), 2, 4, 5e-3f, 1, 3, 2, 1);
        TrainingResult r = new Mc3Trainer().train(spec, Mc3TrainerTest.clips(4), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        assertThat(json.getAsJsonObject("notes").get(Mc3Descriptor.FRAME_ENCODER_NOTE).getAsString())
                .isEqualTo("3x3+cell-local");
        assertThat(json.getAsJsonObject("training").get("localFrames").getAsBoolean()).isTrue();
        ModelDescriptor d = ModelDescriptors.read(r.descriptor());
        assertThat(new Mc3BlockFactory(Mc3TrainerTest.tiny()).config(d.outputs(), d.notes())).isEqualTo(c);

        // the inference service builds the two-path block from the note (as avlens embed, eval and the views do)
        Mc3BlockFactory factory = new Mc3BlockFactory(Mc3TrainerTest.tiny());
        InferenceService service = DjlInferenceServices.cpu(List.of(factory));
        ModelSpec.Options options = ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(1);
        try (var loaded = service.load(ModelDescriptors.toSpec(r.descriptor(), d, options));
                Mc3Embedder embedder = new Mc3Embedder(loaded, factory.config(d.outputs(), d.notes()))) {
            ClipEmbedding e = embedder.embed(Mc3TrainerTest.clips(1).get(0));
            assertThat(e.dimension()).isEqualTo(c.dimension());
        }

        // the same weights without the note would be another network: refused, not misread
        String text = Files.readString(r.descriptor());
        Path noNote = dir.resolve("run/no-note.json");
        Files.writeString(noNote, text.replaceAll(",?\\s*\"" + Mc3Descriptor.FRAME_ENCODER_NOTE
                + "\": \"3x3\\+cell-local\"", ""));
        assertThat(Files.readString(noNote)).doesNotContain("3x3+cell-local").contains("\"origin\"");
        ModelDescriptor without = ModelDescriptors.read(noNote);
        assertThatThrownBy(() -> service.load(ModelDescriptors.toSpec(noNote, without, options)).close())
                .isInstanceOf(InferenceException.class);
        Path unknown = dir.resolve("run/unknown.json");
        Files.writeString(unknown, text.replace("3x3+cell-local", "5x5"));
        ModelDescriptor odd = ModelDescriptors.read(unknown);
        assertThatThrownBy(() -> factory.config(odd.outputs(), odd.notes()))
                .hasMessageContaining("unknown MC3 frame encoder '5x5'");
        assertThatThrownBy(() -> service.load(ModelDescriptors.toSpec(unknown, odd, options)).close())
                .isInstanceOf(InferenceException.class).hasMessageContaining("family 'mc3' cannot build this model: "
                        + "unknown MC3 frame encoder '5x5'");
    }
}
