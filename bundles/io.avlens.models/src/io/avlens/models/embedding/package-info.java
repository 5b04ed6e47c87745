/**
 * The family-neutral side of clip embeddings: every family's {@code embed} clip task writes a
 * {@link io.avlens.analysis.embedding.ClipEmbedding} per clip; {@link io.avlens.models.embedding.EmbeddingGather}
 * collects a run's clips into one {@link io.avlens.analysis.embedding.EmbeddingTable}, and
 * {@link io.avlens.models.embedding.EmbeddingTableTask} does so as the runner's dataset-level stage of an
 * {@code embed} run, for models of any family.
 */
package io.avlens.models.embedding;
