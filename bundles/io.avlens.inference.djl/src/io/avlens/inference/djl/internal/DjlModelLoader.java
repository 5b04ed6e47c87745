package io.avlens.inference.djl.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import io.avlens.lib.djl.DjlSetup;

/** Loads a {@link ModelSpec} into a DJL {@link Model} on a device. Stateless. */
final class DjlModelLoader {

    private DjlModelLoader() {
    }

    static LoadedModel load(ModelSpec spec, Device device, Function<String, BuiltinBlockFactory> families)
            throws InferenceException {
        DjlSetup.engine();
        if (spec.options().threads() > 0) {
            JniUtils.setNumThreads(spec.options().threads());
        }
        ai.djl.Device target = device.isGpu() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
        Model model = DjlSetup.withBundleLoader(() -> Model.newInstance(spec.id(), target, DjlSetup.ENGINE_NAME));
        try {
            switch (spec.source()) {
                case ModelSpec.TorchScript ts -> loadTorchScript(model, spec, ts.file());
                case ModelSpec.Builtin b -> loadBuiltin(model, spec, b, families.apply(b.family()));
            }
            return new DjlLoadedModel(spec, device, model);
        } catch (InferenceException | RuntimeException e) {
            model.close();
            throw e instanceof InferenceException ie ? ie
                    : new InferenceException(spec.id() + ": cannot load the model: " + e.getMessage(), e);
        }
    }

    private static void loadTorchScript(Model model, ModelSpec spec, Path file) throws InferenceException {
        if (!Files.isRegularFile(file)) {
            throw new InferenceException(file + ": no such TorchScript file (model " + spec.id() + ")");
        }
        try {
            // mapLocation: a file saved from a GPU loads on the CPU and the other way round
            model.load(file.toAbsolutePath(), null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | EngineException e) {
            throw new InferenceException(file + ": not a TorchScript model libtorch 2.7.1 can load: "
                    + e.getMessage(), e);
        }
    }

    private static void loadBuiltin(Model model, ModelSpec spec, ModelSpec.Builtin b, BuiltinBlockFactory factory)
            throws InferenceException {
        if (factory == null) {
            throw new InferenceException(spec.id() + ": no built-in model family '" + b.family()
                    + "' is installed");
        }
        Block block = factory.newBlock();
        model.setBlock(block);
        if (b.parameters() == null) {
            block.initialize(model.getNDManager(), DataType.FLOAT32, factory.inputShapes());
            return;
        }
        Path params = b.parameters().toAbsolutePath();
        if (!Files.isRegularFile(params)) {
            throw new InferenceException(params + ": no such parameter file (model " + spec.id() + ")");
        }
        // DJL finds "<prefix>.params" or the newest "<prefix>-NNNN.params" in the folder
        String prefix = params.getFileName().toString().replaceFirst("(-\\d{4})?\\.params$", "");
        try {
            model.load(params.getParent(), prefix);
        } catch (IOException | MalformedModelException | EngineException | IllegalArgumentException e) {
            throw new InferenceException(params + ": cannot load parameters of family " + b.family() + ": "
                    + e.getMessage(), e);
        }
    }
}
