package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.lib.djl.DjlSetup;

/**
 * A built-in family whose parameter file is bare {@code Block.saveParameters} output (no DJL model header), as a
 * family's own trainer writes it: the service initialises the block and reads the parameters over it, and rejects
 * files that are not this family's parameters, naming the file.
 */
class BlockParametersTest {

    @TempDir
    Path dir;

    /** A two-layer perceptron 5 → hidden → 3. */
    private static BuiltinBlockFactory mlp(int hidden) {
        return new BuiltinBlockFactory() {
            @Override
            public String family() {
                return "mlp";
            }

            @Override
            public Block newBlock() {
                return new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation::relu)
                        .add(Linear.builder().setUnits(3).build());
            }

            @Override
            public Shape[] inputShapes() {
                return new Shape[] {new Shape(1, 5)};
            }
        };
    }

    private static float[] input() {
        float[] x = new float[4 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.9 + 0.3);
        }
        return x;
    }

    /** Initialises a block with the engine's random weights, saves its bare parameters, returns its outputs. */
    private static float[] saveBareParameters(BuiltinBlockFactory f, Path file, float[] x) throws Exception {
        DjlSetup.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = f.newBlock();
            block.initialize(manager, DataType.FLOAT32, f.inputShapes());
            try (OutputStream out = Files.newOutputStream(file)) {
                DataOutputStream data = new DataOutputStream(out);
                block.saveParameters(data);
                data.flush();
            }
            NDArray in = manager.create(x, new Shape(4, 5));
            return block.forward(new ParameterStore(manager, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
    }

    private static ModelSpec spec(Path params) {
        return new ModelSpec("mlp-bare", new ModelSpec.Builtin("mlp", params), List.of(TensorSpec.of("x", "B,5")),
                List.of(TensorSpec.of("y", "B,3")), ModelSpec.Options.DEFAULT);
    }

    @Test
    void bareBlockParametersGiveTheSavedBlocksOutputs() throws Exception {
        Path params = dir.resolve("mlp.params");
        float[] x = input();
        float[] expected = saveBareParameters(mlp(6), params, x);
        assertThat(new String(Files.readAllBytes(params), 0, 4, StandardCharsets.ISO_8859_1)).as("no model header")
                .isNotEqualTo("DJL@");
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(mlp(6))).load(spec(params))) {
            FloatTensor y = model.forward(Map.of("x", FloatTensor.of(new int[] {4, 5}, x))).get("y");
            assertThat(y.shape()).containsExactly(4, 3);
            assertThat(y.toArray()).containsExactly(expected);
        }
    }

    @Test
    void parametersOfAnotherShapeAreRejectedNamingTheFile() throws Exception {
        Path params = dir.resolve("mlp-wide.params");
        saveBareParameters(mlp(7), params, input());
        assertThatThrownBy(() -> DjlInferenceServices.cpu(List.of(mlp(6))).load(spec(params)))
                .isInstanceOf(InferenceException.class)
                .hasMessageStartingWith(params.toAbsolutePath() + ": not parameters of built-in family mlp")
                .hasMessageContaining("shape (7, 5)");
    }

    @Test
    void aFileThatIsNoParametersIsRejectedNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.params"), "these are not weights\n");
        assertThatThrownBy(() -> DjlInferenceServices.cpu(List.of(mlp(6))).load(spec(text)))
                .isInstanceOf(InferenceException.class)
                .hasMessageStartingWith(text.toAbsolutePath() + ": not parameters of built-in family mlp");
        Path good = dir.resolve("good.params");
        saveBareParameters(mlp(6), good, input());
        byte[] bytes = Files.readAllBytes(good);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 8);
        Path trailing = Files.write(dir.resolve("trailing.params"), longer);
        assertThatThrownBy(() -> DjlInferenceServices.cpu(List.of(mlp(6))).load(spec(trailing)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("goes on after the parameters");
    }
}
