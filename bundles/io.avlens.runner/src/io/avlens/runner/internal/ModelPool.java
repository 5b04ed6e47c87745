package io.avlens.runner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;

/**
 * Models loaded for single-clip computations, kept for the next clip, so a viewer going from clip to clip loads its
 * model once. A model is known by its weights' SHA-256, its spec (descriptor, device, threads, batch size, memory
 * budget) and the service that loaded it. At most {@code capacity} models are kept: the least recently used idle one
 * is closed when another is loaded, and every model unused for {@code idle} is closed by a system job, as is
 * everything when the runner goes. A model in use (leased) is never closed. Thread-safe.
 */
final class ModelPool implements AutoCloseable {

    /** What a model is known by. */
    record Key(String weightsSha256, ModelSpec spec, InferenceService service) {
    }

    private static final class Entry {
        final LoadedModel model;
        int leases;
        long lastUsed = System.nanoTime();

        Entry(LoadedModel model) {
            this.model = model;
        }
    }

    private final int capacity;
    private final Duration idle;
    private final Map<Key, Entry> models = new LinkedHashMap<>(8, 0.75f, true);
    private final Job sweeper;

    /**
     * @param capacity most models kept (at least 1)
     * @param idle     how long an unused model is kept
     */
    ModelPool(int capacity, Duration idle) {
        this.capacity = Math.max(1, capacity);
        this.idle = idle;
        this.sweeper = Job.createSystem("Release idle models", monitor -> {
            closeIdle();
            return Status.OK_STATUS;
        });
    }

    /**
     * The model for {@code key}, loaded by its service when the pool has none; give it back with {@link #release}.
     *
     * @throws InferenceException when it cannot be loaded
     */
    synchronized LoadedModel lease(Key key) throws InferenceException {
        Entry e = models.get(key);
        if (e == null) {
            e = new Entry(key.service().load(key.spec()));
            models.put(key, e);
        }
        e.leases++;
        trim();
        return e.model;
    }

    /** Gives back a model taken with {@link #lease}; it stays loaded for the next clip. */
    synchronized void release(Key key) {
        Entry e = models.get(key);
        if (e != null) {
            e.leases = Math.max(0, e.leases - 1);
            e.lastUsed = System.nanoTime();
        }
        sweeper.schedule(idle.toMillis());
    }

    /** Closes the idle models loaded by a service that went away. */
    void forget(InferenceService service) {
        closeAll(keys().stream().filter(k -> k.service() == service).toList());
    }

    /** How many models are loaded now. */
    synchronized int size() {
        return models.size();
    }

    /** Closes every idle model. */
    @Override
    public void close() {
        sweeper.cancel();
        closeAll(keys());
    }

    private synchronized List<Key> keys() {
        return List.copyOf(models.keySet());
    }

    private void closeIdle() {
        long now = System.nanoTime();
        List<Key> old = new ArrayList<>();
        synchronized (this) {
            models.forEach((k, e) -> {
                if (e.leases == 0 && now - e.lastUsed >= idle.toNanos()) {
                    old.add(k);
                }
            });
        }
        closeAll(old);
    }

    private synchronized void closeAll(List<Key> keys) {
        for (Key k : keys) {
            Entry e = models.get(k);
            if (e != null && e.leases == 0) {
                models.remove(k);
                e.model.close();
            }
        }
    }

    /** Closes the least recently used idle models over the capacity. */
    private void trim() {
        Iterator<Entry> it = models.values().iterator();
        while (models.size() > capacity && it.hasNext()) {
            Entry e = it.next();
            if (e.leases == 0) {
                it.remove();
                e.model.close();
            }
        }
    }
}
