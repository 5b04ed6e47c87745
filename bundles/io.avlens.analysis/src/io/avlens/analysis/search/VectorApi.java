package io.avlens.analysis.search;

/**
 * Finds out at run time whether the Vector API can be used: the module {@code jdk.incubator.vector} must be in the
 * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and visible to this bundle (the
 * OSGi framework exports the boot layer's packages from the system bundle; this bundle imports the package
 * optionally). Without it {@link VectorScanKernel} is never loaded.
 */
final class VectorApi {

    private VectorApi() {
    }

    /** The Vector API kernel, or null when this JVM cannot run it. */
    static ScanKernel kernel() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (ScanKernel) Class.forName(VectorApi.class.getPackageName() + ".VectorScanKernel", true,
                    VectorApi.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
