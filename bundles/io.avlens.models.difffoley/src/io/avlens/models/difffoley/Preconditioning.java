package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;

/**
 * The denoiser's preconditioning (Karras et al. 2022, "EDM", written for the variance-preserving
 * {@code x_t = α_t x₀ + σ_t ε}): with the noise level {@code s = σ_t / α_t} of {@code x_t / α_t = x₀ + s ε} and the
 * data's scale {@link #SIGMA_DATA}, the clean log-mel is {@code x̂₀ = c_skip x_t / α_t + c_out F} where {@code F} is
 * the network's output, {@code c_skip = σ_d² / (s² + σ_d²)} and {@code c_out = s σ_d / √(s² + σ_d²)}. At low noise
 * {@code x̂₀} is mostly the input itself, so the network only corrects it; at high noise mostly the network. The
 * training target {@code (x₀ − c_skip x_t / α_t) / c_out} then has about unit variance at every step.
 * <p>
 * Why: the first denoiser predicted {@code ε} as {@code σ_t x_t +} the network, and its half-rate body could not
 * pass the full-rate part of the noise through: its {@code x̂₀} from a real clip's {@code x_t} was worse at step
 * 500 (mean squared error 0.087 on [−1, 1], 10 validation clips) than at step 900 (0.044), removed only about a
 * quarter of the noise at step 10, and its samples stayed speckled with noise that the judges of issue #18 rejected.
 *
 * @param sigma {@code σ_t [B]}
 * @param alpha {@code α_t [B]}
 * @param cSkip {@code c_skip [B]}
 * @param cOut  {@code c_out [B]}
 */
record Preconditioning(NDArray sigma, NDArray alpha, NDArray cSkip, NDArray cOut) {

    /** {@code σ_d}: about the standard deviation of AV-Shapes log-mels on [−1, 1]. */
    static final float SIGMA_DATA = 0.5f;

    /** At steps {@code t [B]} (real-valued, 0 … 999). */
    static Preconditioning at(NDArray t) {
        NDArray sigma = DenoiserBlock.sigma(t);
        NDArray alpha = sigma.square().neg().add(1).sqrt();
        NDArray s2 = sigma.div(alpha).square();
        NDArray d2 = s2.add(SIGMA_DATA * SIGMA_DATA);
        NDArray cSkip = d2.pow(-1).mul(SIGMA_DATA * SIGMA_DATA);
        NDArray cOut = s2.sqrt().mul(SIGMA_DATA).div(d2.sqrt());
        return new Preconditioning(sigma, alpha, cSkip, cOut);
    }

    /** The network's target {@code [B, bins, L]} for clean {@code x0} and its noised {@code xt}. */
    NDArray target(NDArray x0, NDArray xt) {
        return x0.sub(xt.div(alpha.reshape(-1, 1, 1)).mul(cSkip.reshape(-1, 1, 1))).div(cOut.reshape(-1, 1, 1));
    }
}
