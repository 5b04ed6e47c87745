package io.avlens.models.denseav;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * DenseAV-small: an image encoder giving a feature map per frame and an audio encoder giving time- and
 * frequency-resolved features, both split into {@code K} heads of {@code C} channels and L2-normalised per head (so
 * each head's dense similarity is a cosine), plus the learnable temperature of the contrastive loss.
 * <p>
 * Inputs: {@code frames [B, H, W, I]} (one frame per item, the {@code FrameReader} layout: RGB in [0, 1] when
 * {@code I = 3}; with {@code I = 6} ({@link DenseAvConfig#motion()}) each pixel's RGB is followed by its change since
 * the previous video frame, in [−1, 1], {@link DenseClip#frames(int, int, int)}) and
 * {@code mel [B, bins, M]} (log-mel in [0, 1], {@code M} a multiple of {@value DenseAvConfig#AUDIO_STRIDE}). Outputs:
 * {@code image [B, K, C, H/4, W/4]}, {@code audio [B, K, C, bins/8, M/8]} and {@code logitScale [1]}. Item {@code b}
 * of both inputs is encoded independently: a caller that wants only one modality gives a small placeholder for the
 * other and drops its output.
 * <p>
 * <b>Image encoder</b>: 3×3 convolutions (BatchNorm, ReLU), the second and third with stride 2, then a 1×1 projection
 * to {@code K·C}; a 64×64 frame gives a 16×16 map whose cells see about 21 pixels. With
 * {@link DenseAvConfig#localCells()} it is instead a 4×4 convolution of stride 4 and two 1×1 convolutions (BatchNorm,
 * ReLU) before the projection: each cell sees its own 4×4 pixels and nothing else. <b>Audio encoder</b>: the log-mel
 * as a one-channel image (bands × frames), three stride-2 3×3 convolutions and one more 3×3 (BatchNorm, ReLU), then a
 * 1×1 projection: 64 bands × 64 frames/s become {@code F = 8} × 8 steps/s, one step per video frame of
 * {@code avshapes-small}, step {@code t} covering mel frames {@code [8t, 8t + 8)}.
 */
public final class DenseAvBlock extends AbstractBlock {

    /** Initial temperature {@code τ = 0.07} ({@code logit_scale = ln(1/0.07)}), as CLIP. */
    static final float INITIAL_LOGIT_SCALE = (float) Math.log(1 / 0.07);
    /** The largest logit scale, {@code ln 100} (CLIP's clamp); applied by the trainer after each step. */
    static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private static final byte VERSION = 1;

    private final DenseAvConfig config;
    private final SequentialBlock imageNet;
    private final SequentialBlock audioNet;
    private final Parameter logitScale;

    public DenseAvBlock(DenseAvConfig config) {
        super(VERSION);
        this.config = config;
        int w = config.width();
        this.imageNet = addChildBlock("image", config.localCells()
                ? new SequentialBlock().addAll(patch(w), pointwise(w), pointwise(w))
                        .add(projection(config.channels()))
                : new SequentialBlock().addAll(conv(w / 2, 1), conv(w, 2), conv(w, 2), conv(w, 1))
                        .add(projection(config.channels())));
        this.audioNet = addChildBlock("audio", new SequentialBlock()
                .addAll(conv(w / 2, 2), conv(w, 2), conv(w, 2), conv(w, 1))
                .add(projection(config.channels())));
        this.logitScale = addParameter(Parameter.builder().setName("logitScale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(INITIAL_LOGIT_SCALE)).build());
    }

    private static SequentialBlock conv(int filters, int stride) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
                        .optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** One map cell from its own {@value DenseAvConfig#IMAGE_STRIDE}² pixels: a convolution as large as its stride. */
    private static SequentialBlock patch(int filters) {
        int k = DenseAvConfig.IMAGE_STRIDE;
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(k, k)).setFilters(filters)
                        .build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** A 1×1 convolution (BatchNorm, ReLU): each cell on its own. */
    private static SequentialBlock pointwise(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build())
                .add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    private static Conv2d projection(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    public DenseAvConfig config() {
        return config;
    }

    /** The learnable temperature ({@code logit_scale}, before {@code exp}). */
    public Parameter logitScale() {
        return logitScale;
    }

    /** Input shapes for {@code batch} frames and windows of {@code melFrames} mel frames. */
    public Shape[] inputShapes(int batch, int melFrames) {
        return new Shape[] {new Shape(batch, config.frameHeight(), config.frameWidth(), config.imageChannels()),
                new Shape(batch, config.melBins(), melFrames)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray image = encodeImage(ps, inputs.get(0), training);
        NDArray audio = encodeAudio(ps, inputs.get(1), training);
        return new NDList(image, audio, ps.getValue(logitScale, image.getDevice(), training));
    }

    /**
     * {@code [B, K, C, h, w]} from {@code frames [B, H, W, I]}. RGB is centred ({@code − 0.5}); the change channels
     * are centred already and go in as they are.
     */
    public NDArray encodeImage(ParameterStore ps, NDArray frames, boolean training) {
        Shape s = frames.getShape();
        int channels = config.imageChannels();
        if (s.dimension() != 4 || s.get(1) != config.frameHeight() || s.get(2) != config.frameWidth()
                || s.get(3) != channels) {
            throw new IllegalArgumentException("frames must be [B, " + config.frameHeight() + ", "
                    + config.frameWidth() + ", " + channels + "], not " + s);
        }
        NDArray centred;
        if (config.motion()) {
            float[] shift = new float[channels];
            java.util.Arrays.fill(shift, 0, DenseAvConfig.RGB, 0.5f);
            centred = frames.sub(frames.getManager().create(shift));
        } else {
            centred = frames.sub(0.5f);
        }
        NDArray x = centred.transpose(0, 3, 1, 2);
        NDArray map = imageNet.forward(ps, new NDList(x), training).singletonOrThrow();
        Shape m = map.getShape();
        return normalise(map.reshape(m.get(0), config.heads(), config.headChannels(), m.get(2), m.get(3)));
    }

    /** {@code [B, K, C, F, T]} from {@code mel [B, bins, M]}. */
    public NDArray encodeAudio(ParameterStore ps, NDArray mel, boolean training) {
        Shape s = mel.getShape();
        if (s.dimension() != 3 || s.get(1) != config.melBins() || s.get(2) % DenseAvConfig.AUDIO_STRIDE != 0
                || s.get(2) == 0) {
            throw new IllegalArgumentException("mel must be [B, " + config.melBins() + ", M] with M a positive "
                    + "multiple of " + DenseAvConfig.AUDIO_STRIDE + ", not " + s);
        }
        NDArray x = mel.expandDims(1).sub(0.5f);
        NDArray out = audioNet.forward(ps, new NDList(x), training).singletonOrThrow();
        Shape o = out.getShape();
        return normalise(out.reshape(o.get(0), config.heads(), config.headChannels(), o.get(2), o.get(3)));
    }

    /**
     * L2-normalises along axis 2 (a head's channels). The {@code 1e-6} under the root bounds the gradient of a
     * near-zero vector.
     */
    static NDArray normalise(NDArray x) {
        return x.div(x.square().sum(new int[] {2}, true).add(1e-6f).sqrt());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long m = inputShapes[1].get(2);
        return new Shape[] {
            new Shape(b, config.heads(), config.headChannels(), config.mapHeight(), config.mapWidth()),
            new Shape(inputShapes[1].get(0), config.heads(), config.headChannels(), config.freqs(),
                    m / DenseAvConfig.AUDIO_STRIDE),
            new Shape(1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape f = inputShapes[0];
        Shape m = inputShapes[1];
        imageNet.initialize(manager, dataType, new Shape(f.get(0), f.get(3), f.get(1), f.get(2)));
        audioNet.initialize(manager, dataType, new Shape(m.get(0), 1, m.get(1), m.get(2)));
    }
}
