/**
 * Programs that run inside the inference engine: an iterative sampler, the gradient of a model's output with
 * respect to its input, a training step. A family writes an {@link io.avlens.inference.program.EngineProgram}
 * against the engine-neutral {@link io.avlens.inference.program.ProgramContext}; its tensors stay in the engine as
 * opaque {@link io.avlens.inference.program.Handle}s between steps and only what the program asks for comes back
 * as a {@link io.avlens.core.tensor.Tensor}. A {@link io.avlens.inference.program.ProgramEngine} service runs it.
 */
package io.avlens.inference.program;
