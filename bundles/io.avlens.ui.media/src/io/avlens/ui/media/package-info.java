/**
 * Media views of an open clip: the Video view (frame at the cursor, playback with sound, frame stepping, loop) and
 * the Timeline view (waveform, log-mel spectrogram, markers, bookmarks, zoom and pan). Both follow the shared
 * {@link io.avlens.ui.context.AnalysisContext}.
 */
package io.avlens.ui.media;
