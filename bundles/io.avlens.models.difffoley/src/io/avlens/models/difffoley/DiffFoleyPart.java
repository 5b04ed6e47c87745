package io.avlens.models.difffoley;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.training.TrainableModel;

/**
 * One trainable network of Diff-Foley-small (the denoiser or the alignment classifier) in an engine manager, for
 * training and for writing its weights; inference loads the same block through the inference service
 * ({@link DiffFoleyBlockFactory}). Owns native memory: close it. Not thread-safe.
 *
 * @param <B> the network
 */
final class DiffFoleyPart<B extends Block> extends TrainableModel<B> {

    private DiffFoleyPart(NDManager manager, B block, String name) {
        super(manager, block, name);
    }

    /** A fresh denoiser (the engine's random seed decides the weights). */
    static DiffFoleyPart<DenoiserBlock> denoiser(DiffFoleyConfig config) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        DenoiserBlock block = new DenoiserBlock(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2));
        return new DiffFoleyPart<>(manager, block, DiffFoleyDescriptor.MODEL_ID + " denoiser");
    }

    /** A fresh alignment classifier. */
    static DiffFoleyPart<AlignmentClassifierBlock> classifier(DiffFoleyConfig config) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        AlignmentClassifierBlock block = new AlignmentClassifierBlock(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2));
        return new DiffFoleyPart<>(manager, block, DiffFoleyDescriptor.MODEL_ID + " classifier");
    }
}
