package io.avlens.runner.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunSettings;

/**
 * One model for the length of a run or a single-clip computation: loaded on first use (never when every clip is in
 * the cache), with its weights checked against their SHA-256. A run's own model is closed at the end; one taken
 * from a {@link ModelPool} is given back to it instead, loaded, for the next computation. One thread.
 */
final class ModelSession implements AutoCloseable {

    private final ModelRef model;
    private final RunSettings settings;
    private final RankedServices.Choice choice;
    private final ModelPool pool;
    private final String weightsSha256;
    private ModelPool.Key leased;
    private LoadedModel loaded;

    /** A session whose model is loaded for it alone and closed with it. */
    ModelSession(ModelRef model, RunSettings settings, RankedServices.Choice choice) {
        this(model, settings, choice, null, null);
    }

    /**
     * A session whose model comes from {@code pool} (null: loaded for it alone).
     *
     * @param weightsSha256 the weights' SHA-256, part of what the pool knows the model by
     */
    ModelSession(ModelRef model, RunSettings settings, RankedServices.Choice choice, ModelPool pool,
            String weightsSha256) {
        this.model = model;
        this.settings = settings;
        this.choice = choice;
        this.pool = pool;
        this.weightsSha256 = weightsSha256;
    }

    /** The model, loading it the first time (one progress unit of {@code monitor}). */
    LoadedModel get(IProgressMonitor monitor) throws InferenceException {
        if (loaded == null) {
            SubMonitor sub = SubMonitor.convert(monitor, "Loading " + model.id(), 1);
            ModelSpec spec = ModelDescriptors.toSpec(model.descriptorFile(), model.descriptor(),
                    settings.options().withDevice(choice.device()));
            if (pool == null) {
                loaded = choice.service().load(spec);
            } else {
                ModelPool.Key key = new ModelPool.Key(weightsSha256, spec, choice.service());
                loaded = pool.lease(key);
                leased = key;
            }
            sub.worked(1);
        }
        return loaded;
    }

    /** Whether the model was loaded. */
    boolean isLoaded() {
        return loaded != null;
    }

    @Override
    public void close() {
        if (leased != null) {
            pool.release(leased);
        } else if (loaded != null) {
            loaded.close();
        }
        leased = null;
        loaded = null;
    }
}
