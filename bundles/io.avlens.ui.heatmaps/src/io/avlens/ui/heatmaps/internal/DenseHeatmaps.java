package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.models.BuiltinModels;
import io.avlens.runner.results.ClipResults;

/**
 * The heatmaps of the clips on show, shared by the overlay and the Heads view: the chosen DenseAV model, each clip's
 * {@link HeatmapClip} computed once in a job (the last {@value #KEPT} clips are kept) and the display
 * {@link HeatmapSettings}. Listeners hear when a clip's heatmaps arrive or the model changes, on the job's thread or
 * the UI thread: they post to the UI thread themselves. Thread-safe, except {@link #settings()} (UI thread).
 */
@Component(service = DenseHeatmaps.class)
public final class DenseHeatmaps {

    /** Family of the jobs that compute heatmaps, for the Progress view and tests. */
    public static final Object JOBS = new Object();
    /** Clips whose heatmaps are kept. */
    static final int KEPT = 4;

    private record Key(Path clip, String model) {
    }

    private final Map<Key, CompletableFuture<HeatmapClip>> clips = new LinkedHashMap<>(8, 0.75f, true);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final HeatmapSettings settings = new HeatmapSettings();
    private volatile ClipResults results;
    private volatile BuiltinModels builtins;
    private volatile String model;
    private volatile String firstInstalled;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setResults(ClipResults service) {
        results = service;
    }

    void unsetResults(ClipResults service) {
        if (results == service) {
            results = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setBuiltins(BuiltinModels service) {
        builtins = service;
    }

    void unsetBuiltins(BuiltinModels service) {
        if (builtins == service) {
            builtins = null;
        }
    }

    /** The display settings. UI thread. */
    public HeatmapSettings settings() {
        return settings;
    }

    /**
     * The installed DenseAV models (family {@value DenseResultSource#FAMILY}), read again from the models folder.
     * Blocks briefly (installs the shipped models, reads the folder).
     */
    public List<String> models() {
        List<String> all = DenseResultSource.modelIds(builtins);
        firstInstalled = all.isEmpty() ? null : all.get(0);
        return all;
    }

    /**
     * The model computing heatmaps: the one chosen, else the first installed (looked up once, and again by
     * {@link #models()}); null when none is installed.
     */
    public String model() {
        String chosen = model;
        if (chosen != null) {
            return chosen;
        }
        if (firstInstalled == null) {
            models();
        }
        return firstInstalled;
    }

    /** Chooses the model (null: the first installed) and tells the listeners. */
    public void setModel(String id) {
        model = id;
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} when heatmaps arrive or the model changes (any thread). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * The heatmaps of {@code clip} with the current model: computed once in a job started by the first request.
     * The future fails with an {@link IOException} in the user's words; a cancelled one is forgotten.
     */
    public CompletableFuture<HeatmapClip> request(Path clip) {
        String id = model();
        if (id == null) {
            return CompletableFuture.failedFuture(new IOException("No DenseAV model is installed: train one with "
                    + "avlens train --family denseav, or import one (family \"denseav\")"));
        }
        Key key = new Key(clip, id);
        CompletableFuture<HeatmapClip> future;
        synchronized (clips) {
            future = clips.get(key);
            if (future != null) {
                return future;
            }
            future = new CompletableFuture<>();
            clips.put(key, future);
            trim();
        }
        CompletableFuture<HeatmapClip> result = future;
        Job job = new Job("DenseAV heatmaps of " + clip.getFileName() + " (" + id + ")") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    result.complete(HeatmapClip.prepare(id, DenseResultSource.features(results, builtins, id, clip,
                            monitor), monitor));
                } catch (OperationCanceledException e) {
                    forget(key, result);
                    result.completeExceptionally(new CancellationException("cancelled"));
                    return Status.CANCEL_STATUS;
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e instanceof IOException ? e
                            : new IOException(clip.getFileName() + ": " + e.getMessage(), e));
                }
                if (monitor.isCanceled() && !result.isDone()) {
                    forget(key, result);
                    result.cancel(false);
                }
                listeners.forEach(Runnable::run);
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JOBS;
            }
        };
        job.schedule();
        return result;
    }

    /** The heatmaps of {@code clip} with the current model if they are ready, else null (and none failed). */
    public HeatmapClip ready(Path clip) {
        CompletableFuture<HeatmapClip> f = request(clip);
        return f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    /**
     * Waits for the heatmaps of {@code clip}, honouring {@code monitor}'s cancel.
     *
     * @throws IOException why there are none, in the user's words
     * @throws OperationCanceledException when cancelled
     */
    public HeatmapClip await(Path clip, IProgressMonitor monitor) throws IOException {
        CompletableFuture<HeatmapClip> f = request(clip);
        while (true) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the monitor again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationCanceledException();
            } catch (CancellationException e) {
                throw new OperationCanceledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException) {
                    throw new OperationCanceledException();
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    private void forget(Key key, CompletableFuture<HeatmapClip> future) {
        synchronized (clips) {
            clips.remove(key, future);
        }
    }

    private void trim() {
        Iterator<Map.Entry<Key, CompletableFuture<HeatmapClip>>> it = clips.entrySet().iterator();
        while (clips.size() > KEPT && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
