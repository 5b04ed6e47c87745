package io.avlens.inference.djl.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.inference.Device;
import io.avlens.inference.DeviceSelection;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;

/**
 * Inference on the CPU with DJL PyTorch: always there, ranked 0 so that a GPU service wins when one is
 * registered. Delayed: libtorch loads on the first {@link #load}, not when AV Lens starts.
 */
@Component(service = InferenceService.class,
        property = {"service.ranking:Integer=0", CpuInferenceService.DEVICE_PROPERTY + "=cpu"})
public class CpuInferenceService implements InferenceService {

    /** Service property naming the device family of an inference service: {@code cpu} or {@code cuda}. */
    public static final String DEVICE_PROPERTY = "avlens.inference.device";

    private final BuiltinFamilies families = new BuiltinFamilies();

    @Override
    public List<Device> devices() {
        return List.of(Device.CPU);
    }

    @Override
    public LoadedModel load(ModelSpec spec) throws InferenceException {
        Device device = DeviceSelection.choose(devices(), spec.options().device());
        return DjlModelLoader.load(spec, device, families::get);
    }

    /** A model bundle adds a built-in family. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addFamily(BuiltinBlockFactory factory) {
        families.add(factory);
    }

    /** A model bundle's family goes away. */
    public void removeFamily(BuiltinBlockFactory factory) {
        families.remove(factory);
    }

    @Override
    public String toString() {
        return "DJL PyTorch inference on the CPU";
    }
}
