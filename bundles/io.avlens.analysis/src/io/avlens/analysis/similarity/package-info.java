/**
 * CAVP similarity volumes (audio time × video time cosine similarity of unpooled features), the audio-visual sync
 * offset they show, temporal retrieval within a clip, and their files. No UI, no inference: views and the command
 * line share these computations.
 */
package io.avlens.analysis.similarity;
