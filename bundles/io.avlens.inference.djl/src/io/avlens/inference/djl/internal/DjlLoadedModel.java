package io.avlens.inference.djl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;
import io.avlens.lib.djl.GradMode;
import io.avlens.inference.BatchedForward;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;

/**
 * A model on a DJL PyTorch device. Every batch runs in its own {@link NDManager}, a child of the model's, closed
 * in {@code finally}: the native tensors of a call (inputs, outputs and whatever the engine attached to them) are
 * freed before the call returns, whatever happens, instead of waiting for the garbage collector.
 */
final class DjlLoadedModel implements LoadedModel {

    private final ModelSpec spec;
    private final Device device;
    private final Model model;
    private final Block block;
    private final AtomicBoolean closed = new AtomicBoolean();

    DjlLoadedModel(ModelSpec spec, Device device, Model model) {
        this.spec = spec;
        this.device = device;
        this.model = model;
        this.block = model.getBlock();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Map<String, FloatTensor> forward(Map<String, FloatTensor> inputs) throws InferenceException {
        checkOpen();
        return BatchedForward.run(spec, inputs, batch -> runBatch(batch, DjlLoadedModel::floatTensor));
    }

    @Override
    public Map<String, Tensor> forwardTensors(Map<String, ? extends Tensor> inputs) throws InferenceException {
        checkOpen();
        Map<String, Tensor> in = inputs == null ? null : new LinkedHashMap<>(inputs);
        return BatchedForward.run(spec, in, batch -> runBatch(batch, DjlLoadedModel::tensor));
    }

    /**
     * Runs the network on arrays already in the engine (for programs): no checks, no batching, autograd as the
     * thread has it. The outputs are named as {@link #forward} names them.
     */
    Map<String, NDArray> forwardArrays(NDManager manager, NDList in) throws InferenceException {
        checkOpen();
        if (block instanceof PtSymbolBlock script) {
            // DJL runs TorchScript in libtorch's inference mode unless "training", whose outputs no gradient can
            // pass through, and its training forward switches the shared module to train mode (batch
            // statistics, dropout); this runs it as it is (eval), with autograd as the thread has it
            return named(IValueUtils.forward(script, in, true));
        }
        return named(block.forward(new ParameterStore(manager, false), in, false));
    }

    /** The DJL device the weights are on. */
    ai.djl.Device djlDevice() {
        return model.getNDManager().getDevice();
    }

    private void checkOpen() throws InferenceException {
        if (closed.get()) {
            throw new InferenceException(spec.id() + ": the model was closed");
        }
    }

    /** Live native arrays held by the model's manager outside any call; for the leak test. */
    int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    private <T extends Tensor> Map<String, T> runBatch(Map<String, T> batch, Function<NDArray, T> convert)
            throws InferenceException {
        NDManager manager = model.getNDManager().newSubManager();
        try (GradMode.Scope off = GradMode.off()) { // no autograd graph for inference, on any thread
            NDList in = new NDList(batch.size());
            for (Tensor t : batch.values()) {
                in.add(array(manager, t));
            }
            NDList out = block.forward(new ParameterStore(manager, false), in, false);
            Map<String, T> result = new LinkedHashMap<>();
            named(out).forEach((name, a) -> result.put(name, convert.apply(a)));
            return result;
        } catch (RuntimeException e) {
            throw new InferenceException(spec.id() + ": the model failed on inputs " + shapes(batch) + ": "
                    + e.getMessage(), e);
        } finally {
            manager.close();
        }
    }

    private Map<String, NDArray> named(NDList out) throws InferenceException {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        boolean named = !out.isEmpty() && out.stream().allMatch(a -> a.getName() != null && !a.getName().isEmpty());
        for (int i = 0; i < out.size(); i++) {
            NDArray a = out.get(i);
            byName.put(named ? a.getName() : spec.outputName(i), a);
        }
        if (!named || spec.outputs().isEmpty()) {
            return byName;
        }
        // a dict output: return the declared outputs, in the declared order
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        for (TensorSpec t : spec.outputs()) {
            NDArray v = byName.get(t.name());
            if (v == null) {
                throw new InferenceException(spec.id() + ": the model returned " + byName.keySet()
                        + " but not the declared output '" + t.name() + "'");
            }
            ordered.put(t.name(), v);
        }
        return ordered;
    }

    /** A tensor copied into {@code manager}: float32 or int64 as it is. */
    static NDArray array(NDManager manager, Tensor t) {
        Shape shape = new Shape(Arrays.stream(t.shape()).asLongStream().toArray());
        return switch (t) {
            case FloatTensor f -> manager.create(f.asReadOnlyBuffer(), shape, DataType.FLOAT32);
            case LongTensor l -> manager.create(l.asReadOnlyBuffer(), shape, DataType.INT64);
        };
    }

    /** An array copied out, keeping integers as int64 and everything else as float32. */
    static Tensor tensor(NDArray a) {
        return a.getDataType().isInteger() ? longTensor(a) : floatTensor(a);
    }

    /** An array copied out as float32. */
    static FloatTensor floatTensor(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        return FloatTensor.wrap(intShape(f), f.toFloatArray());
    }

    /** An integer array copied out as int64. */
    static LongTensor longTensor(NDArray a) {
        NDArray l = a.getDataType() == DataType.INT64 ? a : a.toType(DataType.INT64, false);
        return LongTensor.wrap(intShape(l), l.toLongArray());
    }

    static int[] intShape(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return shape;
    }

    private static List<String> shapes(Map<String, ? extends Tensor> batch) {
        List<String> s = new ArrayList<>();
        batch.forEach((k, v) -> s.add(k + Arrays.toString(v.shape())));
        return s;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    @Override
    public String toString() {
        return "LoadedModel[" + spec.id() + " on " + device + "]";
    }
}
