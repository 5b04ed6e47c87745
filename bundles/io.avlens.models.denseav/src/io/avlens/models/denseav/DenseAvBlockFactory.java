package io.avlens.models.denseav;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.djl.BuiltinBlockFactory;
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
}
