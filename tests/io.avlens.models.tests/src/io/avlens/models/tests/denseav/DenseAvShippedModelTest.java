package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvShippedModel;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.internal.ShippedModels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped denseav-small: its weights have the SHA-256 its descriptor states, load into the network of
 * {@link DenseAvConfig#small()}, and install into a models folder like any built-in model, with the training
 * provenance in the descriptor.
 */
class DenseAvShippedModelTest {

    private static final String SHA = "e6074f3efac1951947bb0319eca878bc79b4fd768b9e14f65d66071f5f5805ca";

    @TempDir
    Path dir;

    @Test
    void theShippedWeightsHaveTheirDescriptorsShaAndLoad() throws Exception {
        Path models = dir.resolve("models");
        var installed = new ShippedModels(List.of(new DenseAvShippedModel())).install(models);
        assertThat(installed).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("denseav-small"));
        Path weights = models.resolve("denseav-small/denseav-small.params");
        assertThat(ModelDescriptors.sha256(weights)).isEqualTo(SHA);
        ModelDescriptor d = ModelDescriptors.read(installed.get(0).descriptor());
        assertThat(d.sha256()).isEqualTo(SHA);
        assertThat(d.family()).isEqualTo("denseav");
        assertThat(d.profile().id()).isEqualTo("avshapes-small");
        assertThat(ModelDescriptors.verifiedWeights(installed.get(0).descriptor(), d)).isEqualTo(weights);

        JsonObject training = JsonParser.parseString(Files.readString(installed.get(0).descriptor(),
                StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("training");
        assertThat(training.get("split").getAsString()).isEqualTo("train");
        assertThat(training.get("seed").getAsInt()).as("the recipe's best of three seeds on val, README").isEqualTo(2);
        assertThat(training.get("imageEncoder").getAsString()).isEqualTo(DenseAvDescriptor.LOCAL_CELLS);
        assertThat(training.get("centreWeight").getAsDouble()).isEqualTo(DenseAvTrainSpec.SHIPPED_CENTRE);
        assertThat(d.notes()).containsEntry(DenseAvDescriptor.IMAGE_ENCODER_NOTE, DenseAvDescriptor.LOCAL_CELLS);
        assertThat(training.get("dataset").getAsString()).contains("seed 1", "with speech");
        assertThat(training.get("command").getAsString()).startsWith("avlens train --family denseav");

        try (DenseAvModel model = DenseAvModel.initialised(DenseAvConfig.small());
                InputStream in = new DenseAvShippedModel().open("denseav-small.params")) {
            model.readParameters(in, "denseav-small.params");
            assertThat(model.temperature()).isCloseTo(training.get("temperature").getAsDouble(),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
    }
}
