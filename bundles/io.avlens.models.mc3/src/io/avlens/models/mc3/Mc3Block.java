package io.avlens.models.mc3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * MC3-small: three encoders into one space of {@code D} dimensions, each output row L2-normalised, and the learnable
 * temperature of the contrastive loss.
 * <p>
 * Inputs: {@code frames [B, T, H, W, 3]} (RGB in [0, 1]), {@code mel [B, bins, M]} (log-mel in [0, 1], 8 mel frames
 * per video frame) and {@code textFeatures [B, buckets]} ({@link TextFeatures}). Outputs: {@code audio [B, D]},
 * {@code video [B, D]}, {@code text [B, D]} and {@code logitScale [1]}. Frames and mel are cut or padded (black frames,
 * silence) to the window of {@link Mc3Config#steps()} steps; the three modalities are encoded independently, so a
 * caller that wants one gives small placeholders for the others ({@link Mc3Embedder} does).
 * <p>
 * <b>Video</b>: each frame averaged down 4× (16×16 for 64×64) with its difference to the previous one (6 channels,
 * so motion is seen), three stride-2 3×3 convolutions (BatchNorm, ReLU) and the mean and maximum over space: 2·{@code width}
 * features per frame (with {@link Mc3Config#localFrames()} 2·{@code width} more from a cell-local path beside it:
 * three 1×1 convolutions on the 16×16 cells, so the maximum over space keeps what one moving object looks like); then two temporal convolutions (kernel 3) to {@code [width, T]}. <b>Audio</b>: the log-mel with bands as channels, three stride-2 temporal
 * convolutions (kernel 4) to one step per video frame and one more (kernel 3) to {@code [width, T]}. Both
 * embed that sequence the same way: the first {@code k·T} of the {@code D} values are {@code k} learned values per
 * step ({@link Mc3Config#stepChannels()}; a head shared over time), the other {@code D − k·T} a linear map of its
 * mean and maximum over time. So the vector says
 * <em>when</em> things sound and move (the cosine of an audio and a video row sums their co-occurring activity over
 * the steps), which AV-Shapes clips differ by most, and what sounds; a first version that mapped the flattened
 * sequence with one linear layer memorised the training clips (video→audio R@1 0.035 on 200 held-out clips).
 * <b>Text</b>: an embedding bag of the hashed n-grams (a linear map of the bucket vector), ReLU and a linear map to
 * {@code D}.
 */
public final class Mc3Block extends AbstractBlock {

    /** Initial temperature {@code τ = 0.07}, as CLIP. */
    static final float INITIAL_LOGIT_SCALE = (float) Math.log(1 / 0.07);
    /** The largest logit scale, {@code ln 100}; applied by the trainer after each step. */
    static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private static final byte VERSION = 1;
    /** Frames are averaged down by this before the frame encoder (64×64 → 16×16): the cost of training on 2 cores. */
    static final int POOL = 4;

    private final Mc3Config config;
    private final Block shrink;
    private final SequentialBlock frameNet;
    private final SequentialBlock videoTime;
    private final SequentialBlock localNet;
    private final SequentialBlock audioNet;
    private final SequentialBlock textNet;
    private final Block videoTimeHead;
    private final Block audioTimeHead;
    private final Block videoGlobal;
    private final Block audioGlobal;
    private final Parameter logitScale;

    public Mc3Block(Mc3Config config) {
        super(VERSION);
        this.config = config;
        int w = config.width();
        this.shrink = addChildBlock("shrink", Pool.avgPool2dBlock(new Shape(POOL, POOL), new Shape(POOL, POOL)));
        this.frameNet = addChildBlock("frame", new SequentialBlock().addAll(conv2d(w / 2), conv2d(w), conv2d(w)));
        this.localNet = config.localFrames() ? addChildBlock("frameLocal", new SequentialBlock()
                .addAll(pointwise(w / 2), pointwise(w), pointwise(w))) : null;
        this.videoTime = addChildBlock("videoTime", new SequentialBlock()
                .addAll(conv1d(w, 3, 1), conv1d(w, 3, 1)));
        this.audioNet = addChildBlock("audio", new SequentialBlock()
                .addAll(conv1d(2 * w, 4, 2), conv1d(w, 4, 2), conv1d(w, 4, 2), conv1d(w, 3, 1)));
        this.textNet = addChildBlock("text", new SequentialBlock()
                .add(Linear.builder().setUnits(config.textHidden()).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(config.dimension()).build()));
        this.videoTimeHead = addChildBlock("videoTimeHead", timeHead(config.stepChannels()));
        this.audioTimeHead = addChildBlock("audioTimeHead", timeHead(config.stepChannels()));
        this.videoGlobal = addChildBlock("videoGlobal", Linear.builder().setUnits(config.globalDimension()).build());
        this.audioGlobal = addChildBlock("audioGlobal", Linear.builder().setUnits(config.globalDimension()).build());
        this.logitScale = addParameter(Parameter.builder().setName("logitScale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(INITIAL_LOGIT_SCALE)).build());
    }

    private static SequentialBlock conv2d(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** A 1×1 convolution (BatchNorm, ReLU): each cell of the frame on its own. */
    private static SequentialBlock pointwise(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    private static SequentialBlock conv1d(int filters, int kernel, int stride) {
        return new SequentialBlock()
                .add(Conv1d.builder().setKernelShape(new Shape(kernel)).optStride(new Shape(stride))
                        .optPadding(new Shape(1)).setFilters(filters).build()) // length / stride
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** {@code k} values per step: a 1×1 temporal convolution to {@code k} channels. */
    private static Block timeHead(int k) {
        return Conv1d.builder().setKernelShape(new Shape(1)).setFilters(k).build();
    }

    public Mc3Config config() {
        return config;
    }

    /** The learnable temperature ({@code logit_scale}, before {@code exp}). */
    public Parameter logitScale() {
        return logitScale;
    }

    /** Input shapes for {@code batch} items of a full window. */
    public Shape[] inputShapes(int batch) {
        return new Shape[] {new Shape(batch, config.steps(), config.frameHeight(), config.frameWidth(), 3),
                new Shape(batch, config.melBins(), config.melFrames()), new Shape(batch, config.buckets())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray video = encodeVideo(ps, inputs.get(0), training);
        NDArray audio = encodeAudio(ps, inputs.get(1), training);
        NDArray text = encodeText(ps, inputs.get(2), training);
        return new NDList(audio, video, text, ps.getValue(logitScale, video.getDevice(), training));
    }

    /** {@code [B, D]} unit rows from {@code frames [B, T, H, W, 3]}. */
    public NDArray encodeVideo(ParameterStore ps, NDArray frames, boolean training) {
        Shape s = frames.getShape();
        if (s.dimension() != 5 || s.get(2) != config.frameHeight() || s.get(3) != config.frameWidth()
                || s.get(4) != 3) {
            throw new IllegalArgumentException("frames must be [B, T, " + config.frameHeight() + ", "
                    + config.frameWidth() + ", 3], not " + s);
        }
        long b = s.get(0);
        int t = config.steps();
        int h = config.frameHeight() / POOL;
        int w = config.frameWidth() / POOL;
        NDArray small = shrink.forward(ps, new NDList(window(frames, 1, t).reshape(b * t, config.frameHeight(),
                config.frameWidth(), 3).transpose(0, 3, 1, 2)), training).singletonOrThrow();
        NDArray x = small.reshape(b, t, 3, h, w).sub(0.5f);
        NDArray previous = NDArrays.concat(new NDList(x.get(new NDIndex(":, :1")), x.get(new NDIndex(":, :-1"))),
                1);
        NDArray both = NDArrays.concat(new NDList(x, x.sub(previous).mul(4f)), 2).reshape(b * t, 6, h, w);
        NDArray map = frameNet.forward(ps, new NDList(both), training).singletonOrThrow(); // [B·T, w, h', w']
        NDArray cells = map.reshape(b * t, map.getShape().get(1), -1);
        NDArray pooled = NDArrays.concat(new NDList(cells.mean(new int[] {2}), cells.max(new int[] {2})), 1);
        if (localNet != null) { // what each 4×4 patch holds and how it changed, pooled beside the 3×3 path's
            NDArray local = localNet.forward(ps, new NDList(both), training).singletonOrThrow(); // [B·T, w, h, w]
            NDArray lc = local.reshape(b * t, local.getShape().get(1), -1);
            pooled = NDArrays.concat(new NDList(pooled, lc.mean(new int[] {2}), lc.max(new int[] {2})), 1);
        }
        NDArray seq = pooled.reshape(b, t, -1).transpose(0, 2, 1); // [B, 2w or 4w, T]
        NDArray feat = videoTime.forward(ps, new NDList(seq), training).singletonOrThrow();
        return embed(ps, videoTimeHead, videoGlobal, feat, training);
    }

    /** {@code [B, D]} unit rows from {@code mel [B, bins, M]}. */
    public NDArray encodeAudio(ParameterStore ps, NDArray mel, boolean training) {
        Shape s = mel.getShape();
        if (s.dimension() != 3 || s.get(1) != config.melBins()) {
            throw new IllegalArgumentException("mel must be [B, " + config.melBins() + ", M], not " + s);
        }
        NDArray x = window(mel, 2, config.melFrames()).sub(0.5f);
        NDArray feat = audioNet.forward(ps, new NDList(x), training).singletonOrThrow(); // [B, w, T]
        return embed(ps, audioTimeHead, audioGlobal, feat, training);
    }

    /** {@code [B, D]} unit rows from {@code text [B, buckets]}. */
    public NDArray encodeText(ParameterStore ps, NDArray text, boolean training) {
        Shape s = text.getShape();
        if (s.dimension() != 2 || s.get(1) != config.buckets()) {
            throw new IllegalArgumentException("text must be [B, " + config.buckets() + "], not " + s);
        }
        return normalise(textNet.forward(ps, new NDList(text), training).singletonOrThrow());
    }

    /**
     * The embedding of per-step features {@code [B, w, T]}: {@code k·T} values, {@code k} per step (a shared 1×1
     * head; channel-major, the {@code T} values of its first channel first), then {@code D − k·T} values from their
     * mean and maximum over time; the whole row L2-normalised. The dot product of two
     * such rows is a sum over steps of co-occurring activity plus a clip-level term.
     */
    private static NDArray embed(ParameterStore ps, Block timeHead, Block global, NDArray feat, boolean training) {
        long b = feat.getShape().get(0);
        NDArray time = timeHead.forward(ps, new NDList(feat), training).singletonOrThrow().reshape(b, -1);
        NDArray pooled = NDArrays.concat(new NDList(feat.mean(new int[] {2}), feat.max(new int[] {2})), 1);
        NDArray clip = global.forward(ps, new NDList(pooled), training).singletonOrThrow();
        return normalise(NDArrays.concat(new NDList(time, clip), 1));
    }

    /** {@code x} cut or zero-padded along {@code axis} to {@code length}. */
    static NDArray window(NDArray x, int axis, int length) {
        long n = x.getShape().get(axis);
        if (n == length) {
            return x;
        }
        String colons = ":, ".repeat(axis);
        if (n > length) {
            return x.get(new NDIndex(colons + ":" + length));
        }
        long[] pad = x.getShape().getShape().clone();
        pad[axis] = length - n;
        return NDArrays.concat(new NDList(x, x.getManager().zeros(new Shape(pad), x.getDataType())), axis);
    }

    /** L2-normalises each row; the {@code 1e-6} under the root bounds the gradient of a near-zero vector. */
    static NDArray normalise(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(1e-6f).sqrt());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int d = config.dimension();
        return new Shape[] {new Shape(inputShapes[1].get(0), d), new Shape(inputShapes[0].get(0), d),
            new Shape(inputShapes[2].get(0), d), new Shape(1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int w = config.width();
        int t = config.steps();
        long b = inputShapes[0].get(0);
        shrink.initialize(manager, dataType, new Shape(b * t, 3, config.frameHeight(), config.frameWidth()));
        frameNet.initialize(manager, dataType, new Shape(b * t, 6, config.frameHeight() / POOL,
                config.frameWidth() / POOL));
        if (localNet != null) {
            localNet.initialize(manager, dataType, new Shape(b * t, 6, config.frameHeight() / POOL,
                    config.frameWidth() / POOL));
        }
        videoTime.initialize(manager, dataType, new Shape(b, (localNet != null ? 4L : 2L) * w, t));
        audioNet.initialize(manager, dataType, new Shape(b, config.melBins(), config.melFrames()));
        textNet.initialize(manager, dataType, new Shape(b, config.buckets()));
        videoTimeHead.initialize(manager, dataType, new Shape(b, w, t));
        audioTimeHead.initialize(manager, dataType, new Shape(b, w, t));
        videoGlobal.initialize(manager, dataType, new Shape(b, 2L * w));
        audioGlobal.initialize(manager, dataType, new Shape(b, 2L * w));
    }
}
