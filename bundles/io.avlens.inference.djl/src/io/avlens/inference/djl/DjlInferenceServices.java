package io.avlens.inference.djl;

import java.util.List;

import io.avlens.inference.InferenceService;
import io.avlens.inference.djl.internal.CpuInferenceService;

/**
 * The CPU inference service for code that runs without OSGi's service registry (white-box tests of other bundles,
 * tools, benchmarks): the same implementation DS registers, with the built-in families given here instead of those
 * registered as services. Inside AV Lens, get {@link InferenceService} from the registry instead.
 */
public final class DjlInferenceServices {

    private DjlInferenceServices() {
    }

    /** A CPU service that knows these built-in families. */
    public static InferenceService cpu(List<BuiltinBlockFactory> families) {
        CpuInferenceService service = new CpuInferenceService();
        families.forEach(service::addFamily);
        return service;
    }

    /** The engine that runs in-engine programs on this service's models (what DS registers as the ProgramEngine). */
    public static io.avlens.inference.program.ProgramEngine programEngine() {
        return new io.avlens.inference.djl.internal.DjlProgramEngine();
    }
}
