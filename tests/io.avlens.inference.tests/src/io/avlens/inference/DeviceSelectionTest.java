package io.avlens.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeviceSelectionTest {

    @Test
    void parsesAndPrintsThePyTorchSpelling() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse(" CUDA ")).isEqualTo(Device.cuda(0));
        assertThat(Device.parse("gpu:1")).isEqualTo(Device.cuda(1));
        assertThat(Device.cuda(2)).hasToString("cuda:2");
        assertThat(Device.parse(Device.cuda(3).toString())).isEqualTo(Device.cuda(3));
        assertThatThrownBy(() -> Device.parse("tpu")).hasMessageContaining("'tpu' is not a device");
        assertThatThrownBy(() -> Device.parse("cuda:-1")).hasMessageContaining("not a device");
    }

    @Test
    void withoutARequestTheLowestGpuWins() throws InferenceException {
        assertThat(DeviceSelection.choose(List.of(Device.CPU), null)).isEqualTo(Device.CPU);
        assertThat(DeviceSelection.choose(List.of(Device.CPU, Device.cuda(1), Device.cuda(0)), null))
                .isEqualTo(Device.cuda(0));
    }

    @Test
    void aRequestedDeviceIsUsedOnlyWhenAvailable() throws InferenceException {
        List<Device> both = List.of(Device.cuda(0), Device.CPU);
        assertThat(DeviceSelection.choose(both, Device.CPU)).isEqualTo(Device.CPU);
        assertThatThrownBy(() -> DeviceSelection.choose(List.of(Device.CPU), Device.cuda(0)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("device cuda:0 is not available; available: [cpu]")
                .hasMessageContaining("PYTORCH_LIBRARY_PATH");
        assertThatThrownBy(() -> DeviceSelection.choose(List.of(), null)).hasMessageContaining("no device");
    }
}
