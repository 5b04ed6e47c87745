package io.avlens.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;

class BatchedForwardTest {

    private static final ModelSpec SPEC = ModelSpec.torchScript("row-sum", Path.of("m.pt"),
            List.of(TensorSpec.of("x", "B,T,4"), TensorSpec.of("w", "B,4")),
            List.of(TensorSpec.of("y", "B,T")));

    /** A stand-in model: y[b,t] = sum_k x[b,t,k] * w[b,k], computed in Java. */
    private static Map<String, FloatTensor> rowDot(Map<String, FloatTensor> in, List<Integer> seen) {
        FloatTensor x = in.get("x");
        FloatTensor w = in.get("w");
        int b = x.dim(0);
        int t = x.dim(1);
        seen.add(b);
        float[] y = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < 4; k++) {
                    y[i * t + j] += x.get(i, j, k) * w.get(i, k);
                }
            }
        }
        return Map.of("y", FloatTensor.wrap(new int[] {b, t}, y));
    }

    private static Map<String, FloatTensor> inputs(int b, int t) {
        float[] x = new float[b * t * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        float[] w = new float[b * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 5 - 2;
        }
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("w", FloatTensor.wrap(new int[] {b, 4}, w));
        in.put("x", FloatTensor.wrap(new int[] {b, t, 4}, x));
        return in;
    }

    @Test
    void batchedEqualsUnbatchedAndRunsTheRightBatches() throws InferenceException {
        List<Integer> whole = new ArrayList<>();
        List<Integer> batched = new ArrayList<>();
        var one = BatchedForward.run(SPEC, inputs(7, 3), b -> rowDot(b, whole));
        var many = BatchedForward.run(SPEC.withOptions(SPEC.options().withBatchSize(3)), inputs(7, 3),
                b -> rowDot(b, batched));
        assertThat(whole).containsExactly(7);
        assertThat(batched).containsExactly(3, 3, 1);
        assertThat(many).isEqualTo(one);
        assertThat(one.get("y").shape()).containsExactly(7, 3);
    }

    @Test
    void inputsAreCheckedAgainstTheSpecAndOrderedByIt() throws InferenceException {
        assertThat(BatchedForward.checkInputs(SPEC, inputs(2, 3)).keySet()).containsExactly("x", "w");
        Map<String, FloatTensor> missing = Map.of("x", FloatTensor.zeros(2, 3, 4));
        assertThatThrownBy(() -> BatchedForward.checkInputs(SPEC, missing))
                .hasMessageStartingWith("row-sum: input 'w' is missing");
        Map<String, FloatTensor> badBatch = new LinkedHashMap<>(inputs(2, 3));
        badBatch.put("w", FloatTensor.zeros(3, 4));
        assertThatThrownBy(() -> BatchedForward.checkInputs(SPEC, badBatch))
                .hasMessageContaining("input 'w' has B = 3").hasMessageContaining("another tensor has B = 2");
        Map<String, FloatTensor> extra = new LinkedHashMap<>(inputs(2, 3));
        extra.put("z", FloatTensor.zeros(2));
        assertThatThrownBy(() -> BatchedForward.checkInputs(SPEC, extra)).hasMessageContaining("unknown input 'z'");
    }

    @Test
    void theMemoryBudgetRefusesABatchBeforeItRuns() throws InferenceException {
        // a batch of 4 items, T = 100: inputs 4*100*4*4 + 4*4*4 = 6464 B, outputs 4*100*4 = 1600 B;
        // estimate (6464 + 1600) * 4 = 32256 B
        ModelSpec tight = SPEC.withOptions(SPEC.options().withBatchSize(4)
                .withBudget(new MemoryBudget(32_255, MemoryBudget.DEFAULT_FACTOR)));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> BatchedForward.run(tight, inputs(8, 100), b -> rowDot(b, seen)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("row-sum: a batch of 4 needs an estimated 31.5 KiB")
                .hasMessageContaining("(inputs 6.3 KiB + outputs 1.6 KiB) × 4.0")
                .hasMessageContaining("over the memory budget of 31.5 KiB");
        assertThat(seen).isEmpty();
        ModelSpec enough = tight.withOptions(tight.options().withBudget(new MemoryBudget(32_256, 4)));
        assertThat(BatchedForward.run(enough, inputs(8, 100), b -> rowDot(b, seen)).get("y").shape())
                .containsExactly(8, 100);
        assertThat(seen).containsExactly(4, 4);
    }

    @Test
    void unresolvableOutputsCountAsMuchAsTheInputs() {
        ModelSpec noOutputs = new ModelSpec("m", new ModelSpec.TorchScript(Path.of("m.pt")), SPEC.inputs(),
                List.of(), ModelSpec.Options.DEFAULT);
        var in = inputs(2, 3);
        long bytes = BatchedForward.bytes(in);
        assertThat(bytes).isEqualTo(4 * (2 * 3 * 4 + 2 * 4));
        assertThat(BatchedForward.outputBytes(noOutputs, in, bytes)).isEqualTo(bytes);
        assertThat(BatchedForward.outputBytes(SPEC, in, bytes)).isEqualTo(4 * 2 * 3);
        assertThat(new MemoryBudget(100, 2.5).estimate(10, 3)).isEqualTo(33);
    }
}
