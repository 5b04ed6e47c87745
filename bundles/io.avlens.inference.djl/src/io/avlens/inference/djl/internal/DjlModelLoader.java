package io.avlens.inference.djl.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import io.avlens.lib.djl.DjlSetup;

/**
 * Loads a {@link ModelSpec} into a DJL {@link Model} on a device. A built-in family's parameter file may be a DJL
 * model file ({@code Model.save}: {@value #HEADER_TEXT} header) or bare block parameters ({@code Block.saveParameters},
 * what a family's trainer writes); the first bytes tell which. Stateless.
 */
final class DjlModelLoader {

    private static final String HEADER_TEXT = "DJL@";
    private static final byte[] MODEL_HEADER = HEADER_TEXT.getBytes(StandardCharsets.US_ASCII);

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
            TorchScriptLoading.load(model, file);
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
        BlockSpec part = new BlockSpec(b.role(), spec.inputs(), spec.outputs(), b.notes());
        Block block;
        try {
            block = factory.newBlock(part);
        } catch (IllegalArgumentException e) {
            throw new InferenceException(spec.id() + ": family '" + b.family() + "' " + (b.role() == null
                    ? "cannot build this model: " + e.getMessage()
                    : "has no part '" + b.role() + "' (" + e.getMessage() + ")"), e);
        }
        model.setBlock(block);
        if (b.parameters() == null) {
            block.initialize(model.getNDManager(), DataType.FLOAT32, factory.inputShapes(part));
            return;
        }
        Path params = b.parameters().toAbsolutePath();
        if (!Files.isRegularFile(params)) {
            throw new InferenceException(params + ": no such parameter file (model " + spec.id() + ")");
        }
        if (hasModelHeader(params)) {
            loadModelFile(model, params, b);
        } else {
            loadBlockParameters(model, spec, block, factory.inputShapes(part), params, b);
        }
    }

    /** Whether the file starts with DJL's model header ({@code Model.save}); else it is bare block parameters. */
    private static boolean hasModelHeader(Path params) throws InferenceException {
        try (InputStream in = Files.newInputStream(params)) {
            return Arrays.equals(in.readNBytes(MODEL_HEADER.length), MODEL_HEADER);
        } catch (IOException e) {
            throw new InferenceException(params + ": cannot read the parameter file: " + e.getMessage(), e);
        }
    }

    /** A file {@code Model.save} wrote: header, then the block's parameters. */
    private static void loadModelFile(Model model, Path params, ModelSpec.Builtin b) throws InferenceException {
        // DJL finds "<prefix>.params" or the newest "<prefix>-NNNN.params" in the folder
        String prefix = params.getFileName().toString().replaceFirst("(-\\d{4})?\\.params$", "");
        try {
            model.load(params.getParent(), prefix);
        } catch (IOException | MalformedModelException | EngineException | IllegalArgumentException e) {
            throw new InferenceException(params + ": cannot load parameters of family " + b.family() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A file {@code Block.saveParameters} wrote (what a family's own trainer saves, e.g. CAVP-small's): the block is
     * initialised at the factory's input shapes, then every parameter is read over it. The file must hold exactly
     * the parameters of this block: same shapes, nothing left over, so weights of another version or family fail
     * here instead of giving wrong outputs later.
     */
    private static void loadBlockParameters(Model model, ModelSpec spec, Block block, Shape[] inputShapes,
            Path params, ModelSpec.Builtin b) throws InferenceException {
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
        List<Shape> expected = new ArrayList<>();
        block.getParameters().forEach(p -> expected.add(p.getValue().getArray().getShape()));
        String problem;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            block.loadParameters(model.getNDManager(), in);
            problem = in.read() >= 0 ? "the file goes on after the parameters of this family" : null;
        } catch (IOException | MalformedModelException | EngineException | IllegalArgumentException
                | IllegalStateException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            int i = 0;
            for (var p : block.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (!shape.equals(expected.get(i++))) {
                    problem = "parameter " + p.getKey() + " has shape " + shape + ", the family needs "
                            + expected.get(i - 1);
                    break;
                }
            }
        }
        if (problem != null) {
            throw new InferenceException(params + ": not parameters of built-in family " + b.family() + " ("
                    + problem + ")");
        }
    }
}
