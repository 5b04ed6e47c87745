package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import io.avlens.lib.djl.DjlSetup;

/** A built-in family: a block from a factory service, with parameters saved by DJL and loaded by the service. */
class BuiltinFamilyTest {

    @TempDir
    Path dir;

    private static final BuiltinBlockFactory MLP = new BuiltinBlockFactory() {
        @Override
        public String family() {
            return "mlp";
        }

        @Override
        public Block newBlock() {
            return new SequentialBlock().add(Linear.builder().setUnits(6).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(3).build());
        }

        @Override
        public Shape[] inputShapes() {
            return new Shape[] {new Shape(1, 5)};
        }
    };

    @Test
    void parametersSavedByDjlGiveTheSameOutputsThroughTheService() throws Exception {
        DjlSetup.engine();
        float[] x = new float[4 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.7);
        }
        float[] expected;
        try (Model reference = Model.newInstance("mlp-ref", ai.djl.Device.cpu(), DjlSetup.ENGINE_NAME)) {
            reference.setBlock(MLP.newBlock());
            reference.getBlock().initialize(reference.getNDManager(), DataType.FLOAT32, MLP.inputShapes());
            reference.save(dir, "mlp");
            try (NDManager m = reference.getNDManager().newSubManager()) {
                NDArray in = m.create(x, new Shape(4, 5));
                expected = reference.getBlock().forward(new ParameterStore(m, false), new NDList(in), false)
                        .singletonOrThrow().toFloatArray();
            }
        }
        CpuInferenceService service = new CpuInferenceService();
        service.addFamily(MLP);
        ModelSpec spec = new ModelSpec("mlp-1", new ModelSpec.Builtin("mlp", dir.resolve("mlp-0000.params")),
                List.of(TensorSpec.of("x", "B,5")), List.of(TensorSpec.of("y", "B,3")), ModelSpec.Options.DEFAULT);
        try (LoadedModel model = service.load(spec)) {
            FloatTensor y = model.forward(Map.of("x", FloatTensor.of(new int[] {4, 5}, x))).get("y");
            assertThat(y.shape()).containsExactly(4, 3);
            assertThat(y.toArray()).containsExactly(expected);
        }
        ModelSpec unknown = new ModelSpec("x", new ModelSpec.Builtin("cavp-huge", null), List.of(), List.of(), null);
        assertThatThrownBy(() -> service.load(unknown)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("no built-in model family 'cavp-huge' is installed");
        service.removeFamily(MLP);
        assertThatThrownBy(() -> service.load(spec)).hasMessageContaining("'mlp' is not installed".replace(
                "'mlp' is not installed", "no built-in model family 'mlp'"));
    }
}
