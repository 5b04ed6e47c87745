package io.avlens.models.mc3;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.inference.djl.BuiltinBlockFactory;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Registers MC3-small as the built-in family {@value #FAMILY}, so a descriptor with {@code "source": "builtin",
 * "family": "mc3"} loads it through the inference service like any other model. The descriptor's embedding size
 * (its {@code audio} output {@code [B, D]}) chooses the values per step ({@link Mc3Config#forDimension(int)}), so
 * weights of any {@code --step-channels k} load alike (the shipped ones: k = 8, D = 288), and its note
 * {@value Mc3Descriptor#FRAME_ENCODER_NOTE} the frame encoder ({@code --local-frames 1}). Stateless.
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

    /** The block of the sizes the descriptor's outputs and notes declare ({@link #config(List, java.util.Map)}). */
    @Override
    public Block newBlock(BlockSpec spec) {
        return new Mc3Block(config(spec.outputs(), spec.notes()));
    }

    /**
     * The sizes for a descriptor with these {@code outputs} and {@code notes}: as {@link #config(List)}, with the
     * frame encoder its notes name ({@link Mc3Descriptor#localFrames(java.util.Map)}).
     *
     * @throws IllegalArgumentException naming D or the note when neither can be built
     */
    public Mc3Config config(List<TensorSpec> outputs, java.util.Map<String, String> notes) {
        return config(outputs).withLocalFrames(Mc3Descriptor.localFrames(notes));
    }

    /**
     * The sizes for a descriptor with these {@code outputs} and no frame-encoder note (the 3×3 encoder alone; use
     * {@link #config(List, java.util.Map)} for a descriptor's notes): this factory's, with as many values per step
     * as the {@code audio} output's D asks ({@link Mc3Config#forDimension(int)}); this factory's when no output says.
     *
     * @throws IllegalArgumentException naming D when no whole number of values per step makes it
     */
    public Mc3Config config(List<TensorSpec> outputs) {
        for (TensorSpec t : outputs) {
            if (t.name().equals("audio") && t.shape().dims().size() == 2 && !t.shape().dims().get(1).isSymbolic()) {
                return config.forDimension(t.shape().dims().get(1).size());
            }
        }
        return config;
    }

    @Override
    public Shape[] inputShapes() {
        return new Mc3Block(config).inputShapes(1);
    }
}
