package io.avlens.lib.djl.internal;

import java.lang.System.Logger.Level;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import ai.djl.engine.Engine;
import io.avlens.lib.djl.DjlSetup;

/**
 * Starts the PyTorch engine when this bundle activates (lazily: when some bundle first loads a DJL class), so
 * that DJL's one-time engine lookup runs with this bundle's class loader whatever thread triggered it. A failure
 * is logged, not thrown: the next DJL call then reports DJL's own error to the caller that can show it.
 */
public final class DjlActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        System.Logger log = System.getLogger(DjlActivator.class.getName());
        try {
            Engine engine = DjlSetup.engine();
            log.log(Level.DEBUG, () -> "DJL engine " + engine.getEngineName() + " " + engine.getVersion()
                    + " ready; cache " + System.getProperty("ENGINE_CACHE_DIR"));
        } catch (RuntimeException | LinkageError e) {
            log.log(Level.ERROR, "AV Lens could not start DJL's PyTorch engine: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // libtorch cannot be unloaded; a stopped engine stays in memory until the JVM exits
    }
}
