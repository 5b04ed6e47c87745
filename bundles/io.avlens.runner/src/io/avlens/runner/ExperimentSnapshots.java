package io.avlens.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.model.BooleanParameter;
import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerListParameter;
import io.avlens.model.IntegerParameter;
import io.avlens.model.Parameter;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.Run;
import io.avlens.model.TextParameter;
import io.avlens.model.store.ClipSelections;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;

/**
 * Takes the {@link RunSnapshot} of an experiment: call it on the thread that owns the EMF objects (the UI thread
 * in the workbench), then hand the snapshot to a worker. Models are looked up by id in the models folder first
 * (their {@code model.json} is the full descriptor), else the project's own descriptor is used with its weights
 * location relative to the project folder. Clips follow {@link ClipSelections}. Stateless.
 */
public final class ExperimentSnapshots {

    /** The parameter that seeds a run's random numbers. */
    public static final String SEED = "seed";

    private ExperimentSnapshots() {
    }

    /**
     * The snapshot of {@code experiment}.
     *
     * @param projectFolder the folder of the experiment's project
     * @param modelsFolder  the imported models ({@code <id>/model.json}), or null
     * @throws RunnerException naming the experiment and what is missing (no model, no clip, weights nowhere, a
     *                         broken media location)
     */
    public static RunSnapshot take(Experiment experiment, Path projectFolder, Path modelsFolder)
            throws RunnerException {
        String id = experiment.getId();
        if (id == null || id.isBlank()) {
            throw new RunnerException("the experiment has no id; give it one in the experiment editor");
        }
        if (experiment.getModels().isEmpty()) {
            throw new RunnerException("experiment '" + id + "' uses no model; add one in the experiment editor");
        }
        ModelCatalog catalog = catalog(modelsFolder);
        List<ModelRef> models = new ArrayList<>();
        for (io.avlens.model.ModelDescriptor m : experiment.getModels()) {
            models.add(model(m, catalog, projectFolder, id));
        }
        List<Clip> selected = ClipSelections.resolve(experiment.getSelection());
        if (selected.isEmpty()) {
            throw new RunnerException("experiment '" + id + "' selects no clips: "
                    + ClipSelections.describe(experiment.getSelection()));
        }
        List<ClipRef> clips = new ArrayList<>();
        for (Clip c : selected) {
            try {
                Map<String, String> labels = new LinkedHashMap<>();
                c.getLabels().forEach(l -> labels.putIfAbsent(l.getKey(), Objects.requireNonNullElse(l.getValue(), "")));
                clips.add(new ClipRef(c.getId(), Locations.resolve(projectFolder, c.getMediaLocation()),
                        c.getSplit() == null ? null : c.getSplit().getName(), labels));
            } catch (IllegalArgumentException e) {
                throw new RunnerException("experiment '" + id + "': clip '" + c.getId() + "' has a broken media"
                        + " location: " + e.getMessage(), e);
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Parameter p : experiment.getParameters()) {
            parameters.put(p.getName(), value(p));
        }
        long seed = parameters.get(SEED) instanceof Long s ? s : 0L;
        List<String> taken = experiment.getRuns().stream().map(Run::getId).toList();
        String kind = experiment.getKind();
        if (kind == null || kind.isBlank()) {
            throw new RunnerException("experiment '" + id + "' has no kind: choose what it computes (similarity,"
                    + " heatmap…) in the experiment editor");
        }
        return new RunSnapshot(projectFolder, id, kind, models, clips, parameters, seed, taken);
    }

    /**
     * A model by id from the models folder, for a single-clip computation outside an experiment.
     *
     * @throws RunnerException when there is no such model or its weights are missing
     */
    public static ModelRef model(Path modelsFolder, String modelId) throws RunnerException {
        Optional<ModelCatalog.Entry> entry = catalog(modelsFolder).byId(modelId);
        if (entry.isEmpty()) {
            throw new RunnerException("no model '" + modelId + "' in " + modelsFolder
                    + "; import it (see `avlens models`)");
        }
        return fromCatalog(entry.get(), modelId);
    }

    /** The value of a parameter as a plain Java value. */
    public static Object value(Parameter p) {
        if (p instanceof IntegerParameter i) {
            return i.getValue();
        } else if (p instanceof RealParameter r) {
            return r.getValue();
        } else if (p instanceof TextParameter t) {
            return t.getValue() == null ? "" : t.getValue();
        } else if (p instanceof BooleanParameter b) {
            return b.isValue();
        } else if (p instanceof IntegerListParameter l) {
            return List.copyOf(l.getValues());
        } else if (p instanceof RealListParameter l) {
            return List.copyOf(l.getValues());
        }
        throw new IllegalArgumentException("unknown parameter type " + p.eClass().getName());
    }

    private static ModelRef model(io.avlens.model.ModelDescriptor m, ModelCatalog catalog, Path projectFolder,
            String experimentId) throws RunnerException {
        Optional<ModelCatalog.Entry> entry = catalog.byId(m.getId());
        if (entry.isPresent()) {
            return fromCatalog(entry.get(), m.getId());
        }
        if (m.getWeightsLocation() == null || m.getWeightsLocation().isBlank()) {
            throw new RunnerException("experiment '" + experimentId + "': model '" + m.getId() + "' is not in the"
                    + " models folder " + catalog.folder() + " and has no weights location in the project; import"
                    + " it (tools/export) or set its weights");
        }
        Path weights;
        try {
            weights = Locations.resolve(projectFolder, m.getWeightsLocation());
        } catch (IllegalArgumentException e) {
            throw new RunnerException("model '" + m.getId() + "': " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(weights)) {
            throw new RunnerException(weights + ": the weights of model '" + m.getId() + "' are missing");
        }
        try {
            return new ModelRef(EmfDescriptors.toDescriptor(m, weights), ProjectStore.projectFile(projectFolder),
                    weights);
        } catch (IllegalArgumentException e) {
            throw new RunnerException("model '" + m.getId() + "' in the project cannot be used: " + e.getMessage(),
                    e);
        }
    }

    private static ModelRef fromCatalog(ModelCatalog.Entry entry, String id) throws RunnerException {
        Path weights = entry.file().toAbsolutePath().getParent().resolve(entry.descriptor().weights()).normalize();
        if (!Files.isRegularFile(weights)) {
            throw new RunnerException(weights + ": the weights of model '" + id + "' are missing (descriptor "
                    + entry.file() + ")");
        }
        return new ModelRef(entry.descriptor(), entry.file().toAbsolutePath(), weights);
    }

    private static ModelCatalog catalog(Path modelsFolder) throws RunnerException {
        if (modelsFolder == null) {
            return new ModelCatalog(Path.of("."), List.of(), List.of());
        }
        try {
            return ModelCatalog.scan(modelsFolder);
        } catch (IOException e) {
            throw new RunnerException(modelsFolder + ": cannot read the models folder: " + e.getMessage(), e);
        }
    }
}
