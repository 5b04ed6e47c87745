package io.avlens.runner.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;

/** The real CPU inference service, counting the models it loads and the ones closed again. */
final class CountingInference implements InferenceService {

    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private final InferenceService real;

    CountingInference() throws Exception {
        real = Rig.inference();
    }

    @Override
    public List<Device> devices() {
        return real.devices();
    }

    @Override
    public LoadedModel load(ModelSpec spec) throws InferenceException {
        LoadedModel model = real.load(spec);
        loads.incrementAndGet();
        return new LoadedModel() {
            @Override
            public ModelSpec spec() {
                return model.spec();
            }

            @Override
            public Device device() {
                return model.device();
            }

            @Override
            public Map<String, FloatTensor> forward(Map<String, FloatTensor> inputs) throws InferenceException {
                return model.forward(inputs);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
                model.close();
            }
        };
    }
}
