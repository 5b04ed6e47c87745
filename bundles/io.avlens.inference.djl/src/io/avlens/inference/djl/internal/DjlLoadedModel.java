package io.avlens.inference.djl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.avlens.core.tensor.FloatTensor;
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
        if (closed.get()) {
            throw new InferenceException(spec.id() + ": the model was closed");
        }
        return BatchedForward.run(spec, inputs, this::runBatch);
    }

    /** Live native arrays held by the model's manager outside any call; for the leak test. */
    int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    private Map<String, FloatTensor> runBatch(Map<String, FloatTensor> batch) throws InferenceException {
        NDManager manager = model.getNDManager().newSubManager();
        try (GradMode.Scope off = GradMode.off()) { // no autograd graph for inference, on any thread
            NDList in = new NDList(batch.size());
            for (FloatTensor t : batch.values()) {
                in.add(manager.create(t.asReadOnlyBuffer(), shape(t), DataType.FLOAT32));
            }
            NDList out = block.forward(new ParameterStore(manager, false), in, false);
            return outputs(out);
        } catch (RuntimeException e) {
            throw new InferenceException(spec.id() + ": the model failed on inputs " + shapes(batch) + ": "
                    + e.getMessage(), e);
        } finally {
            manager.close();
        }
    }

    private Map<String, FloatTensor> outputs(NDList out) throws InferenceException {
        Map<String, FloatTensor> byName = new LinkedHashMap<>();
        boolean named = !out.isEmpty() && out.stream().allMatch(a -> a.getName() != null && !a.getName().isEmpty());
        for (int i = 0; i < out.size(); i++) {
            NDArray a = out.get(i);
            byName.put(named ? a.getName() : spec.outputName(i), tensor(a));
        }
        if (!named || spec.outputs().isEmpty()) {
            return byName;
        }
        // a dict output: return the declared outputs, in the declared order
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        for (TensorSpec t : spec.outputs()) {
            FloatTensor v = byName.get(t.name());
            if (v == null) {
                throw new InferenceException(spec.id() + ": the model returned " + byName.keySet()
                        + " but not the declared output '" + t.name() + "'");
            }
            ordered.put(t.name(), v);
        }
        return ordered;
    }

    private static FloatTensor tensor(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        long[] s = f.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return FloatTensor.wrap(shape, f.toFloatArray());
    }

    private static Shape shape(FloatTensor t) {
        return new Shape(Arrays.stream(t.shape()).asLongStream().toArray());
    }

    private static List<String> shapes(Map<String, FloatTensor> batch) {
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
