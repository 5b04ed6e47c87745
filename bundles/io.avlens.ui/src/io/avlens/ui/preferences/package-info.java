/**
 * Inference settings: the preference page (Window › Preferences › Inference) and a reader with no UI dependency
 * that turns the stored preferences into {@link io.avlens.ui.preferences.InferenceSettings} for the runner.
 */
package io.avlens.ui.preferences;
