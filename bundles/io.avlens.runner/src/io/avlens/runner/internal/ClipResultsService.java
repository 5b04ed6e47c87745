package io.avlens.runner.internal;

import io.avlens.core.io.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.results.ClipResults;

/**
 * The {@link ClipResults} DS component: computations in progress by key, and the last succeeded outcomes in
 * least-recently-asked order. Thread-safe under one lock; askers' futures are completed outside it.
 */
@Component(service = ClipResults.class)
public final class ClipResultsService implements ClipResults {

    private final Object lock = new Object();
    private final int capacity;
    private final Map<ResultKey, SharedComputation> running = new HashMap<>();
    private final LinkedHashMap<ResultKey, ClipOutcome> remembered = new LinkedHashMap<>(16, 0.75f, true);
    @Reference
    private ModelRunner runner;

    /** For DS: remembers {@link ClipResults#REMEMBERED} outcomes. */
    public ClipResultsService() {
        this.capacity = REMEMBERED;
    }

    /** Over {@code runner}, remembering {@code capacity} outcomes (tests, code without the service registry). */
    public ClipResultsService(ModelRunner runner, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, not " + capacity);
        }
        this.runner = runner;
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<ClipOutcome> request(ClipRequest request, RunSettings settings) {
        ResultKey key = ResultKey.of(request, settings);
        CompletableFuture<ClipOutcome> asker = new CompletableFuture<>();
        SharedComputation started = null;
        synchronized (lock) {
            ClipOutcome known = remembered.get(key);
            if (known != null && (known.folder() == null || Files.isDirectory(known.folder()))) {
                return CompletableFuture.completedFuture(known);
            }
            remembered.remove(key); // its cache entry was deleted meanwhile: compute again
            SharedComputation computation = running.get(key);
            if (computation == null) {
                computation = new SharedComputation(key, runner, this::finished);
                running.put(key, computation);
                started = computation;
            }
            computation.askers.add(asker);
            SharedComputation joined = computation;
            asker.whenComplete((o, e) -> {
                if (asker.isCancelled()) {
                    withdraw(joined, asker);
                }
            });
        }
        if (started != null) {
            started.schedule();
        }
        return asker;
    }

    /** An asker cancelled its future: the computation is cancelled when it was the last one. */
    private void withdraw(SharedComputation computation, CompletableFuture<ClipOutcome> asker) {
        boolean cancel;
        synchronized (lock) {
            cancel = computation.askers.remove(asker) && computation.askers.isEmpty()
                    && running.get(computation.key) == computation;
            if (cancel) {
                running.remove(computation.key); // a new asker starts afresh instead of joining a dying job
            }
        }
        if (cancel) {
            computation.cancel();
        }
    }

    /** The job ended: remember a success, forget anything else, and complete the askers. */
    private void finished(SharedComputation computation) {
        List<CompletableFuture<ClipOutcome>> askers;
        List<Path> unowned = new ArrayList<>();
        ClipOutcome outcome = computation.outcome();
        boolean keep = outcome != null && outcome.state() == RunState.SUCCEEDED;
        synchronized (lock) {
            if (running.get(computation.key) == computation) {
                running.remove(computation.key);
            }
            askers = List.copyOf(computation.askers);
            computation.askers.clear();
            if (keep) {
                ClipOutcome replaced = remembered.put(computation.key, outcome);
                if (replaced != null && replaced != outcome) {
                    unowned.add(ownedFolder(computation.key, replaced));
                }
                for (Iterator<Map.Entry<ResultKey, ClipOutcome>> i = remembered.entrySet().iterator();
                        remembered.size() > capacity;) {
                    Map.Entry<ResultKey, ClipOutcome> eldest = i.next();
                    unowned.add(ownedFolder(eldest.getKey(), eldest.getValue()));
                    i.remove();
                }
            }
        }
        unowned.forEach(FileTrees::deleteQuietly); // before the askers hear of it: gone when they look
        askers.forEach(computation::complete);
        if (!keep && outcome != null) {
            FileTrees.deleteQuietly(ownedFolder(computation.key, outcome)); // the askers were given its message
        }
    }

    /** Cancels every computation and deletes the folders this service owns. */
    @Deactivate
    void deactivate() {
        List<SharedComputation> jobs;
        List<Path> owned = new ArrayList<>();
        synchronized (lock) {
            jobs = List.copyOf(running.values());
            running.clear();
            remembered.forEach((k, o) -> owned.add(ownedFolder(k, o)));
            remembered.clear();
        }
        jobs.forEach(SharedComputation::cancel);
        owned.forEach(FileTrees::deleteQuietly);
    }

    /** The outcome's folder when it is a temporary one of its own (no cache folder), else null. */
    private static Path ownedFolder(ResultKey key, ClipOutcome outcome) {
        return key.settings().cacheFolder() == null ? outcome.folder() : null;
    }
}
