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
 * One model for the length of a run: loaded on first use (never when every clip is in the cache), with its weights
 * checked against their SHA-256, and closed at the end. One thread.
 */
final class ModelSession implements AutoCloseable {

    private final ModelRef model;
    private final RunSettings settings;
    private final RankedServices.Choice choice;
    private LoadedModel loaded;

    ModelSession(ModelRef model, RunSettings settings, RankedServices.Choice choice) {
        this.model = model;
        this.settings = settings;
        this.choice = choice;
    }

    /** The model, loading it the first time (one progress unit of {@code monitor}). */
    LoadedModel get(IProgressMonitor monitor) throws InferenceException {
        if (loaded == null) {
            SubMonitor sub = SubMonitor.convert(monitor, "Loading " + model.id(), 1);
            ModelSpec spec = ModelDescriptors.toSpec(model.descriptorFile(), model.descriptor(),
                    settings.options().withDevice(choice.device()));
            loaded = choice.service().load(spec);
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
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
