package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.InferenceException;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training option {@code local-cells}: an image encoder whose map cells see their own 4×4 pixels and nothing
 * else. Checked by what a cell responds to (a pixel changed outside a cell leaves it as it was, inside changes it;
 * the shipped encoder's cells see their neighbours), the option and the descriptor note that records it, and the
 * inference path that builds the same block from that note.
 */
class DenseAvLocalCellsTest {

    @TempDir
    Path dir;

    @Test
    void aCellOfTheLocalEncoderSeesOnlyItsOwnPixels() {
        DenseAvConfig local = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 8, 0.5).withLocalCells(true);
        float[][] maps = responses(local);
        // pixel (21, 37) lies in cell (5, 9): that cell changes, its neighbours (5, 8), (5, 10), (4, 9), (6, 9) do not
        assertThat(changed(maps, 5, 9)).as("the cell holding the pixel").isGreaterThan(1e-4f);
        for (int[] n : new int[][] {{5, 8}, {5, 10}, {4, 9}, {6, 9}, {0, 0}, {15, 15}}) {
            assertThat(changed(maps, n[0], n[1])).as("cell (%d, %d)", n[0], n[1]).isLessThan(1e-6f);
        }
        // the shipped encoder's cells see about 21 pixels: the neighbours change too
        float[][] shipped = responses(new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 8, 0.5));
        assertThat(changed(shipped, 5, 9)).isGreaterThan(1e-4f);
        assertThat(changed(shipped, 5, 10)).as("a neighbour of the shipped encoder's cell").isGreaterThan(1e-4f);
    }

    /** The image maps {@code [K·C·16·16]} of one random frame and of the same frame with pixel (21, 37) changed. */
    private static float[][] responses(DenseAvConfig config) {
        try (DenseAvModel model = DenseAvModel.initialised(config); NDManager m = model.manager().newSubManager()) {
            float[] frame = m.randomUniform(0, 1, new Shape(64 * 64 * 3)).toFloatArray();
            float[] moved = frame.clone();
            for (int c = 0; c < 3; c++) {
                int i = (21 * 64 + 37) * 3 + c;
                moved[i] = 1 - moved[i];
            }
            NDArray a = model.block().encodeImage(model.store(), m.create(frame, new Shape(1, 64, 64, 3)), false);
            NDArray b = model.block().encodeImage(model.store(), m.create(moved, new Shape(1, 64, 64, 3)), false);
            assertThat(a.getShape()).isEqualTo(new Shape(1, 2, 3, 16, 16));
            return new float[][] {a.toFloatArray(), b.toFloatArray()};
        }
    }

    /** The largest change of any channel of map cell {@code (y, x)} between the two maps. */
    private static float changed(float[][] maps, int y, int x) {
        float most = 0;
        for (int ch = 0; ch < 2 * 3; ch++) {
            int i = (ch * 16 + y) * 16 + x;
            most = Math.max(most, Math.abs(maps[0][i] - maps[1][i]));
        }
        return most;
    }

    @Test
    void theOptionSetsTheEncoderTheShippedRecipeIsLocalAndAnythingElseIsRefused() {
        DenseAvTrainSpec plain = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of()));
        assertThat(plain.config().localCells()).as("the shipped recipe").isTrue();
        assertThat(plain.config()).isEqualTo(DenseAvConfig.small());
        DenseAvTrainSpec wide = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("local-cells", 0)));
        assertThat(wide.config()).isEqualTo(DenseAvConfig.small().withLocalCells(false));
        assertThatThrownBy(() -> DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("local-cells", 2)))).hasMessageContaining("local-cells");
        // the 3x3 encoder's descriptor has no encoder note (as the weights shipped before); a local one has, and
        // reads back as local
        ModelDescriptor conv = DenseAvDescriptor.descriptor(wide.config(), "w.params", null);
        assertThat(conv.notes()).doesNotContainKey(DenseAvDescriptor.IMAGE_ENCODER_NOTE);
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), conv.inputs(), conv.outputs(), conv.notes())
                .localCells()).isFalse();
        ModelDescriptor d = DenseAvDescriptor.descriptor(plain.config(), "w.params", null);
        assertThat(d.notes()).containsEntry(DenseAvDescriptor.IMAGE_ENCODER_NOTE, DenseAvDescriptor.LOCAL_CELLS);
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), d.inputs(), d.outputs(), d.notes()))
                .isEqualTo(plain.config());
        assertThatThrownBy(() -> DenseAvDescriptor.sizes(DenseAvConfig.small(), d.inputs(), d.outputs(),
                Map.of(DenseAvDescriptor.IMAGE_ENCODER_NOTE, "global"))).hasMessageContaining("imageEncoder")
                .hasMessageContaining("global");
    }

    @Test
    void aLocalRunsDescriptorBuildsTheSameEncoderForInference() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 8, 0.5).withLocalCells(true);
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1),
                DenseAvTrainerTest.clips(10), new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test"),
                dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        assertThat(json.getAsJsonObject("training").get(DenseAvDescriptor.IMAGE_ENCODER_NOTE).getAsString())
                .isEqualTo(DenseAvDescriptor.LOCAL_CELLS);
        ModelDescriptor back = ModelDescriptors.read(r.descriptor());
        assertThat(DenseAvDescriptor.sizes(DenseAvConfig.small(), back.inputs(), back.outputs(), back.notes()))
                .isEqualTo(c);

        // through the inference service (avlens heatmap, eval --task localize): the trained network's own features
        InferencePath.assertSameImageFeatures(r.descriptor(), c, dir);
        // the same weights read as the 3x3 encoder are refused: that encoder has other blocks
        JsonObject noNote = json.deepCopy();
        noNote.getAsJsonObject("notes").remove(DenseAvDescriptor.IMAGE_ENCODER_NOTE);
        Path wrong = r.descriptor().resolveSibling("no-note.json");
        Files.writeString(wrong, noNote.toString());
        assertThatThrownBy(() -> DenseAvHeatmaps.open(wrong, 1)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("not parameters of built-in family denseav");
    }
}
