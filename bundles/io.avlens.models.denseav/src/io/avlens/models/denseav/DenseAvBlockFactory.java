package io.avlens.models.denseav;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Registers DenseAV-small as the built-in family {@value #FAMILY}, so a descriptor with {@code "source": "builtin",
 * "family": "denseav"} loads it through the inference service like any other model. Stateless.
 */
@Component(service = BuiltinBlockFactory.class)
public final class DenseAvBlockFactory implements BuiltinBlockFactory {

    /** The family id in descriptors, checkpoints and {@code --family}. */
    public static final String FAMILY = "denseav";

    private final DenseAvConfig config;

    /** DenseAV-small ({@link DenseAvConfig#small()}), for DS. */
    public DenseAvBlockFactory() {
        this(DenseAvConfig.small());
    }

    /** Other sizes (tests). */
    public DenseAvBlockFactory(DenseAvConfig config) {
        this.config = config;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Block newBlock() {
        return new DenseAvBlock(config);
    }

    @Override
    public Shape[] inputShapes() {
        return new DenseAvBlock(config).inputShapes(1, config.windowMelFrames());
    }

    /**
     * The block for a descriptor's inputs, outputs and notes: image channels from {@code frames}, heads and channels
     * per head from {@code image}, the hidden width from the notes ({@link DenseAvDescriptor#sizes}).
     */
    @Override
    public Block newBlock(BlockSpec spec) {
        return new DenseAvBlock(DenseAvDescriptor.sizes(config, spec.inputs(), spec.outputs(), spec.notes()));
    }

    /** The input shapes for a descriptor's inputs: as many image channels as its {@code frames} input has. */
    @Override
    public Shape[] inputShapes(BlockSpec spec) {
        DenseAvConfig c = config(spec.inputs());
        return new DenseAvBlock(c).inputShapes(1, c.windowMelFrames());
    }

    /**
     * This factory's sizes with the image channels of {@code inputs}' {@code frames} ({@link
     * DenseAvDescriptor#imageChannels(List)}).
     *
     * @throws IllegalArgumentException when the descriptor asks for a channel count the block cannot read
     */
    DenseAvConfig config(List<TensorSpec> inputs) {
        return config.withImageChannels(DenseAvDescriptor.imageChannels(inputs));
    }
}
