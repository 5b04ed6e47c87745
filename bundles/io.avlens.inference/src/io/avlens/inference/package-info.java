/**
 * The shared inference service, free of DJL types: {@link io.avlens.inference.InferenceService} lists devices
 * and loads models described by a {@link io.avlens.inference.ModelSpec}; a
 * {@link io.avlens.inference.LoadedModel} maps named {@link io.avlens.core.tensor.FloatTensor} inputs to named
 * outputs, in batches along dimension 0 and within a memory budget. Implementations (CPU, GPU) are OSGi services
 * ranked by {@code service.ranking}, the best device first.
 */
package io.avlens.inference;
