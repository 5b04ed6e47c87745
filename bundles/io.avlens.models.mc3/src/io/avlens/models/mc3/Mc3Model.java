package io.avlens.models.mc3;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.training.TrainableModel;

/**
 * A MC3-small network in an engine manager, for training and for reading and writing its weights (inference goes
 * through the inference service, which builds the block from {@link Mc3BlockFactory}). Owns native memory: close
 * it. Not thread-safe.
 */
public final class Mc3Model extends TrainableModel<Mc3Block> {

    private Mc3Model(NDManager manager, Mc3Block block) {
        super(manager, block, "mc3-small");
    }

    /** A fresh, randomly initialised network (the engine's random seed decides the weights). */
    public static Mc3Model initialised(Mc3Config config) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        Mc3Block block = new Mc3Block(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2));
        return new Mc3Model(manager, block);
    }

    /** The learned temperature {@code 1 / exp(logit_scale)}. */
    public double temperature() {
        return 1 / Math.exp(block().logitScale().getArray().getFloat(0));
    }
}
