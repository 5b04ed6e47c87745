package io.avlens.models.cavp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * CAVP-small: an audio and a video encoder that both map a clip of {@code T} video frames to per-step features
 * {@code [B, T, C]} (L2-normalised), plus the learnable temperature of the contrastive losses.
 * <p>
 * Inputs: {@code mel [B, bins, T·k]} (log-mel in [0, 1], {@code k} = {@link CavpConfig#melPerStep()}) and
 * {@code frames [B, T, H, W, 3]} (RGB in [0, 1], the {@code FrameReader} layout). Outputs:
 * {@code audio [B, T, C]}, {@code video [B, T, C]}, {@code logitScale [1]}.
 * <p>
 * <b>Video encoder.</b> Sync lives in motion, not in appearance: a still frame of a bouncing ball says nothing about
 * when it hits the floor. So every frame is stacked with its differences to the previous and to the next frame
 * (9 channels; zero at the clip's ends): an impact is where the two differences point opposite ways, and the
 * per-frame network sees both at the same pixels before any pooling. The stack is pooled 2×2 to 32×32 (the shapes stay visible, the cost drops 4×), and passed through
 * three strided 3×3 convolutions (BatchNorm, ReLU) to a 4×4 map whose spatial mean and max are concatenated.
 * Two temporal 1-D convolutions (kernel 3) over the frame sequence then see velocity changes (impacts) across
 * ±2 frames.
 * <p>
 * <b>Audio encoder.</b> The {@code k} mel frames of one video frame are stacked into channels ({@code bins·k}), so
 * feature step {@code t} is exactly the audio of video frame {@code t}'s display interval, with no strided
 * convolution shifting the time base; three 1-D convolutions (kernels 3, 3, 1) over the steps follow.
 * <p>
 * Both encoders are fully convolutional in time: any {@code T} works, e.g. a 10 s clip (T = 80) at inference. Their
 * temporal convolutions pad by repeating the edge steps ({@link TemporalConv} says why).
 */
final class CavpBlock extends AbstractBlock {

    /** Initial temperature {@code τ = 0.07}, as CLIP and Diff-Foley: {@code logit_scale = ln(1/0.07)}. */
    public static final float INITIAL_LOGIT_SCALE = (float) Math.log(1 / 0.07);
    /** The largest logit scale (CLIP's clamp, {@code ln 100}); applied by the trainer after each step. */
    public static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private static final byte VERSION = 1;

    private final CavpConfig config;
    private final SequentialBlock frameNet;
    private final SequentialBlock videoTemporal;
    private final SequentialBlock audioNet;
    private final Parameter logitScale;

    public CavpBlock(CavpConfig config) {
        super(VERSION);
        this.config = config;
        int[] w = config.videoWidths();
        SequentialBlock frames = new SequentialBlock().add(Pool.avgPool2dBlock(new Shape(2, 2)));
        for (int width : w) {
            frames.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(width).build())
                    .add(BatchNorm.builder().build()).add(Activation.reluBlock());
        }
        this.frameNet = addChildBlock("frames", frames);
        this.videoTemporal = addChildBlock("videoTemporal", new SequentialBlock()
                .add(conv1d(config.temporalWidth(), 3)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv1d(config.channels(), 3)));
        this.audioNet = addChildBlock("audio", new SequentialBlock()
                .add(conv1d(config.temporalWidth() * 2, 3)).add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv1d(config.temporalWidth(), 3)).add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv1d(config.channels(), 1)));
        this.logitScale = addParameter(Parameter.builder().setName("logitScale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(INITIAL_LOGIT_SCALE)).build());
    }

    private static TemporalConv conv1d(int filters, int kernel) {
        return new TemporalConv(filters, kernel);
    }

    /** The sizes this block was built with. */
    public CavpConfig config() {
        return config;
    }

    /** The learnable temperature parameter ({@code logit_scale}, before {@code exp}). */
    public Parameter logitScale() {
        return logitScale;
    }

    /** Input shapes for a batch of {@code batch} clips of {@code steps} frames. */
    public Shape[] inputShapes(int batch, int steps) {
        return new Shape[] {new Shape(batch, config.melBins(), (long) steps * config.melPerStep()),
                new Shape(batch, steps, config.frameHeight(), config.frameWidth(), 3)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = encodeAudio(ps, inputs.get(0), training);
        NDArray video = encodeVideo(ps, inputs.get(1), training);
        NDArray scale = ps.getValue(logitScale, video.getDevice(), training);
        return new NDList(audio, video, scale);
    }

    /** Audio features {@code [B, T, C]} from {@code mel [B, bins, T·k]}. */
    NDArray encodeAudio(ParameterStore ps, NDArray mel, boolean training) {
        Shape s = mel.getShape();
        long b = s.get(0);
        long bins = s.get(1);
        int k = config.melPerStep();
        if (bins != config.melBins() || s.get(2) % k != 0) {
            throw new IllegalArgumentException("mel must be [B, " + config.melBins() + ", T·" + k + "], not " + s);
        }
        long t = s.get(2) / k;
        NDArray x = mel.reshape(b, bins, t, k).transpose(0, 1, 3, 2).reshape(b, bins * k, t);
        x = audioNet.forward(ps, new NDList(x), training).singletonOrThrow();
        return normalise(x.transpose(0, 2, 1));
    }

    /** Video features {@code [B, T, C]} from {@code frames [B, T, H, W, 3]}. */
    NDArray encodeVideo(ParameterStore ps, NDArray frames, boolean training) {
        Shape s = frames.getShape();
        if (s.dimension() != 5 || s.get(2) != config.frameHeight() || s.get(3) != config.frameWidth()
                || s.get(4) != 3) {
            throw new IllegalArgumentException("frames must be [B, T, " + config.frameHeight() + ", "
                    + config.frameWidth() + ", 3], not " + s);
        }
        long b = s.get(0);
        long t = s.get(1);
        NDArray x = frames.transpose(0, 1, 4, 2, 3);
        NDArray diff = t > 1
                ? x.get(new NDIndex(":, 1:")).sub(x.get(new NDIndex(":, 0:{}", t - 1)))
                : null;
        NDArray zero = x.get(new NDIndex(":, 0:1")).zerosLike();
        NDArray before = diff == null ? zero : zero.concat(diff, 1); // x_t − x_{t−1}, 0 for the first frame
        NDArray after = diff == null ? zero : diff.concat(zero, 1); // x_{t+1} − x_t, 0 for the last frame
        NDArray input = NDArrays.concat(new NDList(x, before, after), 2).reshape(b * t, 9, s.get(2), s.get(3));
        NDArray map = frameNet.forward(ps, new NDList(input), training).singletonOrThrow();
        NDArray flat = map.reshape(map.getShape().get(0), map.getShape().get(1), -1);
        NDArray pooled = flat.mean(new int[] {2}).concat(flat.max(new int[] {2}), 1);
        NDArray seq = pooled.reshape(b, t, -1).transpose(0, 2, 1);
        NDArray y = videoTemporal.forward(ps, new NDList(seq), training).singletonOrThrow();
        return normalise(y.transpose(0, 2, 1));
    }

    /**
     * L2-normalises along the last axis. The {@code 1e-6} under the root bounds the gradient of a near-zero vector
     * (ReLU networks with zero-initialised biases produce exact zeros) at about 1000 instead of 10⁶.
     */
    static NDArray normalise(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).add(1e-6f).sqrt());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[1].get(0);
        long t = inputShapes[1].get(1);
        Shape f = new Shape(b, t, config.channels());
        return new Shape[] {f, f, new Shape(1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[1].get(0);
        long t = inputShapes[1].get(1);
        int[] w = config.videoWidths();
        frameNet.initialize(manager, dataType, new Shape(b * t, 9, config.frameHeight(), config.frameWidth()));
        videoTemporal.initialize(manager, dataType, new Shape(b, 2L * w[w.length - 1], t));
        audioNet.initialize(manager, dataType, new Shape(b, (long) config.melBins() * config.melPerStep(), t));
    }
}
