package io.avlens.models.cavp;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.djl.BuiltinBlockFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Registers CAVP-small as the built-in family {@value #FAMILY}, so {@code ModelSpec.Builtin("cavp", file)} (and a
 * descriptor with {@code "source": "builtin", "family": "cavp"}) loads it through the inference service like any
 * other model. Stateless.
 */
@Component(service = BuiltinBlockFactory.class)
public final class CavpBlockFactory implements BuiltinBlockFactory {

    /** The family id in descriptors and specs. */
    public static final String FAMILY = "cavp";

    private final CavpConfig config;

    /** CAVP-small ({@link CavpConfig#small()}), for DS. */
    public CavpBlockFactory() {
        this(CavpConfig.small());
    }

    /** Other sizes (tests). */
    public CavpBlockFactory(CavpConfig config) {
        this.config = config;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Block newBlock() {
        return new CavpBlock(config);
    }

    @Override
    public Shape[] inputShapes() {
        return new CavpBlock(config).inputShapes(1, config.clipSteps());
    }
}
