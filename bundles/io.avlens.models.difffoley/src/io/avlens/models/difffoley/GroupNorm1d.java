package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Group normalisation of {@code [B, C, L]} (Wu and He 2018; DJL has none): each sample's channels in
 * {@code groups} groups, each group normalised over its channels and time, then a learned per-channel scale and
 * shift. Unlike BatchNorm it does not depend on the batch, so a sample's output is the same alone or in a batch of
 * guidance cells.
 */
final class GroupNorm1d extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    GroupNorm1d(int groups) {
        super(VERSION);
        this.groups = groups;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optInitializer(new ConstantInitializer(1)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optInitializer(new ConstantInitializer(0)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long l = s.get(2);
        NDArray g = x.reshape(b, groups, c / groups * l);
        NDArray mean = g.mean(new int[] {2}, true);
        NDArray centred = g.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray norm = centred.div(var.add(EPSILON).sqrt()).reshape(b, c, l);
        NDArray scale = ps.getValue(gamma, x.getDevice(), training).reshape(1, c, 1);
        NDArray shift = ps.getValue(beta, x.getDevice(), training).reshape(1, c, 1);
        return new NDList(norm.mul(scale).add(shift));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long c = inputShapes[0].get(1);
        gamma.setShape(new Shape(c));
        beta.setShape(new Shape(c));
    }
}
