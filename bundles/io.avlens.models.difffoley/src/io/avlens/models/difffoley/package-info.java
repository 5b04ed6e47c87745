/**
 * Diff-Foley-small: video-to-audio generation with double guidance (methods.md §4). The frozen CAVP-small video
 * encoder gives the condition; a denoiser over the log-mel spectrogram, an alignment classifier that steers sampling,
 * and the samplers (DPM-Solver++(2M), DDIM) that run inside the engine; Griffin-Lim makes the waveform.
 */
package io.avlens.models.difffoley;
