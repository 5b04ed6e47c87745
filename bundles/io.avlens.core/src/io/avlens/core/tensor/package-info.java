/** Tensors ({@link io.avlens.core.tensor.FloatTensor}, {@link io.avlens.core.tensor.LongTensor}) and NumPy {@code .npy} input and output. */
package io.avlens.core.tensor;
