package io.avlens.inference.djl.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
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
import io.avlens.lib.djl.DjlSetup;

/**
 * Inference on CUDA GPUs (and the CPU), ranked 100 so it wins over {@link CpuInferenceService}. Disabled by
 * default: {@link GpuAvailability} enables it only when a CUDA build of libtorch is configured and a GPU is
 * visible, so on other machines it is never registered.
 */
@Component(service = InferenceService.class, enabled = false,
        property = {"service.ranking:Integer=100", CpuInferenceService.DEVICE_PROPERTY + "=cuda"})
public class GpuInferenceService implements InferenceService {

    private final BuiltinFamilies families = new BuiltinFamilies();
    private volatile List<Device> devices = List.of(Device.CPU);

    /** Lists the GPUs the engine sees. */
    @Activate
    void activate() {
        devices = devicesFor(DjlSetup.engine().getGpuCount());
    }

    /** GPUs {@code 0 … gpus-1} first, then the CPU. */
    static List<Device> devicesFor(int gpus) {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            out.add(Device.cuda(i));
        }
        out.add(Device.CPU);
        return List.copyOf(out);
    }

    @Override
    public List<Device> devices() {
        return devices;
    }

    @Override
    public LoadedModel load(ModelSpec spec) throws InferenceException {
        Device device = DeviceSelection.choose(devices(), spec.options().device());
        return DjlModelLoader.load(spec, device, families::get);
    }

    /** A model bundle adds a built-in family. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFamily(BuiltinBlockFactory factory) {
        families.add(factory);
    }

    void removeFamily(BuiltinBlockFactory factory) {
        families.remove(factory);
    }

    @Override
    public String toString() {
        return "DJL PyTorch inference on CUDA " + devices;
    }
}
