/** Tensors ({@link io.avlens.core.tensor.FloatTensor}) and NumPy {@code .npy} input and output. */
package io.avlens.core.tensor;
