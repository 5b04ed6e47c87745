package io.avlens.inference.djl.internal;

import org.osgi.service.component.annotations.Component;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.program.EngineProgram;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;

/**
 * Runs {@link EngineProgram}s on DJL PyTorch: each program gets an {@link NDManager} of its own, closed when it
 * ends, and runs with autograd off on its thread (on only inside {@code gradient}), whatever the thread had.
 * Delayed: libtorch loads on the first program.
 */
@Component(service = ProgramEngine.class)
public class DjlProgramEngine implements ProgramEngine {

    @Override
    public <R> R run(Device device, EngineProgram<R> program) throws InferenceException {
        DjlSetup.engine();
        ai.djl.Device target = device.isGpu() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
        try (GradMode.Scope off = GradMode.off();
                DjlProgramContext context = new DjlProgramContext(device,
                        NDManager.newBaseManager(target, DjlSetup.ENGINE_NAME))) {
            return program.run(context);
        } catch (EngineException e) {
            throw new InferenceException("a program on " + device + " failed in the engine: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DJL PyTorch programs";
    }
}
