package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The two AV-Shapes judges of generated sound in one network, each with its own audio encoder (they share no
 * weights, so neither can learn a shortcut from the other's task), trained on real audio only:
 * <ul>
 * <li>the <b>evaluation alignment classifier</b>: clean log-mel {@code [B, 64, 256]} and the clip's frozen
 * CAVP-small per-step video features {@code [B, 32, C]} → one logit of P(aligned). Its audio encoder brings the mel
 * to one step per video frame (three stride-2 temporal convolutions), the video features are projected (1×1), the
 * two are concatenated per step and two temporal convolutions (kernel 3, so a step sees its neighbours: a sound a
 * frame late is visible) and the mean and maximum over time feed a linear logit;</li>
 * <li>the <b>material classifier</b>: log-mel → five logits (wood, metal, glass, ceramic, rubber: whether each
 * material sounds on screen, trained as five binary labels) from a {@value #EMBEDDING}-dimensional ReLU
 * <b>embedding</b> of the mean and maximum over time of its own audio encoder. That embedding is the audio
 * embedding of the Fréchet distance: trained on real AV-Shapes audio to tell the materials apart, so it measures
 * timbre, which CAVP-small's audio features (trained for timing) hardly do.</li>
 * </ul>
 * Inputs: {@code alignMel [B, 64, 256]}, {@code video [B, 32, C]}, {@code materialMel [B, 64, 256]}; outputs:
 * {@code alignLogit [B]}, {@code materialLogits [B, 5]}, {@code embedding [B, EMBEDDING]}. Mel in [0, 1] is
 * centred by −0.5 inside.
 */
public final class JudgeBlock extends AbstractBlock {

    /** Mel bands. */
    public static final int BINS = 64;
    /** Mel frames of a 4 s clip. */
    public static final int FRAMES = 256;
    /** Video steps of a 4 s clip at 8 fps. */
    public static final int STEPS = 32;
    /** Width of the hidden layers. */
    public static final int WIDTH = 48;
    /** Dimension of the material embedding (the Fréchet distance's). */
    public static final int EMBEDDING = 32;

    private static final byte VERSION = 1;

    private final int videoChannels;
    private final SequentialBlock alignAudio;
    private final SequentialBlock alignVideo;
    private final SequentialBlock alignJoint;
    private final SequentialBlock alignHead;
    private final SequentialBlock materialAudio;
    private final SequentialBlock materialEmbed;
    private final SequentialBlock materialHead;

    /** @param videoChannels {@code C} of the CAVP video features */
    public JudgeBlock(int videoChannels) {
        super(VERSION);
        this.videoChannels = videoChannels;
        this.alignAudio = addChildBlock("alignAudio", audioEncoder());
        this.alignVideo = addChildBlock("alignVideo", conv(WIDTH, 1, 1, 0));
        this.alignJoint = addChildBlock("alignJoint", new SequentialBlock().addAll(conv(WIDTH, 3, 1, 1),
                conv(WIDTH, 3, 1, 1)));
        this.alignHead = addChildBlock("alignHead", new SequentialBlock()
                .add(Linear.builder().setUnits(1).build()));
        this.materialAudio = addChildBlock("materialAudio", audioEncoder());
        this.materialEmbed = addChildBlock("materialEmbed", new SequentialBlock()
                .add(Linear.builder().setUnits(EMBEDDING).build()).add(Activation.reluBlock()));
        this.materialHead = addChildBlock("materialHead", new SequentialBlock()
                .add(Linear.builder().setUnits(JudgeMaterials.ALL.size()).build()));
    }

    private static SequentialBlock audioEncoder() {
        return new SequentialBlock().addAll(conv(WIDTH, 4, 2, 1), conv(WIDTH, 4, 2, 1), conv(WIDTH, 4, 2, 1));
    }

    private static SequentialBlock conv(int filters, int kernel, int stride, int pad) {
        return new SequentialBlock()
                .add(Conv1d.builder().setKernelShape(new Shape(kernel)).optStride(new Shape(stride))
                        .optPadding(new Shape(pad)).setFilters(filters).build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** Input shapes for {@code batch} clips. */
    public Shape[] inputShapes(int batch) {
        return new Shape[] {new Shape(batch, BINS, FRAMES), new Shape(batch, STEPS, videoChannels),
            new Shape(batch, BINS, FRAMES)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray alignMel = inputs.get(0).sub(0.5f);
        NDArray video = inputs.get(1).transpose(0, 2, 1); // [B, C, T]
        NDArray a = alignAudio.forward(ps, new NDList(alignMel), training).singletonOrThrow(); // [B, W, T]
        NDArray v = alignVideo.forward(ps, new NDList(video), training).singletonOrThrow();
        NDArray joint = alignJoint.forward(ps, new NDList(NDArrays.concat(new NDList(a, v), 1)), training)
                .singletonOrThrow();
        NDArray logit = alignHead.forward(ps, new NDList(pool(joint)), training).singletonOrThrow().reshape(-1);
        NDArray m = materialAudio.forward(ps, new NDList(inputs.get(2).sub(0.5f)), training).singletonOrThrow();
        NDArray embedding = materialEmbed.forward(ps, new NDList(pool(m)), training).singletonOrThrow();
        NDArray materials = materialHead.forward(ps, new NDList(embedding), training).singletonOrThrow();
        return new NDList(logit, materials, embedding);
    }

    /** Mean and maximum over time: {@code [B, W, T] → [B, 2W]}. */
    private static NDArray pool(NDArray x) {
        return NDArrays.concat(new NDList(x.mean(new int[] {2}), x.max(new int[] {2})), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b), new Shape(b, JudgeMaterials.ALL.size()), new Shape(b, EMBEDDING)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        alignAudio.initialize(manager, dataType, new Shape(b, BINS, FRAMES));
        alignVideo.initialize(manager, dataType, new Shape(b, videoChannels, STEPS));
        alignJoint.initialize(manager, dataType, new Shape(b, 2L * WIDTH, STEPS));
        alignHead.initialize(manager, dataType, new Shape(b, 2L * WIDTH));
        materialAudio.initialize(manager, dataType, new Shape(b, BINS, FRAMES));
        materialEmbed.initialize(manager, dataType, new Shape(b, 2L * WIDTH));
        materialHead.initialize(manager, dataType, new Shape(b, EMBEDDING));
    }
}
