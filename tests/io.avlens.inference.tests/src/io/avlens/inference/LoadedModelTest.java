package io.avlens.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;

/** A model that only implements the float forward still serves forwardTensors, and says why it refuses integers. */
class LoadedModelTest {

    private final LoadedModel floatsOnly = new LoadedModel() {
        @Override
        public ModelSpec spec() {
            return ModelSpec.torchScript("doubler", java.nio.file.Path.of("doubler.pt"), List.of(), List.of());
        }

        @Override
        public Device device() {
            return Device.CPU;
        }

        @Override
        public Map<String, FloatTensor> forward(Map<String, FloatTensor> inputs) {
            float[] v = inputs.get("x").toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= 2;
            }
            return Map.of("y", FloatTensor.wrap(inputs.get("x").shape(), v));
        }

        @Override
        public void close() {
        }
    };

    @Test
    void floatInputsGoThroughForward() throws InferenceException {
        assertThat(floatsOnly.forwardTensors(Map.of("x", FloatTensor.of(new int[] {2}, 1, 3))))
                .containsEntry("y", FloatTensor.of(new int[] {2}, 2, 6));
    }

    @Test
    void integerInputsAreRefusedNamingTheModelAndInput() {
        assertThatThrownBy(() -> floatsOnly.forwardTensors(Map.of("ids", LongTensor.of(new int[] {1}, 4))))
                .isInstanceOf(InferenceException.class).hasMessageContaining("doubler")
                .hasMessageContaining("'ids' is int64");
    }
}
