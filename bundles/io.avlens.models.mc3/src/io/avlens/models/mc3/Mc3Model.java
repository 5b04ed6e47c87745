package io.avlens.models.mc3;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.avlens.models.training.BlockParameters;
import io.avlens.lib.djl.DjlSetup;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A MC3-small network in an engine manager, for training and for reading and writing its weights (inference goes
 * through the inference service, which builds the block from {@link Mc3BlockFactory}). Owns native memory: close
 * it. Not thread-safe.
 */
public final class Mc3Model implements AutoCloseable {

    private final NDManager manager;
    private final Mc3Block block;
    private final ParameterStore store;

    private Mc3Model(NDManager manager, Mc3Block block) {
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
    }

    /** A fresh, randomly initialised network (the engine's random seed decides the weights). */
    public static Mc3Model initialised(Mc3Config config) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        Mc3Block block = new Mc3Block(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2));
        return new Mc3Model(manager, block);
    }

    /** Reads parameters {@link #save} wrote, checking every shape. */
    public void readParameters(InputStream in, String source) throws IOException {
        List<Shape> expected = new ArrayList<>();
        block.getParameters().forEach(p -> expected.add(p.getValue().getArray().getShape()));
        try {
            DataInputStream data = in instanceof DataInputStream d ? d
                    : new DataInputStream(new BufferedInputStream(in));
            block.loadParameters(manager, data);
            int i = 0;
            for (var p : block.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (!shape.equals(expected.get(i++))) {
                    throw new IOException(source + ": parameter " + p.getKey() + " has shape " + shape
                            + ", this version of mc3-small needs " + expected.get(i - 1));
                }
            }
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(source + ": not mc3-small weights (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the parameters (DJL's block format, BatchNorm statistics included). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    public Mc3Block block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public ParameterStore store() {
        return store;
    }

    /** The learned temperature {@code 1 / exp(logit_scale)}. */
    public double temperature() {
        return 1 / Math.exp(block.logitScale().getArray().getFloat(0));
    }

    /** Attaches gradients to every trainable parameter (not to BatchNorm's running statistics). */
    public void requireGradients() {
        BlockParameters.requireGradients(block);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return BlockParameters.trainableCount(block);
    }

    @Override
    public void close() {
        manager.close();
    }
}
