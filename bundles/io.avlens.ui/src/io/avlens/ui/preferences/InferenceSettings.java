package io.avlens.ui.preferences;

import java.nio.file.Path;

import io.avlens.inference.Device;
import io.avlens.inference.MemoryBudget;

/**
 * How models are run, as the user set it in Window › Preferences › Inference.
 *
 * @param device          {@value InferencePreferences#AUTO} (the best device there is), {@code cpu} or
 *                        {@code cuda:N}
 * @param threads         CPU threads of the engine, 0 for the engine's default
 * @param memoryBudgetMiB most memory one forward call may use, MiB; 0 for no limit
 * @param batchSize       items per forward call, at least 1
 * @param cacheFolder     where run results are cached (keyed by model, media and parameters)
 */
public record InferenceSettings(String device, int threads, long memoryBudgetMiB, int batchSize, Path cacheFolder) {

    /** The device asked for, or null for {@value InferencePreferences#AUTO} (let the service choose). */
    public Device requestedDevice() {
        return InferencePreferences.AUTO.equalsIgnoreCase(device) ? null : Device.parse(device);
    }

    /** The memory budget: {@link MemoryBudget#UNLIMITED} for 0, else {@code memoryBudgetMiB} MiB. */
    public MemoryBudget memoryBudget() {
        return memoryBudgetMiB == 0 ? MemoryBudget.UNLIMITED : MemoryBudget.ofMegabytes(memoryBudgetMiB);
    }
}
