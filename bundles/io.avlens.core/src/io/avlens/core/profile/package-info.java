/**
 * Preprocessing profiles: the exact frames, audio and mel spectrogram a model expects (methods.md §0). The media
 * layer produces exactly a profile; the runner refuses input that does not match instead of guessing.
 */
package io.avlens.core.profile;
