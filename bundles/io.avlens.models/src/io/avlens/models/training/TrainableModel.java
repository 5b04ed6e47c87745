package io.avlens.models.training;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A family's network in an engine manager, for training and for reading and writing its weights (inference goes
 * through the inference service, which builds the block from the family's block factory): what every trainable
 * family shares, so a family's model class only says how its block is built. Owns native memory: close it. Not
 * thread-safe.
 *
 * @param <B> the family's block
 */
public abstract class TrainableModel<B extends Block> implements AutoCloseable {

    private final NDManager manager;
    private final B block;
    private final ParameterStore store;
    private final String modelName;

    /**
     * @param manager   owns the block's parameters (closed with this model)
     * @param block     initialised in {@code manager}
     * @param modelName the model as messages name it, e.g. {@code mc3-small}
     */
    protected TrainableModel(NDManager manager, B block, String modelName) {
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.modelName = modelName;
    }

    /** Reads parameters {@link #save} wrote, checking every shape against this network's. */
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
                            + ", this version of " + modelName + " needs " + expected.get(i - 1));
                }
            }
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(source + ": not " + modelName + " weights (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the parameters (DJL's block format, BatchNorm statistics included). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /** Writes a training checkpoint: the parameters, then the optimiser's state. */
    public void saveCheckpoint(DataOutputStream out, Adam adam) throws IOException {
        save(out);
        adam.save(out);
    }

    /** Reads what {@link #saveCheckpoint} wrote and attaches gradients again, so training resumes exactly. */
    public void loadCheckpoint(DataInputStream in, String source, Adam adam) throws IOException {
        readParameters(in, source);
        adam.load(in, manager, source);
        requireGradients();
    }

    public B block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public ParameterStore store() {
        return store;
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
