package io.avlens.models.denseav;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.training.TrainableModel;

/**
 * A DenseAV-small network in an engine manager, for training and for reading and writing its weights (inference goes
 * through the inference service, which builds the block from {@link DenseAvBlockFactory}). Owns native memory: close
 * it. Not thread-safe.
 */
public final class DenseAvModel extends TrainableModel<DenseAvBlock> {

    private DenseAvModel(NDManager manager, DenseAvBlock block) {
        super(manager, block, "denseav-small");
    }

    /** A fresh, randomly initialised network (the engine's random seed decides the weights). */
    public static DenseAvModel initialised(DenseAvConfig config) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        DenseAvBlock block = new DenseAvBlock(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2, config.windowMelFrames()));
        return new DenseAvModel(manager, block);
    }

    /** The learned temperature {@code 1 / exp(logit_scale)}. */
    public double temperature() {
        return 1 / Math.exp(block().logitScale().getArray().getFloat(0));
    }
}
