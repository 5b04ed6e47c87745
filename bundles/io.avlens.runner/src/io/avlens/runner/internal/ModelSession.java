package io.avlens.runner.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunSettings;
import io.avlens.runner.task.ModelParts;

/**
 * One model for the length of a run or a single-clip computation: each of its parts loaded once, on first use (never
 * when every clip is in the cache), with its weights checked against their SHA-256. A run's own parts are closed at
 * the end; parts taken from a {@link ModelPool} (each known by its own weights' SHA-256 and spec) are given back to
 * it instead, loaded, for the next computation. One thread.
 */
final class ModelSession implements AutoCloseable {

    private final ModelRef model;
    private final RunSettings settings;
    private final RankedServices.Choice choice;
    private final ModelPool pool;
    private final PartWeights weights;
    private final Map<ModelPool.Key, LoadedModel> leased = new LinkedHashMap<>();
    private final Map<String, LoadedModel> own = new LinkedHashMap<>();
    private ModelParts loaded;

    /** A session whose parts are loaded for it alone and closed with it. */
    ModelSession(ModelRef model, RunSettings settings, RankedServices.Choice choice) {
        this(model, settings, choice, null, null);
    }

    /**
     * A session whose parts come from {@code pool} (null: loaded for it alone).
     *
     * @param weights the parts' weights SHA-256, part of what the pool knows each part by (may be null without a
     *                pool)
     */
    ModelSession(ModelRef model, RunSettings settings, RankedServices.Choice choice, ModelPool pool,
            PartWeights weights) {
        this.model = model;
        this.settings = settings;
        this.choice = choice;
        this.pool = pool;
        this.weights = weights;
    }

    /** The model's parts, loading them the first time (one progress unit of {@code monitor}). */
    ModelParts get(IProgressMonitor monitor) throws InferenceException {
        if (loaded == null) {
            SubMonitor sub = SubMonitor.convert(monitor, "Loading " + model.id(), 1);
            ModelDescriptor d = model.descriptor();
            Map<String, LoadedModel> parts = new LinkedHashMap<>();
            try {
                for (ModelDescriptor.Component part : d.parts()) {
                    ModelSpec spec = ModelDescriptors.toSpec(model.descriptorFile(), d, part,
                            settings.options().withDevice(choice.device()));
                    parts.put(part.role(), load(part, spec));
                }
            } catch (InferenceException | RuntimeException e) {
                close();
                throw e;
            }
            loaded = ModelParts.of(parts);
            sub.worked(1);
        }
        return loaded;
    }

    private LoadedModel load(ModelDescriptor.Component part, ModelSpec spec) throws InferenceException {
        if (pool == null) {
            LoadedModel m = choice.service().load(spec);
            own.put(part.role(), m);
            return m;
        }
        ModelPool.Key key = new ModelPool.Key(weights.shaByRole().get(part.role()), spec, choice.service());
        LoadedModel m = pool.lease(key);
        leased.put(key, m);
        return m;
    }

    /** Whether the model was loaded. */
    boolean isLoaded() {
        return loaded != null;
    }

    @Override
    public void close() {
        for (ModelPool.Key key : leased.keySet()) {
            pool.release(key);
        }
        own.values().forEach(LoadedModel::close);
        leased.clear();
        own.clear();
        loaded = null;
    }
}
