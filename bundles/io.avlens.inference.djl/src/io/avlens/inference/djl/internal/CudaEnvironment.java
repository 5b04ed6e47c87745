package io.avlens.inference.djl.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Whether AV Lens can use a GPU. No CUDA build of libtorch 2.7.1 is on Maven Central, so a GPU needs one the user
 * installed, configured the DJL way: {@code PYTORCH_LIBRARY_PATH} (the folder with {@code libtorch_cuda.so}) and
 * {@code PYTORCH_FLAVOR} (e.g. {@code cu128}), as system properties or environment variables. Only when both say
 * CUDA is the engine asked how many GPUs it sees, so a CPU-only machine never pays for that question. Pure.
 *
 * @param available whether a GPU service should be registered
 * @param gpus      number of GPUs the engine reports (0 unless configured)
 * @param reason    why, in one sentence
 */
public record CudaEnvironment(boolean available, int gpus, String reason) {

    /**
     * Checks the configuration.
     *
     * @param settings  a system property, else environment variable, by name; null when unset
     * @param exists    whether a file exists (fake in tests)
     * @param gpuCount  asks the engine for the number of GPUs; called only when CUDA is configured
     */
    public static CudaEnvironment check(UnaryOperator<String> settings, Predicate<Path> exists, IntSupplier gpuCount) {
        String flavor = settings.apply("PYTORCH_FLAVOR");
        String libs = settings.apply("PYTORCH_LIBRARY_PATH");
        if (flavor == null || !flavor.toLowerCase(Locale.ROOT).startsWith("cu")) {
            return new CudaEnvironment(false, 0, "PYTORCH_FLAVOR is " + (flavor == null ? "not set" : "'" + flavor
                    + "'") + ", not a CUDA flavour such as cu128: CPU only");
        }
        if (libs == null || libs.isBlank()) {
            return new CudaEnvironment(false, 0, "PYTORCH_FLAVOR is " + flavor
                    + " but PYTORCH_LIBRARY_PATH is not set: CPU only");
        }
        Path cuda = Path.of(libs, "libtorch_cuda.so");
        if (!exists.test(cuda)) {
            return new CudaEnvironment(false, 0, "PYTORCH_LIBRARY_PATH " + libs
                    + " has no libtorch_cuda.so (not a CUDA build of libtorch): CPU only");
        }
        int gpus = gpuCount.getAsInt();
        if (gpus < 1) {
            return new CudaEnvironment(false, 0, "libtorch in " + libs + " is a CUDA build, but no GPU is visible"
                    + " (driver, CUDA_VISIBLE_DEVICES): CPU only");
        }
        return new CudaEnvironment(true, gpus, gpus + " CUDA GPU(s) through libtorch in " + libs);
    }

    /** A system property, else an environment variable. */
    public static String setting(String name) {
        String p = System.getProperty(name);
        return p != null && !p.isBlank() ? p : System.getenv(name);
    }

    /** The real check of this process, loading the engine only when CUDA is configured. */
    public static CudaEnvironment ofThisProcess(IntSupplier gpuCount) {
        return check(CudaEnvironment::setting, Files::isRegularFile, gpuCount);
    }
}
