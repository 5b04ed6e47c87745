package io.avlens.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;

class BatchingTest {

    /** 10 items of 2×3 values, value = item*100 + flat index within the item. */
    private static FloatTensor items(int n) {
        float[] v = new float[n * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i / 6) * 100 + i % 6;
        }
        return FloatTensor.wrap(new int[] {n, 2, 3}, v);
    }

    @Test
    void splitsAlongDimensionZeroKeepingOrder() throws InferenceException {
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("a", items(10));
        in.put("b", FloatTensor.zeros(10, 4));
        List<Map<String, FloatTensor>> batches = Batching.split(in, 4);
        assertThat(batches).extracting(b -> b.get("a").dim(0)).containsExactly(4, 4, 2);
        assertThat(batches.get(1).get("a").get(0, 0, 0)).isEqualTo(400f);
        assertThat(batches.get(2).get("a").get(1, 1, 2)).isEqualTo(905f);
        assertThat(batches.get(2).get("b").shape()).containsExactly(2, 4);
        assertThat(Batching.concat(batches)).isEqualTo(in);
    }

    @Test
    void oneBatchIsReturnedUncopied() throws InferenceException {
        Map<String, FloatTensor> in = Map.of("a", items(3));
        assertThat(Batching.split(in, 0)).containsExactly(in);
        assertThat(Batching.split(in, 3).get(0)).isSameAs(in);
    }

    @Test
    void refusesInputsOfDifferentBatchSizes() {
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("a", items(3));
        in.put("b", items(4));
        assertThatThrownBy(() -> Batching.split(in, 2)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("'b' has 4 items in dimension 0 but 'a' has 3");
        assertThatThrownBy(() -> Batching.items(Map.of("s", FloatTensor.of(new int[0], 1f))))
                .hasMessageContaining("0-d");
    }

    @Test
    void refusesToJoinMismatchedOutputs() {
        var b1 = Map.of("y", FloatTensor.zeros(2, 3));
        var b2 = Map.of("y", FloatTensor.zeros(2, 4));
        assertThatThrownBy(() -> Batching.concat(List.of(b1, b2))).hasMessageContaining("output 'y' has shape");
    }

    @Test
    void integerTensorsSplitAndJoinKeepingTheirKind() throws InferenceException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("ids", LongTensor.of(new int[] {5, 2}, 0, 1, 10, 11, 20, 21, 30, 31, (1L << 53) + 1, 41));
        in.put("x", items(5));
        List<Map<String, Tensor>> batches = Batching.split(in, 2);
        assertThat(batches).extracting(b -> b.get("ids").dim(0)).containsExactly(2, 2, 1);
        assertThat(batches.get(2).get("ids")).isEqualTo(LongTensor.of(new int[] {1, 2}, (1L << 53) + 1, 41));
        assertThat(batches.get(2).get("x")).isInstanceOf(FloatTensor.class);
        assertThat(Batching.concat(batches)).isEqualTo(in);
        assertThat(BatchedForward.bytes(in)).isEqualTo(8 * 10 + 4 * 30);
    }

    @Test
    void batchesOfDifferentKindsAreNotJoined() {
        Map<String, Tensor> b1 = Map.of("y", FloatTensor.zeros(1, 2));
        Map<String, Tensor> b2 = Map.of("y", LongTensor.of(new int[] {1, 2}, 1, 2));
        assertThatThrownBy(() -> Batching.concat(List.of(b1, b2))).hasMessageContaining("int64");
    }
}
