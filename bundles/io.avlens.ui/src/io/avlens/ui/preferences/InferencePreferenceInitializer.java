package io.avlens.ui.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;

import io.avlens.runner.RunSettings;

/**
 * Puts the inference defaults ({@link InferencePreferences#defaults}) into the default scope of the
 * {@value InferencePreferences#NODE} node. Equinox runs an initializer extension only for the node named like the
 * contributing bundle, so the preference page also calls this before it reads the defaults; the runner's reader does
 * not need it ({@link InferencePreferences#read()} falls back to the same defaults).
 */
public final class InferencePreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        InferencePreferences.applyDefaults(InferencePreferences.defaults(RunSettings.dataFolder()));
    }
}
