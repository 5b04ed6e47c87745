package io.avlens.inference.djl.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.program.Handle;
import io.avlens.inference.program.ProgramContext;
import io.avlens.lib.djl.GradMode;

/**
 * A {@link ProgramContext} over DJL NDArrays. Every array a program makes lives in the program's own manager,
 * which {@link DjlProgramEngine} closes when the program ends; an open {@link #step} also lists the arrays made in
 * it and closes them, all but its result, when it returns (a list, not a sub-manager per step: creating managers
 * and moving arrays between them cost more than the small models' forward calls). Not thread-safe: one program,
 * one thread.
 */
final class DjlProgramContext implements ProgramContext, AutoCloseable {

    private final Device device;
    private final ai.djl.Device djlDevice;
    private final NDManager root;
    /** The arrays made in each open step, innermost first. */
    private final Deque<List<NDArray>> steps = new ArrayDeque<>();

    /** A handle: an array and the program it belongs to. */
    private record DjlHandle(NDArray array, DjlProgramContext owner) implements Handle {
        @Override
        public int[] shape() {
            return DjlLoadedModel.intShape(array);
        }

        @Override
        public String toString() {
            return array.isReleased() ? "a released handle" : "a handle of shape " + array.getShape();
        }
    }

    DjlProgramContext(Device device, NDManager root) {
        this.device = device;
        this.djlDevice = root.getDevice();
        this.root = root;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Handle fromTensor(Tensor tensor) {
        return wrap(DjlLoadedModel.array(root, tensor));
    }

    @Override
    public Handle randn(long seed, int... shape) {
        // drawn in Java, not by libtorch's global generator: reproducible whatever else runs in the process
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return fromTensor(FloatTensor.wrap(shape, values));
    }

    @Override
    public Handle add(Handle a, Handle b) {
        return wrap(array(a).add(array(b)));
    }

    @Override
    public Handle sub(Handle a, Handle b) {
        return wrap(array(a).sub(array(b)));
    }

    @Override
    public Handle mul(Handle a, double factor) {
        return wrap(array(a).mul((float) factor));
    }

    @Override
    public Handle clip(Handle a, double min, double max) {
        return wrap(array(a).clip((float) min, (float) max));
    }

    @Override
    public Handle mul(Handle a, Handle b) {
        return wrap(array(a).mul(array(b)));
    }

    @Override
    public Handle matmul(Handle a, Handle b) {
        return wrap(array(a).matMul(array(b)));
    }

    @Override
    public Handle sum(Handle a) {
        return wrap(array(a).sum());
    }

    @Override
    public Handle concat(List<Handle> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        if (parts.size() == 1) {
            return wrap(array(parts.get(0)).duplicate());
        }
        NDList arrays = new NDList(parts.size());
        parts.forEach(h -> arrays.add(array(h)));
        try {
            return wrap(ai.djl.ndarray.NDArrays.concat(arrays, axis));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot concatenate shapes " + parts.stream()
                    .map(h -> Arrays.toString(h.shape())).toList() + " along axis " + axis + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Handle> forward(LoadedModel model, Map<String, Handle> inputs) throws InferenceException {
        if (!(model instanceof DjlLoadedModel djl)) {
            throw new InferenceException(model.spec().id() + ": a program can run only models of its own engine"
                    + " (DJL PyTorch), not " + model);
        }
        if (!djl.djlDevice().equals(djlDevice)) {
            throw new InferenceException(model.spec().id() + ": the model is on " + model.device()
                    + " but the program runs on " + device);
        }
        NDList in = new NDList(inputs.size());
        if (model.spec().inputs().isEmpty()) {
            inputs.values().forEach(h -> in.add(array(h)));
        } else {
            Map<String, Integer> bindings = new HashMap<>();
            for (TensorSpec t : model.spec().inputs()) {
                Handle h = inputs.get(t.name());
                if (h == null) {
                    throw new InferenceException(model.spec().id() + ": input '" + t.name() + "' is missing; the"
                            + " model takes " + model.spec().inputs() + ", got " + inputs.keySet());
                }
                String problem = t.shape().bind(h.shape(), bindings);
                if (problem != null) {
                    throw new InferenceException(model.spec().id() + ": input '" + t.name() + "' " + problem);
                }
                in.add(array(h));
            }
        }
        try {
            Map<String, Handle> out = new LinkedHashMap<>();
            for (var e : djl.forwardArrays(root, in).entrySet()) {
                out.put(e.getKey(), wrap(e.getValue()));
            }
            return out;
        } catch (RuntimeException e) {
            throw new InferenceException(model.spec().id() + ": the model failed in a program: " + e.getMessage(), e);
        }
    }

    @Override
    public Handle forward(LoadedModel model, Handle input) throws InferenceException {
        var declared = model.spec().inputs();
        if (declared.size() > 1) {
            throw new InferenceException(model.spec().id() + ": the model takes " + declared
                    + "; name its inputs");
        }
        String name = declared.isEmpty() ? "input" : declared.get(0).name();
        return forward(model, Map.of(name, input)).values().iterator().next();
    }

    @Override
    public Handle gradient(ScalarFunction function, Handle wrt) throws InferenceException {
        NDArray leaf = array(wrt).duplicate(); // a fresh leaf, whatever made wrt
        Handle x = wrap(leaf);
        NDArray grad;
        try (GradMode.Scope on = GradMode.on()) {
            leaf.setRequiresGradient(true);
            NDArray y = array(function.apply(x));
            if (y.size() != 1) {
                throw new InferenceException("a gradient needs a scalar function, but it returned shape "
                        + y.getShape());
            }
            GradMode.backward(y);
            try (NDArray raw = leaf.getGradient()) {
                grad = raw.duplicate(); // detached from the leaf, which is released with its step
            }
        } catch (RuntimeException e) {
            throw new InferenceException("the gradient failed: " + e.getMessage(), e);
        }
        return wrap(grad);
    }

    @Override
    public Handle step(Step body) throws InferenceException {
        List<NDArray> made = new ArrayList<>();
        steps.push(made);
        NDArray result = null;
        try {
            result = array(body.run());
        } finally {
            steps.pop();
            for (NDArray a : made) {
                if (a != result) {
                    a.close();
                }
            }
        }
        if (!steps.isEmpty()) {
            steps.peek().add(result);
        }
        return new DjlHandle(result, this);
    }

    @Override
    public void release(Handle handle) {
        array(handle).close();
    }

    @Override
    public FloatTensor toFloatTensor(Handle handle) {
        return DjlLoadedModel.floatTensor(array(handle));
    }

    @Override
    public LongTensor toLongTensor(Handle handle) {
        NDArray a = array(handle);
        if (!a.getDataType().isInteger()) {
            throw new IllegalArgumentException("the handle holds " + a.getDataType() + ", not integers");
        }
        return DjlLoadedModel.longTensor(a);
    }

    /** Arrays alive in the program now (all steps); for the leak tests. */
    int liveArrays() {
        return root.getManagedArrays().size();
    }

    /** Whether the program's arrays have been released. */
    boolean isClosed() {
        return !root.isOpen();
    }

    @Override
    public void close() {
        root.close();
    }

    private Handle wrap(NDArray a) {
        if (a.getManager() != root) {
            a.attach(root);
        }
        if (!steps.isEmpty()) {
            steps.peek().add(a);
        }
        return new DjlHandle(a, this);
    }

    private NDArray array(Handle h) {
        if (!(h instanceof DjlHandle d) || d.owner != this) {
            throw new IllegalArgumentException((h == null ? "a null handle" : h + " from another program")
                    + " was given to this one");
        }
        if (d.array.isReleased()) {
            throw new IllegalStateException("a handle was used after it was released: it was made in a step or"
                    + " program that has ended, or released");
        }
        return d.array;
    }
}
