package io.avlens.models.mc3;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.djl.BuiltinBlockFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Registers MC3-small as the built-in family {@value #FAMILY}, so a descriptor with {@code "source": "builtin",
 * "family": "mc3"} loads it through the inference service like any other model. Stateless.
 */
@Component(service = BuiltinBlockFactory.class)
public final class Mc3BlockFactory implements BuiltinBlockFactory {

    /** The family id in descriptors, checkpoints and {@code --family}. */
    public static final String FAMILY = "mc3";

    private final Mc3Config config;

    /** MC3-small ({@link Mc3Config#small()}), for DS. */
    public Mc3BlockFactory() {
        this(Mc3Config.small());
    }

    /** Other sizes (tests). */
    public Mc3BlockFactory(Mc3Config config) {
        this.config = config;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Block newBlock() {
        return new Mc3Block(config);
    }

    @Override
    public Shape[] inputShapes() {
        return new Mc3Block(config).inputShapes(1);
    }
}
