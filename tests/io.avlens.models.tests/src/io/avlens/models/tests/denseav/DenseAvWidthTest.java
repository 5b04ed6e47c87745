package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.InferenceException;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.models.denseav.DenseAvBlockFactory;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvShippedModel;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training options {@code width} (hidden width of both encoders) and {@code head-channels}: the block they build,
 * the descriptor that records them (channels per head in the outputs' shapes, a width other than 32 in the notes), the
 * inference path that builds the same block from that descriptor, and the shipped network left as it was when neither
 * is given.
 */
class DenseAvWidthTest {

    @TempDir
    Path dir;

    @Test
    void widthAndHeadChannelsSizeTheBlockAndTheShippedSizesGiveTheShippedCount() throws Exception {
        DenseAvConfig wide = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5).withSizes(5, 8);
        assertThat(wide.width()).isEqualTo(8);
        assertThat(wide.headChannels()).isEqualTo(5);
        try (DenseAvModel model = DenseAvModel.initialised(wide); NDManager m = model.manager().newSubManager()) {
            NDList out = model.block().forward(model.store(), new NDList(m.randomUniform(0, 1,
                    new Shape(2, 64, 64, 3)), m.randomUniform(0, 1, new Shape(2, 64, 24))), false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 2, 5, 16, 16));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 2, 5, 8, 3));
            // the first convolution of each encoder has width / 2 = 4 filters of 3 x 3 over 3 image channels
            NDArray first = firstWeight(model.block().getChildren().get("01image"));
            assertThat(first).isNotNull();
            assertThat(first.getShape()).isEqualTo(new Shape(4, 3, 3, 3));
        }
        try (DenseAvModel small = DenseAvModel.initialised(DenseAvConfig.small());
                DenseAvModel wider = DenseAvModel.initialised(DenseAvConfig.small().withSizes(16, 64))) {
            assertThat(small.parameterCount()).as("the shipped network's count, README").isEqualTo(29_505);
            assertThat(wider.parameterCount()).isGreaterThan(3 * small.parameterCount());
        }
    }

    /** The first {@code weight} parameter under {@code block}, depth first. */
    private static NDArray firstWeight(ai.djl.nn.Block block) {
        for (var p : block.getParameters()) {
            if (p.getKey().endsWith("weight")) {
                return p.getValue().getArray();
            }
        }
        for (var child : block.getChildren()) {
            NDArray w = firstWeight(child.getValue());
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    @Test
    void withoutTheOptionsTheSpecAndDescriptorAreTheShippedOnes() throws Exception {
        DenseAvTrainSpec plain = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of()));
        assertThat(plain.config()).isEqualTo(DenseAvConfig.small());
        ModelDescriptor d = DenseAvDescriptor.descriptor(DenseAvConfig.small(), "w.params", null);
        assertThat(d.notes()).containsOnlyKeys("origin", DenseAvDescriptor.IMAGE_ENCODER_NOTE);
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), d.inputs(), d.outputs(), d.notes()))
                .isEqualTo(DenseAvConfig.small());
        // the shipped descriptor, as installed, builds the shipped block
        Path json = dir.resolve("shipped.json");
        try (InputStream in = new DenseAvShippedModel().open("denseav-small.json")) {
            Files.copy(in, json);
        }
        ModelDescriptor shipped = ModelDescriptors.read(json);
        assertThat(shipped.notes()).doesNotContainKey(DenseAvDescriptor.WIDTH_NOTE);
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), shipped.inputs(), shipped.outputs(),
                shipped.notes())).isEqualTo(DenseAvConfig.small());

        DenseAvTrainSpec sized = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("width", 64, "head-channels", 24)));
        assertThat(sized.config().width()).isEqualTo(64);
        assertThat(sized.config().headChannels()).isEqualTo(24);
        assertThat(sized.config().heads()).isEqualTo(2);
        assertThatThrownBy(() -> DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("width", 33)))).hasMessageContaining("width must be even");
    }

    @Test
    void aWiderRunsDescriptorRecordsItsSizesAndInferenceBuildsTheSameBlock() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 5, 8, 0.5);
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1),
                DenseAvTrainerTest.clips(10), new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test"),
                dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        assertThat(json.getAsJsonObject("notes").get(DenseAvDescriptor.WIDTH_NOTE).getAsString()).isEqualTo("8");
        assertThat(json.getAsJsonObject("training").get("width").getAsInt()).isEqualTo(8);
        assertThat(json.getAsJsonObject("training").get("headChannels").getAsInt()).isEqualTo(5);
        ModelDescriptor back = ModelDescriptors.read(r.descriptor());
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), back.inputs(), back.outputs(), back.notes()))
                .isEqualTo(c);
        assertThat(new DenseAvBlockFactory().newBlock(new BlockSpec(null, back.inputs(), back.outputs(), back.notes()))
                .getOutputShapes(new Shape[] {new Shape(1, 64, 64, 3), new Shape(1, 64, 64)})[0])
                .isEqualTo(new Shape(1, 2, 5, 16, 16));

        // through the inference service (the path of avlens heatmap and eval --task localize): same features as the
        // trained network itself
        InferencePath.assertSameImageFeatures(r.descriptor(), c, dir);

        // the same weights under a descriptor without the width note are refused, naming a parameter's shape
        JsonObject noNote = json.deepCopy();
        noNote.getAsJsonObject("notes").remove(DenseAvDescriptor.WIDTH_NOTE);
        Path wrong = r.descriptor().resolveSibling("no-width.json");
        Files.writeString(wrong, noNote.toString());
        assertThatThrownBy(() -> DenseAvHeatmaps.open(wrong, 1)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("shape");
    }
}
