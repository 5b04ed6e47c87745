package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.MemoryBudget;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;

/** DJL's libtorch 2.7.1 reproduces what PyTorch computed for the fixtures, within 1e-5. */
class TorchScriptFixtureTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    private final CpuInferenceService service = new CpuInferenceService();

    @Test
    void tracedConvNetMatchesPyTorch() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("conv", Fixtures.file("conv_traced.pt", dir),
                List.of(TensorSpec.of("frames", "B,3,16,16")), List.of(TensorSpec.of("embedding", "B,4")));
        try (LoadedModel model = service.load(spec)) {
            assertThat(model.device()).isEqualTo(Device.CPU);
            Map<String, FloatTensor> out = model.forward(Map.of("frames", Fixtures.npy("conv_frames.npy")));
            FloatTensor expected = Fixtures.npy("conv_embedding.npy");
            assertThat(out).containsOnlyKeys("embedding");
            assertThat(Fixtures.maxAbsDiff(out.get("embedding"), expected)).isLessThan(TOLERANCE);
            // the model L2-normalises its rows: an independent property of the result
            for (int b = 0; b < 2; b++) {
                double norm = 0;
                for (int k = 0; k < 4; k++) {
                    norm += out.get("embedding").get(b, k) * out.get("embedding").get(b, k);
                }
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void scriptedControlFlowWithTwoNamedOutputsMatchesPyTorch() throws Exception {
        // outputs declared in the other order than the dict's: they come back by name, in the declared order
        ModelSpec spec = ModelSpec.torchScript("flow", Fixtures.file("flow_scripted.pt", dir),
                List.of(TensorSpec.of("x", "B,T,8"), TensorSpec.of("w", "B,8")),
                List.of(TensorSpec.of("energy", "B,T"), TensorSpec.of("embedding", "B,4")));
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("w", Fixtures.npy("flow_w.npy"));
        in.put("x", Fixtures.npy("flow_x.npy"));
        try (LoadedModel model = service.load(spec)) {
            Map<String, FloatTensor> out = model.forward(in);
            assertThat(out.keySet()).containsExactly("energy", "embedding");
            assertThat(Fixtures.maxAbsDiff(out.get("energy"), Fixtures.npy("flow_energy.npy"))).isLessThan(TOLERANCE);
            assertThat(Fixtures.maxAbsDiff(out.get("embedding"), Fixtures.npy("flow_embedding.npy")))
                    .isLessThan(TOLERANCE);
        }
    }

    @Test
    void batchesGiveTheSameResultAsOneCall() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("tiny", Fixtures.file("tiny_traced.pt", dir),
                List.of(TensorSpec.of("x", "B,256")), List.of(TensorSpec.of("y", "B,256")));
        FloatTensor x = Fixtures.npy("tiny_x.npy");
        FloatTensor y = Fixtures.npy("tiny_y.npy");
        try (LoadedModel model = service.load(spec.withOptions(spec.options().withBatchSize(5)))) {
            FloatTensor out = model.forward(Map.of("x", x)).get("y");
            assertThat(out.shape()).containsExactly(16, 256);
            assertThat(Fixtures.maxAbsDiff(out, y)).isLessThan(TOLERANCE);
        }
    }

    @Test
    void elementwiseModelMatchesPyTorch() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("ew", Fixtures.file("ew_traced.pt", dir), List.of(), List.of());
        try (LoadedModel model = service.load(spec)) {
            Map<String, FloatTensor> out = model.forward(Map.of("x", Fixtures.npy("ew_x.npy")));
            assertThat(out).containsOnlyKeys("output0");
            assertThat(Fixtures.maxAbsDiff(out.get("output0"), Fixtures.npy("ew_y.npy"))).isLessThan(TOLERANCE);
        }
    }

    @Test
    void badInputsAndFilesAreReportedByName() throws Exception {
        ModelSpec spec = ModelSpec.torchScript("tiny", Fixtures.file("tiny_traced.pt", dir),
                List.of(TensorSpec.of("x", "B,256")), List.of(TensorSpec.of("y", "B,256")));
        try (LoadedModel model = service.load(spec.withOptions(spec.options()
                .withBudget(new MemoryBudget(1 << 20, MemoryBudget.DEFAULT_FACTOR))))) {
            assertThatThrownBy(() -> model.forward(Map.of("x", FloatTensor.zeros(2, 255))))
                    .isInstanceOf(InferenceException.class)
                    .hasMessageContaining("tiny: input 'x' has size 255 in dimension 1, expected 256");
            // 1000 rows: (1000*256*4 in + the same out) * 4 = 8,192,000 B > 1 MiB
            assertThatThrownBy(() -> model.forward(Map.of("x", FloatTensor.zeros(1000, 256))))
                    .hasMessageContaining("tiny: a batch of 1000 needs an estimated 7.8 MiB")
                    .hasMessageContaining("over the memory budget of 1.0 MiB");
            model.close();
            assertThatThrownBy(() -> model.forward(Map.of("x", FloatTensor.zeros(1, 256))))
                    .hasMessageContaining("closed");
        }
        ModelSpec untyped = ModelSpec.torchScript("tiny-any", spec.source() instanceof ModelSpec.TorchScript t
                ? t.file() : null, List.of(), List.of());
        try (LoadedModel model = service.load(untyped)) {
            assertThatThrownBy(() -> model.forward(Map.of("x", FloatTensor.zeros(2, 7))))
                    .isInstanceOf(InferenceException.class).hasMessageStartingWith("tiny-any: the model failed on"
                            + " inputs [x[2, 7]]");
        }
        Path garbage = Files.writeString(dir.resolve("notes.pt"), "not a model");
        assertThatThrownBy(() -> service.load(ModelSpec.torchScript("g", garbage, List.of(), List.of())))
                .isInstanceOf(InferenceException.class).hasMessageContaining(garbage.toString())
                .hasMessageContaining("not a TorchScript model");
        Path missing = dir.resolve("missing.pt");
        assertThatThrownBy(() -> service.load(ModelSpec.torchScript("m", missing, List.of(), List.of())))
                .hasMessageContaining(missing + ": no such TorchScript file");
        assertThatThrownBy(() -> service.load(spec.withOptions(spec.options().withDevice(Device.cuda(0)))))
                .hasMessageContaining("device cuda:0 is not available; available: [cpu]");
    }
}
