/**
 * A dataset's embeddings in one shared space: N items (clips), each with one vector per modality (e.g. MC3's audio,
 * video and text; CAVP's audio and video), with what the project knows about each item. Written by
 * {@code avlens embed}, read by the explorer, the retrieval inspector, the search engine and the metrics. Plain
 * Java: no OSGi, no UI types.
 *
 * <pre>
 * E/embeddings.npy    float32 [N, M, D], row i = item i, modality m in the order of "modalities"
 * E/embeddings.json   {"format": 1, "model", "modalities": [..], "dimension", "count", ...}
 * E/items.csv         id, media, split, narration, then one column per label (header names them)
 * </pre>
 */
package io.avlens.analysis.embedding;
