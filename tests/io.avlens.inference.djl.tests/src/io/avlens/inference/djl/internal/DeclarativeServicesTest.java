package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;

/**
 * The services as OSGi wires them on a machine without CUDA: the CPU service registered, the GPU one not, and a
 * model loaded through the registry from a thread whose context class loader cannot see DJL (the case that fails
 * when DJL's engine is not started from its own bundle). Skipped outside OSGi.
 */
class DeclarativeServicesTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheCpuServiceIsRegisteredWithoutCuda() throws Exception {
        BundleContext context = context();
        InferenceService best = tracked(context);
        ServiceReference<?>[] refs = context.getServiceReferences(InferenceService.class.getName(), null);
        assertThat(refs).hasSize(1);
        assertThat(refs[0].getProperty(CpuInferenceService.DEVICE_PROPERTY)).isEqualTo("cpu");
        assertThat(refs[0].getProperty("service.ranking")).isEqualTo(0);
        assertThat(best.devices()).containsExactly(Device.CPU);
        assertThat(Arrays.stream(refs).map(r -> r.getProperty(CpuInferenceService.DEVICE_PROPERTY)))
                .doesNotContain("cuda");
    }

    @Test
    void aModelRunsFromAThreadWhoseContextLoaderCannotSeeDjl() throws Exception {
        InferenceService service = tracked(context());
        Path file = Fixtures.file("ew_traced.pt", dir);
        FloatTensor x = Fixtures.npy("ew_x.npy");
        FloatTensor expected = Fixtures.npy("ew_y.npy");
        CompletableFuture<FloatTensor> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (LoadedModel m = service.load(ModelSpec.torchScript("ew", file, List.of(), List.of()))) {
                result.complete(m.forward(Map.of("x", x)).get("output0"));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        thread.start();
        assertThat(Fixtures.maxAbsDiff(result.get(), expected)).isLessThan(1e-5);
    }

    private static BundleContext context() {
        Bundle bundle = FrameworkUtil.getBundle(CpuInferenceService.class);
        Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        return bundle.getBundleContext();
    }

    private static InferenceService tracked(BundleContext context) throws InterruptedException {
        ServiceTracker<InferenceService, InferenceService> tracker = new ServiceTracker<>(context,
                InferenceService.class, null);
        tracker.open();
        InferenceService s = tracker.waitForService(20_000);
        assertThat(s).as("an InferenceService DS component is registered").isNotNull();
        return s;
    }
}
