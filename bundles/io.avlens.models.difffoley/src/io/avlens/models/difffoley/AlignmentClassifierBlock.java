package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Diff-Foley-small's alignment classifier {@code P(aligned | x_t, t, E_v)} (methods.md §4): a small 1-D conv net
 * over the noisy log-mel {@code x_t} concatenated with the projected, upsampled video features, with the timestep
 * embedding and the per-time condition added in its {@link ResBlock1d}s at the full, half and quarter mel rate, then
 * the mean and maximum over time and a linear map to one logit. It sees the noisy {@code x_t}, as the official
 * classifier does, so its gradient is the one the sampler needs.
 * <p>
 * Inputs {@code x [N, bins, L]}, {@code t [N]}, {@code cond [N, S, C]}; outputs {@code logit [N]} and
 * {@code logProb [N]} {@code = log σ(logit)} (the sampler's guidance differentiates its sum).
 */
final class AlignmentClassifierBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final DiffFoleyConfig config;
    private final Linear time1;
    private final Linear time2;
    private final Linear condProj;
    private final Conv1d inConv;
    private final ResBlock1d rb0;
    private final Conv1d down0;
    private final ResBlock1d rb1;
    private final Conv1d down1;
    private final ResBlock1d rb2;
    private final GroupNorm1d outNorm;
    private final Linear head;

    AlignmentClassifierBlock(DiffFoleyConfig config) {
        super(VERSION);
        this.config = config;
        int w = config.classifierWidth();
        int e = 2 * config.timeChannels();
        this.time1 = addChildBlock("time1", Linear.builder().setUnits(e).build());
        this.time2 = addChildBlock("time2", Linear.builder().setUnits(e).build());
        this.condProj = addChildBlock("condProj", Linear.builder().setUnits(config.condChannels()).build());
        this.inConv = addChildBlock("in", ResBlock1d.conv(w, 3));
        this.rb0 = addChildBlock("rb0", new ResBlock1d(w, w, config.groups()));
        this.down0 = addChildBlock("down0", strided(w));
        this.rb1 = addChildBlock("rb1", new ResBlock1d(w, w, config.groups()));
        this.down1 = addChildBlock("down1", strided(w));
        this.rb2 = addChildBlock("rb2", new ResBlock1d(w, w, config.groups()));
        this.outNorm = addChildBlock("outNorm", new GroupNorm1d(config.groups()));
        this.head = addChildBlock("head", Linear.builder().setUnits(1).build());
    }

    private static Conv1d strided(int w) {
        return Conv1d.builder().setKernelShape(new Shape(3)).optStride(new Shape(2)).optPadding(new Shape(1))
                .setFilters(w).build();
    }

    DiffFoleyConfig config() {
        return config;
    }

    /** Input shapes of a batch of {@code n}: x, t, cond. */
    Shape[] inputShapes(int n) {
        return new Shape[] {new Shape(n, config.melBins(), config.melFrames()), new Shape(n),
            new Shape(n, config.steps(), config.videoChannels())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray logit = logit(ps, inputs.get(0), inputs.get(1), inputs.get(2), training);
        return new NDList(logit, Activation.softPlus(logit.neg()).neg());
    }

    /** The logit {@code [N]} of "aligned". */
    NDArray logit(ParameterStore ps, NDArray x, NDArray t, NDArray cond, boolean training) {
        long b = x.getShape().get(0);
        NDArray emb = TimeAndCondition.timestepFeatures(t, config.timeChannels());
        emb = ResBlock1d.silu(time2.forward(ps,
                new NDList(ResBlock1d.silu(time1.forward(ps, new NDList(emb), training).head())), training).head());
        NDArray c = condProj.forward(ps, new NDList(cond), training).head().transpose(0, 2, 1);
        int perStep = (int) (x.getShape().get(2) / c.getShape().get(2));
        NDArray c0 = TimeAndCondition.upsample(c, perStep);
        NDArray h = inConv.forward(ps, new NDList(x.concat(c0, 1)), training).head();
        h = rb0.forward(ps, new NDList(h, emb, c0), training).head();
        h = down0.forward(ps, new NDList(h), training).head();
        h = rb1.forward(ps, new NDList(h, emb, TimeAndCondition.upsample(c, perStep / 2)), training).head();
        h = down1.forward(ps, new NDList(h), training).head();
        h = rb2.forward(ps, new NDList(h, emb, TimeAndCondition.upsample(c, perStep / 4)), training).head();
        h = ResBlock1d.silu(outNorm.forward(ps, new NDList(h), training).head());
        NDArray pooled = h.mean(new int[] {2}).concat(h.max(new int[] {2}), 1);
        return head.forward(ps, new NDList(pooled), training).head().reshape(b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape n = new Shape(inputShapes[0].get(0));
        return new Shape[] {n, n};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        int w = config.classifierWidth();
        int e = 2 * config.timeChannels();
        int d = config.condChannels();
        long l0 = config.melFrames();
        Shape emb = new Shape(n, e);
        time1.initialize(manager, dataType, new Shape(n, config.timeChannels()));
        time2.initialize(manager, dataType, emb);
        condProj.initialize(manager, dataType, new Shape(n, config.steps(), config.videoChannels()));
        inConv.initialize(manager, dataType, new Shape(n, config.melBins() + d, l0));
        rb0.initialize(manager, dataType, new Shape(n, w, l0), emb, new Shape(n, d, l0));
        down0.initialize(manager, dataType, new Shape(n, w, l0));
        rb1.initialize(manager, dataType, new Shape(n, w, l0 / 2), emb, new Shape(n, d, l0 / 2));
        down1.initialize(manager, dataType, new Shape(n, w, l0 / 2));
        rb2.initialize(manager, dataType, new Shape(n, w, l0 / 4), emb, new Shape(n, d, l0 / 4));
        outNorm.initialize(manager, dataType, new Shape(n, w, l0 / 4));
        head.initialize(manager, dataType, new Shape(n, 2L * w));
    }
}
