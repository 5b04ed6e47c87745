package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;

/** int64 token ids go into a TorchScript model and integer outputs come back as integers. */
class IntegerTensorFixtureTest {

    @TempDir
    Path dir;

    private final CpuInferenceService service = new CpuInferenceService();

    @Test
    void embeddingOfTokenIdsMatchesPyTorchWholeAndInBatches() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("embed", Fixtures.file("embed_traced.pt", dir),
                List.of(TensorSpec.of("ids", "B,T")), List.of(TensorSpec.of("embedding", "B,4")));
        LongTensor ids = Fixtures.longNpy("embed_ids.npy");
        FloatTensor expected = Fixtures.npy("embed_y.npy");
        for (int batchSize : new int[] {0, 1}) {
            try (LoadedModel model = service.load(spec.withOptions(spec.options().withBatchSize(batchSize)))) {
                Map<String, Tensor> out = model.forwardTensors(Map.of("ids", ids));
                assertThat(out).containsOnlyKeys("embedding");
                assertThat(out.get("embedding")).isInstanceOf(FloatTensor.class);
                assertThat(Fixtures.maxAbsDiff((FloatTensor) out.get("embedding"), expected)).isLessThan(1e-6);
            }
        }
    }

    @Test
    void integerOutputsComeBackAsInt64AndForwardStillGivesFloats() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("argmax", Fixtures.file("argmax_traced.pt", dir),
                List.of(TensorSpec.of("x", "B,3")), List.of(TensorSpec.of("index", "B")));
        FloatTensor x = FloatTensor.of(new int[] {3, 3}, 0, 5, 1, 9, -1, 2, 0, 0, 3);
        try (LoadedModel model = service.load(spec.withOptions(spec.options().withBatchSize(2)))) {
            assertThat(model.forwardTensors(Map.of("x", x)).get("index"))
                    .isEqualTo(LongTensor.of(new int[] {3}, 1, 0, 2));
            assertThat(model.forward(Map.of("x", x)).get("index")).isEqualTo(FloatTensor.of(new int[] {3}, 1, 0, 2));
        }
    }
}
