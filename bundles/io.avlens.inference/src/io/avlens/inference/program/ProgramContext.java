package io.avlens.inference.program;

import java.util.Map;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;

/**
 * What an {@link EngineProgram} can do inside the engine: move tensors in and out, a small set of operations, run
 * a loaded model, and take a gradient. Results are new {@link Handle}s (operands are never changed). Element-wise
 * operations broadcast as NumPy does. Float results are float32. Confined to the thread running the program.
 */
public interface ProgramContext {

    /** The device the program runs on. */
    Device device();

    /** A tensor copied into the engine: float32 or int64 as given. */
    Handle fromTensor(Tensor tensor);

    /** A float tensor copied into the engine. */
    default Handle fromFloatTensor(FloatTensor tensor) {
        return fromTensor(tensor);
    }

    /** Standard normal float32 noise, the same for the same seed and shape on every device and run. */
    Handle randn(long seed, int... shape);

    /** {@code a + b}. */
    Handle add(Handle a, Handle b);

    /** {@code a - b}. */
    Handle sub(Handle a, Handle b);

    /** {@code a * factor}. */
    Handle mul(Handle a, double factor);

    /** {@code a * b}, element by element. */
    Handle mul(Handle a, Handle b);

    /** The matrix product (batched over leading dimensions, as {@code torch.matmul}). */
    Handle matmul(Handle a, Handle b);

    /** The sum of all elements, a scalar. */
    Handle sum(Handle a);

    /**
     * The tensors joined along {@code axis} (their other dimensions equal), e.g. the initial noise of several
     * samples into one batch.
     *
     * @throws IllegalArgumentException when the list is empty or the shapes do not fit
     */
    Handle concat(java.util.List<Handle> parts, int axis);

    /** {@code a} with every element clamped to {@code [min, max]} (e.g. a sampler's x̂₀ to the data range). */
    Handle clip(Handle a, double min, double max);

    /**
     * Runs a loaded model of this engine on named inputs, in the engine (no copy through Java); returns its named
     * outputs as {@link LoadedModel#forward} names them. No batching: the inputs are one batch.
     *
     * @throws InferenceException when the model is not of this engine or on another device, inputs do not match
     *                            its declared inputs, or the model fails
     */
    Map<String, Handle> forward(LoadedModel model, Map<String, Handle> inputs) throws InferenceException;

    /**
     * Runs a model with a single input and returns its first output.
     *
     * @throws InferenceException as {@link #forward(LoadedModel, Map)}, or when the model declares several inputs
     */
    Handle forward(LoadedModel model, Handle input) throws InferenceException;

    /**
     * The gradient of a scalar function with respect to {@code wrt}, a tensor of {@code wrt}'s shape. Autograd is
     * on only while {@code function} runs; inside it, use the {@link Handle} it is given, not {@code wrt}.
     *
     * @throws InferenceException when the function does not return a scalar, or it fails
     */
    Handle gradient(ScalarFunction function, Handle wrt) throws InferenceException;

    /**
     * Runs one step of an iterative program: the handles made inside {@code body} are released when it returns,
     * except the one it returns, which lives on in the enclosing step or program. Keeps a long loop's memory
     * flat.
     *
     * @throws InferenceException when the body fails
     */
    Handle step(Step body) throws InferenceException;

    /**
     * Runs {@code steps} iterations of a sampler-like loop, {@code x <- body(i, x)} for {@code i = 0 ..
     * steps - 1}, each as a {@link #step}, releasing each iteration's input once the next one exists (never
     * {@code start}): memory stays flat however many steps run. Returns the last {@code x}.
     *
     * @throws InferenceException when an iteration fails
     */
    default Handle iterate(Handle start, int steps, Iteration body) throws InferenceException {
        Handle x = start;
        for (int i = 0; i < steps; i++) {
            Handle previous = x;
            int index = i;
            x = step(() -> body.next(index, previous));
            if (previous != start && previous != x) {
                release(previous);
            }
        }
        return x;
    }

    /** Releases a handle's tensor now, before its step or program ends; using the handle afterwards fails. */
    void release(Handle handle);

    /** The values of a handle, copied out as float32 (integers converted). */
    FloatTensor toFloatTensor(Handle handle);

    /** The values of an integer handle, copied out as int64. @throws IllegalArgumentException for a float one */
    LongTensor toLongTensor(Handle handle);

    /** A differentiable scalar function of one tensor, for {@link ProgramContext#gradient}. */
    @FunctionalInterface
    interface ScalarFunction {
        /** The scalar (a handle of one element). */
        Handle apply(Handle x) throws InferenceException;
    }

    /** One iteration of {@link ProgramContext#iterate}. */
    @FunctionalInterface
    interface Iteration {
        /** The next sample from the current one; {@code step} counts from 0. */
        Handle next(int step, Handle x) throws InferenceException;
    }

    /** The body of a {@link ProgramContext#step}. */
    @FunctionalInterface
    interface Step {
        /** The step's result. */
        Handle run() throws InferenceException;
    }
}
