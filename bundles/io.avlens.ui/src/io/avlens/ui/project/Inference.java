package io.avlens.ui.project;

import java.io.IOException;

import io.avlens.models.BuiltinModels;
import io.avlens.runner.RunSettings;
import io.avlens.ui.preferences.InferencePreferences;
import io.avlens.ui.preferences.InferenceSettings;

/**
 * How the workbench runs models: the runner's settings from the Inference preference page, and the shipped models
 * put into the models folder before a model is looked up there (the command line does the same for its commands).
 */
public final class Inference {

    private Inference() {
    }

    /** The runner settings of the preference page, with the models in {@code $AVLENS_DATA/models}. */
    public static RunSettings settings() {
        InferenceSettings s = InferencePreferences.read();
        return new RunSettings(s.device(), s.threads(), s.batchSize(), s.memoryBudget(), s.cacheFolder(),
                RunSettings.dataFolder().resolve("models"));
    }

    /**
     * Makes sure the shipped models are in the settings' models folder (cheap when they already are: their
     * SHA-256 is compared, nothing is copied).
     *
     * @param builtins the {@link BuiltinModels} service, or null when it is not installed (nothing to do)
     * @throws IOException naming the file that could not be written
     */
    public static void installBuiltins(BuiltinModels builtins, RunSettings settings) throws IOException {
        if (builtins != null && settings.modelsFolder() != null) {
            builtins.install(settings.modelsFolder());
        }
    }
}
