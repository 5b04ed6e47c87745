package io.avlens.models.difffoley;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import io.avlens.models.cavp.CavpBlockFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the parts of Diff-Foley-small as the built-in family {@value DiffFoleyDescriptor#FAMILY}, role-aware:
 * a descriptor component of role {@value DiffFoleyDescriptor#VIDEO} gets CAVP-small's block (its weights are the
 * shipped CAVP-small's), {@value DiffFoleyDescriptor#DENOISER} the {@link DenoiserBlock},
 * {@value DiffFoleyDescriptor#CLASSIFIER} the {@link AlignmentClassifierBlock}. Stateless.
 */
@Component(service = BuiltinBlockFactory.class)
public final class DiffFoleyBlockFactory implements BuiltinBlockFactory {

    private final DiffFoleyConfig config;

    /** The shipped sizes ({@link DiffFoleyConfig#small()}), for DS. */
    public DiffFoleyBlockFactory() {
        this(DiffFoleyConfig.small());
    }

    /** Other sizes (tests). */
    public DiffFoleyBlockFactory(DiffFoleyConfig config) {
        this.config = config;
    }

    @Override
    public String family() {
        return DiffFoleyDescriptor.FAMILY;
    }

    /** The denoiser: the part a role-less spec of this family means. */
    @Override
    public Block newBlock() {
        return new DenoiserBlock(config);
    }

    @Override
    public Shape[] inputShapes() {
        return new DenoiserBlock(config).inputShapes(1);
    }

    /** The part of the spec's role: video (CAVP-small), denoiser (also without a role) or classifier. */
    @Override
    public Block newBlock(BlockSpec spec) {
        String role = spec.role();
        return switch (role == null ? DiffFoleyDescriptor.DENOISER : role) {
            case DiffFoleyDescriptor.VIDEO -> new CavpBlockFactory().newBlock();
            case DiffFoleyDescriptor.DENOISER -> new DenoiserBlock(config);
            case DiffFoleyDescriptor.CLASSIFIER -> new AlignmentClassifierBlock(config);
            default -> throw new IllegalArgumentException("Diff-Foley-small has parts video, denoiser and classifier,"
                    + " not '" + role + "'");
        };
    }

    @Override
    public Shape[] inputShapes(BlockSpec spec) {
        String role = spec.role();
        return switch (role == null ? DiffFoleyDescriptor.DENOISER : role) {
            case DiffFoleyDescriptor.VIDEO -> new CavpBlockFactory().inputShapes();
            case DiffFoleyDescriptor.DENOISER -> new DenoiserBlock(config).inputShapes(1);
            case DiffFoleyDescriptor.CLASSIFIER -> new AlignmentClassifierBlock(config).inputShapes(1);
            default -> throw new IllegalArgumentException("Diff-Foley-small has parts video, denoiser and classifier,"
                    + " not '" + role + "'");
        };
    }
}
