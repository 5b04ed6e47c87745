package io.avlens.runner.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.ParameterSpec;

/**
 * The {@link ExperimentParameterCatalog} of the installed {@link ClipTask}s (whiteboard, dynamic): the kinds they
 * serve and the parameters they declare, so the project store's checks and the experiment editor know them without
 * depending on the runner. Thread-safe.
 */
@Component(service = ExperimentParameterCatalog.class)
public class TaskParameterCatalog implements ExperimentParameterCatalog {

    private final List<ClipTask> tasks = new CopyOnWriteArrayList<>();
    private final List<DatasetTask> datasetTasks = new CopyOnWriteArrayList<>();

    /** For DS and tests. */
    public TaskParameterCatalog() {
    }

    /** A task appears. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addTask(ClipTask task) {
        tasks.add(task);
    }

    /** A task goes. */
    public void removeTask(ClipTask task) {
        tasks.remove(task);
    }

    /** A dataset stage appears: its parameters join those of its kind's clip tasks. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDatasetTask(DatasetTask task) {
        datasetTasks.add(task);
    }

    /** A dataset stage goes. */
    public void removeDatasetTask(DatasetTask task) {
        datasetTasks.remove(task);
    }

    @Override
    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        tasks.forEach(t -> kinds.add(t.kind()));
        return kinds;
    }

    @Override
    public Optional<List<Declared>> parameters(String kind) {
        Map<String, Declared> byName = new LinkedHashMap<>();
        boolean any = false;
        for (ClipTask task : tasks) {
            if (task.kind().equals(kind)) {
                any = true;
                for (ParameterSpec p : task.parameters()) {
                    byName.putIfAbsent(p.name(), new Declared(p.name(), p.type().name(), p.defaultValue(), p.doc()));
                }
            }
        }
        if (any) {
            for (DatasetTask task : datasetTasks) {
                if (task.kind().equals(kind)) {
                    for (ParameterSpec p : task.parameters()) {
                        byName.putIfAbsent(p.name(), new Declared(p.name(), p.type().name(), p.defaultValue(),
                                p.doc()));
                    }
                }
            }
        }
        return any ? Optional.of(new ArrayList<>(byName.values())) : Optional.empty();
    }
}
