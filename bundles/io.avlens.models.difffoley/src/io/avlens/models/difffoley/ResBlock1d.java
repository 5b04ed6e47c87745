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
 * A residual block over time ({@code [B, C, L] → [B, F, L]}), as in DDPM's U-Net but 1-D: group norm, SiLU,
 * convolution (kernel 3), plus the timestep embedding (a learned per-channel bias) and the per-time condition (a 1×1
 * convolution of the condition at this resolution: what carries sync), group norm, SiLU, convolution, plus the
 * input (through a 1×1 convolution when the widths differ). Inputs: {@code x [B, C, L]}, {@code emb [B, E]} (after
 * its SiLU), {@code cond [B, D, L]}.
 */
final class ResBlock1d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int in;
    private final int out;
    private final GroupNorm1d norm1;
    private final Conv1d conv1;
    private final Linear emb;
    private final Conv1d cond;
    private final GroupNorm1d norm2;
    private final Conv1d conv2;
    private final Conv1d skip;

    ResBlock1d(int in, int out, int groups) {
        super(VERSION);
        this.in = in;
        this.out = out;
        this.norm1 = addChildBlock("norm1", new GroupNorm1d(groups));
        this.conv1 = addChildBlock("conv1", conv(out, 3));
        this.emb = addChildBlock("emb", Linear.builder().setUnits(out).build());
        this.cond = addChildBlock("cond", conv(out, 1));
        this.norm2 = addChildBlock("norm2", new GroupNorm1d(groups));
        this.conv2 = addChildBlock("conv2", conv(out, 3));
        this.skip = in == out ? null : addChildBlock("skip", conv(out, 1));
    }

    /** A 1-D convolution that keeps the length (zero padding). */
    static Conv1d conv(int filters, int kernel) {
        return Conv1d.builder().setKernelShape(new Shape(kernel)).optPadding(new Shape(kernel / 2))
                .setFilters(filters).build();
    }

    /** {@code x · sigmoid(x)}. */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray e = inputs.get(1);
        NDArray c = inputs.get(2);
        long b = x.getShape().get(0);
        NDArray h = conv1.forward(ps, new NDList(silu(norm1.forward(ps, new NDList(x), training).head())),
                training).head();
        h = h.add(emb.forward(ps, new NDList(e), training).head().reshape(b, out, 1))
                .add(cond.forward(ps, new NDList(c), training).head());
        h = conv2.forward(ps, new NDList(silu(norm2.forward(ps, new NDList(h), training).head())), training).head();
        NDArray s = skip == null ? x : skip.forward(ps, new NDList(x), training).head();
        return new NDList(s.add(h));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), out, x.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape o = new Shape(x.get(0), out, x.get(2));
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        emb.initialize(manager, dataType, inputShapes[1]);
        cond.initialize(manager, dataType, inputShapes[2]);
        norm2.initialize(manager, dataType, o);
        conv2.initialize(manager, dataType, o);
        if (skip != null) {
            skip.initialize(manager, dataType, new Shape(x.get(0), in, x.get(2)));
        }
    }
}
