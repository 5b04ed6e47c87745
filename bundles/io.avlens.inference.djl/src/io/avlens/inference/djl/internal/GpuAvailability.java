package io.avlens.inference.djl.internal;

import java.lang.System.Logger.Level;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.avlens.lib.djl.DjlSetup;

/**
 * Enables {@link GpuInferenceService} when {@link CudaEnvironment} says a GPU is usable. Immediate but cheap on
 * machines without CUDA configured: it then only reads two settings and never loads libtorch.
 */
@Component(immediate = true, service = {})
public class GpuAvailability {

    /** Checks the environment and enables the GPU service when it passes. */
    @Activate
    void activate(ComponentContext context) {
        CudaEnvironment cuda = CudaEnvironment.ofThisProcess(() -> DjlSetup.engine().getGpuCount());
        System.getLogger(GpuAvailability.class.getName()).log(Level.DEBUG, cuda.reason());
        if (cuda.available()) {
            context.enableComponent(GpuInferenceService.class.getName());
        }
    }
}
