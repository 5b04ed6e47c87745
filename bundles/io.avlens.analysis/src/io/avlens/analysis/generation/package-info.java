/**
 * Generated sound, family-neutral: the settings a sample was generated with ({@link
 * io.avlens.analysis.generation.GuidanceSettings}), the files a generator writes per sample ({@link
 * io.avlens.analysis.generation.GeneratedSample}: WAV, mel, muxed video, a JSON record written last) and the metrics
 * that judge generated sound against a clip's ground truth.
 */
package io.avlens.analysis.generation;
