/**
 * The DJL PyTorch implementation of {@link io.avlens.inference.InferenceService}: a CPU service always, a GPU
 * service ranked above it when a CUDA build of libtorch is configured and a GPU is present. Model bundles add
 * built-in families by registering {@link io.avlens.inference.djl.BuiltinBlockFactory} services.
 */
package io.avlens.inference.djl;
