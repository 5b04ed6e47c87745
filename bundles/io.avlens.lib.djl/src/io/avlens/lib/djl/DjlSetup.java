package io.avlens.lib.djl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import ai.djl.engine.Engine;

/**
 * How AV Lens starts DJL inside OSGi: offline, without telemetry, with every cache under the AV Lens data folder,
 * and with this bundle's class loader as the thread context class loader while DJL looks for its engine.
 *
 * <p>Why: DJL finds engines once, through {@link java.util.ServiceLoader} on the context class loader, and
 * remembers a failed lookup; a first call from a thread whose context loader cannot see the engine jar fails
 * later with misleading errors. This bundle's activator therefore calls {@link #engine()} before any other
 * bundle can touch DJL (spikes/djl-javacv-offline.md, section D). Without settings of its own, DJL would unpack
 * 432 MB of libtorch into {@code ~/.djl.ai} and JNA would write to {@code ~/.cache/JNA}; AV Lens keeps both under
 * its data folder ({@code AVLENS_DATA}, the same folder the {@code avlens} launcher uses).
 *
 * <p>A setting the user already made (a system property, or for DJL's names also an environment variable) is
 * never overridden. GPU use is configured the DJL way: {@code PYTORCH_LIBRARY_PATH} (a libtorch 2.7.1 folder) and
 * {@code PYTORCH_FLAVOR} (e.g. {@code cu128}), as environment variables or system properties. Thread-safe;
 * stateless apart from the JVM-wide system properties DJL reads.
 */
public final class DjlSetup {

    /** The only engine AV Lens uses. */
    public static final String ENGINE_NAME = "PyTorch";

    /** System property naming the AV Lens data folder; overrides the {@code AVLENS_DATA} environment variable. */
    public static final String DATA_PROPERTY = "avlens.data";

    private DjlSetup() {
    }

    /**
     * The AV Lens data folder: the {@code avlens.data} system property, else {@code $AVLENS_DATA}, else
     * {@code $XDG_DATA_HOME/avlens}, else {@code ~/.local/share/avlens} (the launcher script's rule).
     *
     * @param env   environment lookup (e.g. {@code System::getenv}); null means unset
     * @param props system property lookup (e.g. {@code System::getProperty}); null means unset
     */
    public static Path dataFolder(UnaryOperator<String> env, UnaryOperator<String> props) {
        String data = firstSet(props.apply(DATA_PROPERTY), env.apply("AVLENS_DATA"));
        if (data != null) {
            return Path.of(data);
        }
        String xdg = env.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "avlens");
        }
        return Path.of(props.apply("user.home"), ".local", "share", "avlens");
    }

    /**
     * The system properties AV Lens would set for DJL, given the current environment and properties: only those
     * the user has not set. Pure; {@link #configure()} applies them.
     */
    public static Map<String, String> settings(UnaryOperator<String> env, UnaryOperator<String> props) {
        Path cache = dataFolder(env, props).resolve("cache");
        Map<String, String> out = new LinkedHashMap<>();
        if (firstSet(props.apply("ai.djl.offline"), props.apply("DJL_OFFLINE"), env.apply("DJL_OFFLINE")) == null) {
            out.put("ai.djl.offline", "true");
        }
        putUnlessSet(out, env, props, "OPT_OUT_TRACKING", "true");
        putUnlessSet(out, env, props, "DJL_CACHE_DIR", cache.resolve("djl").toString());
        putUnlessSet(out, env, props, "ENGINE_CACHE_DIR", cache.resolve("djl").toString());
        if (firstSet(props.apply("jna.tmpdir")) == null) {
            out.put("jna.tmpdir", cache.resolve("jna").toString());
        }
        return out;
    }

    /** Sets {@link #settings} as system properties (those not set yet). Returns what it set. */
    public static synchronized Map<String, String> configure() {
        Map<String, String> set = settings(System::getenv, System::getProperty);
        set.forEach(System::setProperty);
        return set;
    }

    /**
     * The PyTorch engine, configured and found with this bundle's class loader as context loader. Loads libtorch
     * on the first call (about 0.6 s with a warm cache; the first run ever unpacks 432 MB, a few seconds).
     *
     * @throws ai.djl.engine.EngineException when libtorch cannot be loaded (message from DJL)
     */
    public static Engine engine() {
        configure();
        return withBundleLoader(() -> Engine.getEngine(ENGINE_NAME));
    }

    /**
     * Runs {@code action} with this bundle's class loader as the thread context class loader, restoring the old
     * one afterwards. For DJL entry points that look up services (engines, model zoos, translators).
     */
    public static <T> T withBundleLoader(Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlSetup.class.getClassLoader());
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(old);
        }
    }

    private static void putUnlessSet(Map<String, String> out, UnaryOperator<String> env, UnaryOperator<String> props,
            String name, String value) {
        if (firstSet(props.apply(name), env.apply(name)) == null) {
            out.put(name, value);
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
