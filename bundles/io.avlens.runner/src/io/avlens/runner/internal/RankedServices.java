package io.avlens.runner.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.avlens.inference.Device;
import io.avlens.inference.DeviceSelection;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.DatasetTask;

/**
 * The services the runner uses, as DS gives them (dynamically): inference services ordered by
 * {@code service.ranking} (best first) and the {@link ClipTask} whiteboard. Thread-safe.
 */
final class RankedServices {

    private record Ranked(InferenceService service, int ranking, long order) {
    }

    private final List<Ranked> inference = new CopyOnWriteArrayList<>();
    private final List<ClipTask> tasks = new CopyOnWriteArrayList<>();
    private final List<DatasetTask> datasetTasks = new CopyOnWriteArrayList<>();
    private long added;

    synchronized void addInference(InferenceService service, Map<String, ?> properties) {
        Object r = properties == null ? null : properties.get("service.ranking");
        inference.add(new Ranked(service, r instanceof Integer i ? i : 0, added++));
    }

    void removeInference(InferenceService service) {
        inference.removeIf(r -> r.service() == service);
    }

    void addTask(ClipTask task) {
        tasks.add(task);
    }

    void removeTask(ClipTask task) {
        tasks.remove(task);
    }

    void addDatasetTask(DatasetTask task) {
        datasetTasks.add(task);
    }

    void removeDatasetTask(DatasetTask task) {
        datasetTasks.remove(task);
    }

    /** The dataset-level task for an experiment kind and a model family, or null when none is installed. */
    DatasetTask datasetTask(String kind, String family) {
        return datasetTasks.stream().filter(t -> t.kind().equals(kind) && t.supports(family)).findFirst()
                .orElse(null);
    }

    /** The task for an experiment kind and a model family, or null. */
    ClipTask task(String kind, String family) {
        return tasks.stream().filter(t -> t.kind().equals(kind) && t.supports(family)).findFirst().orElse(null);
    }

    /** The installed tasks, as {@code kind (class)}, for messages. */
    List<String> taskNames() {
        return tasks.stream().map(t -> t.kind() + " (" + t.getClass().getSimpleName() + ")").sorted().toList();
    }

    /**
     * The service to load with and the device it will use: the best-ranked service for the best device, or the
     * best-ranked one that has the requested device.
     *
     * @throws InferenceException when no service is registered or none has the requested device (the message
     *                            lists the devices there are)
     */
    Choice choose(Device requested) throws InferenceException {
        List<Ranked> ranked = new ArrayList<>(inference);
        ranked.sort(Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::order));
        if (ranked.isEmpty()) {
            throw new InferenceException("no inference service is installed (io.avlens.inference.djl is missing or"
                    + " failed to start)");
        }
        List<Device> all = new ArrayList<>();
        for (Ranked r : ranked) {
            List<Device> devices = r.service().devices();
            if (requested == null || devices.contains(requested)) {
                return new Choice(r.service(), DeviceSelection.choose(devices, requested));
            }
            all.addAll(devices);
        }
        return new Choice(null, DeviceSelection.choose(all, requested));
    }

    /** A service and the device it will load on. */
    record Choice(InferenceService service, Device device) {
    }
}
