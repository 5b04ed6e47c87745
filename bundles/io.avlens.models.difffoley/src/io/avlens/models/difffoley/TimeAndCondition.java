package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The two embeddings both of Diff-Foley-small's networks share: the sinusoidal timestep features (DDPM's, as the
 * official code's {@code timestep_embedding}) and the nearest-neighbour upsampling of per-video-step features to a
 * mel time axis (each step covers the mel frames of its video frame's display interval). Stateless.
 */
final class TimeAndCondition {

    private TimeAndCondition() {
    }

    /**
     * {@code [B, dim]}: {@code cos(t·f_i)} then {@code sin(t·f_i)} with {@code f_i = 10000^(−i/(dim/2))}.
     *
     * @param t {@code [B]} diffusion timesteps (0 … 999, real-valued)
     */
    static NDArray timestepFeatures(NDArray t, int dim) {
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000) * i / half);
        }
        NDArray f = t.getManager().create(freqs).reshape(1, half);
        NDArray args = t.reshape(-1, 1).mul(f);
        return args.cos().concat(args.sin(), 1);
    }

    /** {@code [B, C, S] → [B, C, S·k]}, each step repeated {@code k} times. */
    static NDArray upsample(NDArray x, int k) {
        if (k == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(3).broadcast(new Shape(s.get(0), s.get(1), s.get(2), k))
                .reshape(s.get(0), s.get(1), s.get(2) * k);
    }
}
