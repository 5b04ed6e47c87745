package io.avlens.ui.preferences;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import io.avlens.inference.Device;
import io.avlens.runner.RunSettings;

/**
 * The inference preferences: their node ({@value #NODE}, instance scope, so the runner's bundle name keys them),
 * keys, defaults and validation, and {@link #read()} which turns them into {@link InferenceSettings}. No UI
 * dependency: the runner's settings can be built from it in a headless application too. A stored value that is not
 * valid (edited by hand) is read as its default, never as an error.
 */
public final class InferencePreferences {

    /** The preference node, the runner's bundle name. */
    public static final String NODE = "io.avlens.runner";
    /** Key of the device: {@value #AUTO}, {@code cpu} or {@code cuda:N}. */
    public static final String DEVICE = "device";
    /** Key of the engine's CPU threads, 0 for its default. */
    public static final String THREADS = "threads";
    /** Key of the memory budget in MiB, 0 for none. */
    public static final String MEMORY_BUDGET_MIB = "memoryBudgetMiB";
    /** Key of the batch size. */
    public static final String BATCH_SIZE = "batchSize";
    /** Key of the run cache folder. */
    public static final String CACHE_FOLDER = "cacheFolder";

    /** The device value that lets the inference service choose the best device. */
    public static final String AUTO = "auto";
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 8;
    /** Largest batch size accepted. */
    public static final int MAX_BATCH_SIZE = 4096;
    /** Largest memory budget accepted, MiB (1 TiB). */
    public static final long MAX_MEMORY_BUDGET_MIB = 1L << 20;

    private InferencePreferences() {
    }

    /** The settings stored in the instance scope, defaults where nothing (valid) is stored. */
    public static InferenceSettings read() {
        return read(InstanceScope.INSTANCE.getNode(NODE), defaults(RunSettings.dataFolder()));
    }

    /** The settings in {@code node}, each missing or invalid value taken from {@code defaults}. */
    public static InferenceSettings read(Preferences node, InferenceSettings defaults) {
        String device = valid(DEVICE, node.get(DEVICE, null)) ? node.get(DEVICE, null).strip() : defaults.device();
        int threads = valid(THREADS, node.get(THREADS, null)) ? Integer.parseInt(node.get(THREADS, "").strip())
                : defaults.threads();
        long budget = valid(MEMORY_BUDGET_MIB, node.get(MEMORY_BUDGET_MIB, null))
                ? Long.parseLong(node.get(MEMORY_BUDGET_MIB, "").strip()) : defaults.memoryBudgetMiB();
        int batch = valid(BATCH_SIZE, node.get(BATCH_SIZE, null)) ? Integer.parseInt(node.get(BATCH_SIZE, "").strip())
                : defaults.batchSize();
        Path cache = valid(CACHE_FOLDER, node.get(CACHE_FOLDER, null)) ? Path.of(node.get(CACHE_FOLDER, "").strip())
                : defaults.cacheFolder();
        return new InferenceSettings(device, threads, budget, batch, cache);
    }

    private static boolean valid(String key, String value) {
        return value != null && problem(key, value) == null;
    }

    /**
     * The defaults: automatic device, engine threads and no memory limit, batches of {@value #DEFAULT_BATCH_SIZE},
     * and the cache in {@code cache/runs} under the AV Lens data folder (the runner's
     * {@link RunSettings#dataFolder()}: {@code $AVLENS_DATA}, which the launcher always sets, else
     * the {@code avlens.data} system property, else {@code ~/.local/share/avlens}).
     */
    public static InferenceSettings defaults(Path dataFolder) {
        return new InferenceSettings(AUTO, 0, 0, DEFAULT_BATCH_SIZE, dataFolder.resolve("cache").resolve("runs"));
    }

    /** Writes {@code defaults} into the default scope of {@value #NODE}, where preference pages find them. */
    public static void applyDefaults(InferenceSettings defaults) {
        IEclipsePreferences node = DefaultScope.INSTANCE.getNode(NODE);
        node.put(DEVICE, defaults.device());
        node.putInt(THREADS, defaults.threads());
        node.putLong(MEMORY_BUDGET_MIB, defaults.memoryBudgetMiB());
        node.putInt(BATCH_SIZE, defaults.batchSize());
        node.put(CACHE_FOLDER, defaults.cacheFolder().toString());
    }

    /**
     * Stores {@code settings} in {@code node} and flushes it.
     *
     * @throws BackingStoreException when the preferences cannot be saved
     */
    public static void write(Preferences node, InferenceSettings settings) throws BackingStoreException {
        node.put(DEVICE, settings.device());
        node.putInt(THREADS, settings.threads());
        node.putLong(MEMORY_BUDGET_MIB, settings.memoryBudgetMiB());
        node.putInt(BATCH_SIZE, settings.batchSize());
        node.put(CACHE_FOLDER, settings.cacheFolder().toString());
        node.flush();
    }

    /** Largest thread count accepted: the processors of this machine. */
    public static int maxThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Why {@code text} is not a valid value of {@code key}, in words a user can act on; null when it is valid.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static String problem(String key, String text) {
        String t = text == null ? "" : text.strip();
        switch (key) {
        case DEVICE:
            if (t.equalsIgnoreCase(AUTO)) {
                return null;
            }
            try {
                Device.parse(t);
                return null;
            } catch (IllegalArgumentException e) {
                return "Device: '" + t + "' is not a device; use auto, cpu or cuda:N";
            }
        case THREADS:
            return range("Threads", t, 0, maxThreads(), " (0 = the engine's default, at most the "
                    + maxThreads() + " processors of this machine)");
        case MEMORY_BUDGET_MIB:
            return range("Memory budget", t, 0, MAX_MEMORY_BUDGET_MIB, " MiB (0 = unlimited)");
        case BATCH_SIZE:
            return range("Batch size", t, 1, MAX_BATCH_SIZE, "");
        case CACHE_FOLDER:
            if (t.isEmpty()) {
                return "Cache folder: choose a folder";
            }
            try {
                Path folder = Path.of(t);
                if (!folder.isAbsolute()) {
                    return "Cache folder: '" + t + "' is not an absolute path";
                }
                return Files.exists(folder) && !Files.isDirectory(folder)
                        ? "Cache folder: " + t + " is a file, not a folder" : null;
            } catch (InvalidPathException e) {
                return "Cache folder: '" + t + "' is not a path: " + e.getReason();
            }
        default:
            throw new IllegalArgumentException("no inference preference '" + key + "'");
        }
    }

    private static String range(String name, String text, long min, long max, String hint) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return String.format(Locale.ROOT, "%s: '%s' is not a whole number from %d to %d%s", name, text, min, max,
                hint);
    }
}
