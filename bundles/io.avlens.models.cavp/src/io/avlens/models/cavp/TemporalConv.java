package io.avlens.models.cavp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1-D convolution over time ({@code [B, C, T] → [B, F, T]}) that pads by repeating the first and last step instead
 * of with zeros. Why: zero padding gives the first and last steps of <em>both</em> encoders a signature of their
 * own, and since training pairs always start and end together, the network learns to match edge with edge; on a
 * clip whose sound is shifted that shortcut votes for lag 0 whatever the content (we measured it: most wrong
 * estimates of a zero-padded model were exactly 0).
 */
final class TemporalConv extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int kernel;
    private final Conv1d conv;

    TemporalConv(int filters, int kernel) {
        super(VERSION);
        this.kernel = kernel;
        this.conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(filters)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int pad = kernel / 2;
        if (pad > 0) {
            long t = x.getShape().get(2);
            NDArray first = x.get(new NDIndex(":, :, 0:1"));
            NDArray last = x.get(new NDIndex(":, :, {}:{}", t - 1, t));
            NDList parts = new NDList();
            for (int i = 0; i < pad; i++) {
                parts.add(first);
            }
            parts.add(x);
            for (int i = 0; i < pad; i++) {
                parts.add(last);
            }
            x = NDArrays.concat(parts, 2);
        }
        return conv.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), conv.getOutputShapes(new Shape[] {
            new Shape(s.get(0), s.get(1), s.get(2) + 2L * (kernel / 2))})[0].get(1), s.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) + 2L * (kernel / 2)));
    }
}
