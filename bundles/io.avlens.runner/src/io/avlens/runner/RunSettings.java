package io.avlens.runner;

import java.nio.file.Path;
import java.util.Locale;

import io.avlens.inference.Device;
import io.avlens.inference.MemoryBudget;
import io.avlens.inference.ModelSpec;

/**
 * How the runner runs models: the settings a Preferences page edits and the command line's options set.
 *
 * @param device       {@code auto} (the best device: a GPU when one is usable, else the CPU), {@code cpu} or
 *                     {@code cuda:N}
 * @param threads      libtorch intra-op CPU threads, 0 to keep the engine's setting
 * @param batchSize    largest number of items per forward call, 0 for all at once
 * @param budget       memory budget each batch is checked against ({@link MemoryBudget#UNLIMITED} for none)
 * @param cacheFolder  where computed clip results are kept for reuse, or null for no cache
 * @param modelsFolder where imported models are looked up by id ({@code <id>/model.json}), or null for none
 */
public record RunSettings(String device, int threads, int batchSize, MemoryBudget budget, Path cacheFolder,
        Path modelsFolder) {

    /** Value of {@link #device} that picks the best device. */
    public static final String AUTO = "auto";

    /**
     * @throws IllegalArgumentException for a device that is not {@code auto}, {@code cpu} or {@code cuda:N}, or a
     *                                  negative count (the message says what is accepted)
     */
    public RunSettings {
        device = device == null || device.isBlank() ? AUTO : device.strip().toLowerCase(Locale.ROOT);
        if (!device.equals(AUTO)) {
            Device.parse(device);
        }
        if (threads < 0 || batchSize < 0) {
            throw new IllegalArgumentException("threads and batch size must be 0 or more, not " + threads + " and "
                    + batchSize);
        }
        budget = budget == null ? MemoryBudget.UNLIMITED : budget;
    }

    /**
     * The defaults: best device, engine threads, one batch, no budget, the cache in
     * {@code <data>/cache/runs} and the models in {@code <data>/models}.
     *
     * @param dataFolder the AV Lens data folder (see {@link #dataFolder()})
     */
    public static RunSettings defaults(Path dataFolder) {
        return new RunSettings(AUTO, 0, 0, MemoryBudget.UNLIMITED, dataFolder.resolve("cache").resolve("runs"),
                dataFolder.resolve("models"));
    }

    /**
     * The AV Lens data folder: {@code $AVLENS_DATA} (the launcher always sets it), else the system property
     * {@code avlens.data}, else {@code ~/.local/share/avlens}.
     */
    public static Path dataFolder() {
        String data = System.getenv("AVLENS_DATA");
        if (data == null || data.isBlank()) {
            data = System.getProperty("avlens.data");
        }
        if (data == null || data.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".local", "share", "avlens");
        }
        return Path.of(data);
    }

    /** The requested device, or null for the best one. */
    public Device requestedDevice() {
        return device.equals(AUTO) ? null : Device.parse(device);
    }

    /** The inference options these settings stand for. */
    public ModelSpec.Options options() {
        return new ModelSpec.Options(requestedDevice(), threads, batchSize, budget);
    }

    /** These settings with another device ({@code auto}, {@code cpu}, {@code cuda:N}). */
    public RunSettings withDevice(String d) {
        return new RunSettings(d, threads, batchSize, budget, cacheFolder, modelsFolder);
    }

    /** These settings with another thread count. */
    public RunSettings withThreads(int n) {
        return new RunSettings(device, n, batchSize, budget, cacheFolder, modelsFolder);
    }

    /** These settings with another batch size. */
    public RunSettings withBatchSize(int n) {
        return new RunSettings(device, threads, n, budget, cacheFolder, modelsFolder);
    }

    /** These settings with another memory budget. */
    public RunSettings withBudget(MemoryBudget b) {
        return new RunSettings(device, threads, batchSize, b, cacheFolder, modelsFolder);
    }

    /** These settings with another cache folder (null: no cache). */
    public RunSettings withCacheFolder(Path folder) {
        return new RunSettings(device, threads, batchSize, budget, folder, modelsFolder);
    }

    /** These settings with another models folder. */
    public RunSettings withModelsFolder(Path folder) {
        return new RunSettings(device, threads, batchSize, budget, cacheFolder, folder);
    }
}
