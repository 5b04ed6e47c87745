package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Diff-Foley-small's denoiser {@code ε_θ(x_t, t, c)}: a 1-D temporal U-Net over the log-mel (mel bins as channels,
 * scaled to [−1, 1]) at three resolutions (half, quarter and an eighth of the mel rate: 128 → 64 → 32 frames for
 * 4 s, the last one step per video frame; a strided convolution in, and at the end the upsampled features with
 * {@code x_t} itself through two full-rate convolutions, so transients keep their frame), with {@link ResBlock1d}s that
 * add the timestep embedding and the condition. The condition is, per video step, CAVP-small's video features
 * {@code [B, S, C]} (when something happens) with the features of the frames' {@link Appearance} (what it looks like:
 * three strided 2-D convolutions and a maximum over space), projected by a learned linear map and upsampled (nearest)
 * to each resolution: mel frame {@code j} sees the video step it belongs to, which is this model's equivalent of the
 * official cross-attention and what carries sync. A learned null vector replaces the projected condition where it
 * is dropped (classifier-free guidance).
 * <p>
 * The network's output is preconditioned ({@link Preconditioning}): it gives the clean log-mel
 * {@code x̂₀ = c_skip x_t / α_t + c_out F}, plus a learned per-bin gain of {@code x_t} that depends on the step (how
 * much of each bin's input noise {@code x̂₀} keeps), and {@link #epsilon} turns it into the noise the samplers use.
 * <p>
 * {@link #forward} (inference, what the engine runs) takes {@code x [N, bins, L]}, {@code t [N]},
 * {@code cond [N, S, C]}, {@code omega [N]}, {@code appearance [N, S, 6, s, s]} and returns the classifier-free
 * guided noise {@code ε(∅) + ω (ε(c) − ε(∅))} {@code [N, bins, L]}, computing the conditional and the unconditional
 * prediction in one batch of {@code 2N}. {@link #epsilon} (training) takes a keep mask instead.
 */
final class DenoiserBlock extends AbstractBlock {

    private static final byte VERSION = 2;

    private final DiffFoleyConfig config;
    private final Linear time1;
    private final Linear time2;
    private final Conv2d app1;
    private final Conv2d app2;
    private final Conv2d app3;
    private final Linear condProj;
    private final Linear skipGain;
    private final Parameter nullCond;
    private final Conv1d inConv;
    private final ResBlock1d rb0;
    private final Conv1d down0;
    private final ResBlock1d rb1;
    private final Conv1d down1;
    private final ResBlock1d mid1;
    private final ResBlock1d mid2;
    private final Conv1d up1;
    private final ResBlock1d rb4;
    private final Conv1d up0;
    private final ResBlock1d rb5;
    private final GroupNorm1d outNorm;
    private final Conv1d outConv1;
    private final Conv1d outConv;

    DenoiserBlock(DiffFoleyConfig config) {
        super(VERSION);
        this.config = config;
        int[] w = config.widths();
        int g = config.groups();
        int e = 2 * config.timeChannels();
        this.time1 = addChildBlock("time1", Linear.builder().setUnits(e).build());
        this.time2 = addChildBlock("time2", Linear.builder().setUnits(e).build());
        int a = config.appearanceChannels();
        this.app1 = addChildBlock("app1", appearanceConv(a / 2));
        this.app2 = addChildBlock("app2", appearanceConv(a));
        this.app3 = addChildBlock("app3", appearanceConv(a));
        this.skipGain = addChildBlock("skipGain", Linear.builder().setUnits(config.melBins()).build());
        this.condProj = addChildBlock("condProj", Linear.builder().setUnits(config.condChannels()).build());
        this.nullCond = addParameter(Parameter.builder().setName("nullCond").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.condChannels())).optInitializer(new NormalInitializer(0.02f)).build());
        this.inConv = addChildBlock("in", Conv1d.builder().setKernelShape(new Shape(4)).optStride(new Shape(2))
                .optPadding(new Shape(1)).setFilters(w[0]).build());
        this.rb0 = addChildBlock("rb0", new ResBlock1d(w[0], w[0], g));
        this.down0 = addChildBlock("down0", Conv1d.builder().setKernelShape(new Shape(3)).optStride(new Shape(2))
                .optPadding(new Shape(1)).setFilters(w[1]).build());
        this.rb1 = addChildBlock("rb1", new ResBlock1d(w[1], w[1], g));
        this.down1 = addChildBlock("down1", Conv1d.builder().setKernelShape(new Shape(3)).optStride(new Shape(2))
                .optPadding(new Shape(1)).setFilters(w[2]).build());
        this.mid1 = addChildBlock("mid1", new ResBlock1d(w[2], w[2], g));
        this.mid2 = addChildBlock("mid2", new ResBlock1d(w[2], w[2], g));
        this.up1 = addChildBlock("up1", ResBlock1d.conv(w[1], 3));
        this.rb4 = addChildBlock("rb4", new ResBlock1d(2 * w[1], w[1], g));
        this.up0 = addChildBlock("up0", ResBlock1d.conv(w[0], 3));
        this.rb5 = addChildBlock("rb5", new ResBlock1d(2 * w[0], w[0], g));
        this.outNorm = addChildBlock("outNorm", new GroupNorm1d(g));
        this.outConv1 = addChildBlock("out1", ResBlock1d.conv(w[0], 3));
        this.outConv = addChildBlock("out", ResBlock1d.conv(config.melBins(), 3));
    }

    private static Conv2d appearanceConv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    DiffFoleyConfig config() {
        return config;
    }

    /** Input shapes of a batch of {@code n}: x, t, cond, omega, appearance. */
    Shape[] inputShapes(int n) {
        int s = config.appearanceSize();
        return new Shape[] {new Shape(n, config.melBins(), config.melFrames()), new Shape(n),
            new Shape(n, config.steps(), config.videoChannels()), new Shape(n),
            new Shape(n, config.steps(), Appearance.CHANNELS, s, s)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        NDArray cond = inputs.get(2);
        NDArray omega = inputs.get(3);
        NDArray look = appearance(ps, inputs.get(4), training); // once for both halves
        long n = x.getShape().get(0);
        NDArray keep = x.getManager().ones(new Shape(n)).concat(x.getManager().zeros(new Shape(n)), 0);
        NDArray both = epsilon(ps, x.concat(x, 0), t.concat(t, 0), cond.concat(cond, 0), look.concat(look, 0), keep,
                training);
        NDArray conditional = both.get(new NDIndex("0:{}", n));
        NDArray unconditional = both.get(new NDIndex("{}:", n));
        NDArray w = omega.reshape(n, 1, 1);
        return new NDList(unconditional.add(conditional.sub(unconditional).mul(w)));
    }

    /**
     * The predicted noise {@code [B, bins, L]}: {@code ε̂ = (x_t − α_t x̂₀) / σ_t} with the preconditioned
     * {@code x̂₀} ({@link #network}).
     *
     * @param look {@code [B, S, A]} the frames' {@link Appearance} through {@link #appearance}
     * @param keep {@code [B]}: 1 keeps the condition, 0 replaces it by the learned null condition
     */
    NDArray epsilon(ParameterStore ps, NDArray x, NDArray t, NDArray cond, NDArray look, NDArray keep,
            boolean training) {
        Preconditioning p = Preconditioning.at(t);
        NDArray f = network(ps, x, t, cond, look, keep, training);
        // ε̂ = (x − α (c_skip x / α + c_out F)) / σ = ((1 − c_skip) x − α c_out F) / σ
        return x.mul(p.cSkip().neg().add(1).reshape(-1, 1, 1))
                .sub(f.mul(p.alpha().mul(p.cOut()).reshape(-1, 1, 1))).div(p.sigma().reshape(-1, 1, 1));
    }

    /**
     * The network's raw output {@code F(x_t, t, c)} {@code [B, bins, L]}, from which the clean log-mel is
     * {@code x̂₀ = c_skip(t) x_t / α_t + c_out(t) F} ({@link Preconditioning}; training regresses {@code F} on
     * {@code (x₀ − c_skip x_t / α_t) / c_out}, a target of about unit variance at every noise level).
     *
     * @param look {@code [B, S, A]} the frames' {@link Appearance} through {@link #appearance}
     * @param keep {@code [B]}: 1 keeps the condition (CAVP-small's features and the appearance), 0 replaces it by
     *             the learned null condition
     */
    NDArray network(ParameterStore ps, NDArray x, NDArray t, NDArray cond, NDArray look, NDArray keep,
            boolean training) {
        long b = x.getShape().get(0);
        NDArray emb = TimeAndCondition.timestepFeatures(t, config.timeChannels());
        emb = time2.forward(ps, new NDList(ResBlock1d.silu(time1.forward(ps, new NDList(emb), training).head())),
                training).head();
        emb = ResBlock1d.silu(emb);
        NDArray projected = condProj.forward(ps, new NDList(cond.concat(look, 2)), training).head(); // [B, S, D]
        NDArray nul = ps.getValue(nullCond, x.getDevice(), training).reshape(1, 1, config.condChannels());
        NDArray k = keep.reshape(b, 1, 1);
        NDArray c = projected.mul(k).add(nul.mul(k.neg().add(1))).transpose(0, 2, 1); // [B, D, S]
        int perStep = (int) (x.getShape().get(2) / c.getShape().get(2));
        NDArray c0 = TimeAndCondition.upsample(c, perStep / 2);
        NDArray c1 = TimeAndCondition.upsample(c, perStep / 4);
        NDArray c2 = TimeAndCondition.upsample(c, perStep / 8);
        NDArray h = inConv.forward(ps, new NDList(x.concat(TimeAndCondition.upsample(c, perStep), 1)), training)
                .head();
        NDArray s0 = rb0.forward(ps, new NDList(h, emb, c0), training).head();
        h = down0.forward(ps, new NDList(s0), training).head();
        NDArray s1 = rb1.forward(ps, new NDList(h, emb, c1), training).head();
        h = down1.forward(ps, new NDList(s1), training).head();
        h = mid1.forward(ps, new NDList(h, emb, c2), training).head();
        h = mid2.forward(ps, new NDList(h, emb, c2), training).head();
        h = up1.forward(ps, new NDList(TimeAndCondition.upsample(h, 2)), training).head();
        h = rb4.forward(ps, new NDList(NDArrays.concat(new NDList(h, s1), 1), emb, c1), training).head();
        h = up0.forward(ps, new NDList(TimeAndCondition.upsample(h, 2)), training).head();
        h = rb5.forward(ps, new NDList(NDArrays.concat(new NDList(h, s0), 1), emb, c0), training).head();
        h = TimeAndCondition.upsample(ResBlock1d.silu(outNorm.forward(ps, new NDList(h), training).head()), 2);
        h = ResBlock1d.silu(outConv1.forward(ps, new NDList(h.concat(x, 1)), training).head());
        // plus a per-bin gain of x_t itself that depends on the step: how much of each bin's noise x̂₀ keeps is a
        // shrinkage of the input, which the convolutions could only approximate through their non-linearity
        NDArray gain = skipGain.forward(ps, new NDList(emb), training).head().reshape(b, config.melBins(), 1);
        return outConv.forward(ps, new NDList(h), training).head().add(x.mul(gain));
    }

    /** The appearance encoder: {@code [B, S, 6, s, s] → [B, S, A]}, three strided convolutions, max over space. */
    NDArray appearance(ParameterStore ps, NDArray look, boolean training) {
        Shape s = look.getShape();
        NDArray h = look.reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4));
        h = ResBlock1d.silu(app1.forward(ps, new NDList(h), training).head());
        h = ResBlock1d.silu(app2.forward(ps, new NDList(h), training).head());
        h = app3.forward(ps, new NDList(h), training).head();
        return h.max(new int[] {3}).max(new int[] {2}).reshape(s.get(0), s.get(1), config.appearanceChannels());
    }

    /**
     * {@code σ_t = √(1 − ᾱ_t)} at real-valued step {@code t} from the closed form of the schedule,
     * {@code log ᾱ_t ≈ −Σ_{i ≤ t} β_i} with {@code √β} linear in {@code i} (within 2 % of the product at
     * {@code t = 999}; it only preconditions the output, and training and sampling use the same).
     */
    static NDArray sigma(NDArray t) {
        double s0 = Math.sqrt(NoiseSchedule.BETA_START);
        double d = (Math.sqrt(NoiseSchedule.BETA_END) - s0) / (NoiseSchedule.STEPS - 1);
        NDArray n1 = t.add(1);
        NDArray sum = n1.mul((float) (s0 * s0)).add(t.mul(n1).mul((float) (s0 * d)))
                .add(t.mul(n1).mul(t.mul(2).add(1)).mul((float) (d * d / 6)));
        return sum.neg().exp().neg().add(1).sqrt();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        int[] w = config.widths();
        int e = 2 * config.timeChannels();
        long full = config.melFrames();
        long l0 = full / 2;
        long l1 = l0 / 2;
        long l2 = l0 / 4;
        int d = config.condChannels();
        Shape emb = new Shape(n, e);
        time1.initialize(manager, dataType, new Shape(n, config.timeChannels()));
        time2.initialize(manager, dataType, emb);
        skipGain.initialize(manager, dataType, emb);
        int side = config.appearanceSize();
        int a = config.appearanceChannels();
        app1.initialize(manager, dataType, new Shape(n, Appearance.CHANNELS, side, side));
        app2.initialize(manager, dataType, new Shape(n, a / 2, side / 2, side / 2));
        app3.initialize(manager, dataType, new Shape(n, a, side / 4, side / 4));
        condProj.initialize(manager, dataType, new Shape(n, config.steps(), config.videoChannels() + a));
        inConv.initialize(manager, dataType, new Shape(n, config.melBins() + d, full));
        rb0.initialize(manager, dataType, new Shape(n, w[0], l0), emb, new Shape(n, d, l0));
        down0.initialize(manager, dataType, new Shape(n, w[0], l0));
        rb1.initialize(manager, dataType, new Shape(n, w[1], l1), emb, new Shape(n, d, l1));
        down1.initialize(manager, dataType, new Shape(n, w[1], l1));
        mid1.initialize(manager, dataType, new Shape(n, w[2], l2), emb, new Shape(n, d, l2));
        mid2.initialize(manager, dataType, new Shape(n, w[2], l2), emb, new Shape(n, d, l2));
        up1.initialize(manager, dataType, new Shape(n, w[2], l1));
        rb4.initialize(manager, dataType, new Shape(n, 2L * w[1], l1), emb, new Shape(n, d, l1));
        up0.initialize(manager, dataType, new Shape(n, w[1], l0));
        rb5.initialize(manager, dataType, new Shape(n, 2L * w[0], l0), emb, new Shape(n, d, l0));
        outNorm.initialize(manager, dataType, new Shape(n, w[0], l0));
        outConv1.initialize(manager, dataType, new Shape(n, w[0] + config.melBins(), full));
        outConv.initialize(manager, dataType, new Shape(n, w[0], full));
    }
}
