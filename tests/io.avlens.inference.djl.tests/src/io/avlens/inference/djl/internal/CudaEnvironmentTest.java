package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

import io.avlens.inference.Device;
import io.avlens.inference.DeviceSelection;

/** The GPU service's availability check, with fake settings, files and GPU counts. */
class CudaEnvironmentTest {

    private static final IntSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("the engine must not be loaded without a CUDA configuration");
    };

    @Test
    void withoutCudaSettingsTheEngineIsNeverAsked() {
        CudaEnvironment none = CudaEnvironment.check(Map.<String, String>of()::get, p -> true, MUST_NOT_ASK);
        assertThat(none.available()).isFalse();
        assertThat(none.reason()).contains("PYTORCH_FLAVOR is not set");
        CudaEnvironment cpu = CudaEnvironment.check(Map.of("PYTORCH_FLAVOR", "cpu", "PYTORCH_LIBRARY_PATH", "/opt/t")::get,
                p -> true, MUST_NOT_ASK);
        assertThat(cpu.available()).isFalse();
        CudaEnvironment noPath = CudaEnvironment.check(Map.of("PYTORCH_FLAVOR", "cu128")::get, p -> true, MUST_NOT_ASK);
        assertThat(noPath.reason()).contains("PYTORCH_LIBRARY_PATH is not set");
    }

    @Test
    void aCpuLibtorchInTheLibraryPathIsNotCuda() {
        Map<String, String> s = Map.of("PYTORCH_FLAVOR", "cu128", "PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib");
        CudaEnvironment e = CudaEnvironment.check(s::get, p -> !p.endsWith("libtorch_cuda.so"), MUST_NOT_ASK);
        assertThat(e.available()).isFalse();
        assertThat(e.reason()).contains("/opt/libtorch/lib has no libtorch_cuda.so");
    }

    @Test
    void aCudaBuildNeedsAVisibleGpu() {
        Map<String, String> s = Map.of("PYTORCH_FLAVOR", "cu128", "PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib");
        var files = Map.of(Path.of("/opt/libtorch/lib/libtorch_cuda.so"), true);
        assertThat(CudaEnvironment.check(s::get, p -> files.getOrDefault(p, false), () -> 0).available()).isFalse();
        CudaEnvironment two = CudaEnvironment.check(s::get, p -> files.getOrDefault(p, false), () -> 2);
        assertThat(two.available()).isTrue();
        assertThat(two.gpus()).isEqualTo(2);
    }

    @Test
    void theGpuServiceOffersItsGpusFirstAndSelectionPicksGpuZero() throws Exception {
        var devices = GpuInferenceService.devicesFor(2);
        assertThat(devices).containsExactly(Device.cuda(0), Device.cuda(1), Device.CPU);
        assertThat(DeviceSelection.choose(devices, null)).isEqualTo(Device.cuda(0));
        assertThat(DeviceSelection.choose(devices, Device.CPU)).isEqualTo(Device.CPU);
        assertThat(new CpuInferenceService().devices()).containsExactly(Device.CPU);
    }
}
