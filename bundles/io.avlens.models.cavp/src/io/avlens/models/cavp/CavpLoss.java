package io.avlens.models.cavp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The two contrastive objectives of CAVP (methods.md §1), on L2-normalised per-step features
 * {@code E_a, E_v ∈ R^{B×T×C}} and the learnable {@code logit_scale} {@code s} (logits are {@code e^s · cos}).
 * <p>
 * <b>Semantic contrast {@code L_S}</b> (as Diff-Foley): pool each clip over time by max, re-normalise,
 * {@code Ê_a, Ê_v ∈ R^{B×C}}; symmetric InfoNCE over the {@code B} clips of the batch, positives on the diagonal:
 * {@code L_S = ½ [CE_rows(e^s Ê_a Ê_vᵀ) + CE_cols(e^s Ê_a Ê_vᵀ)]}.
 * <p>
 * <b>Temporal contrast {@code L_T = L_steps + L_bands}</b> (our formulation). Diff-Foley contrasts {@code N_T = 3} pooled windows of one
 * video, at least 2 s apart. With per-step features we contrast the steps themselves: for every clip {@code b}, the
 * {@code T×T} matrix {@code M_b[i, j] = e^s E_a[b,i]·E_v[b,j]} is an InfoNCE problem whose positive for audio step
 * {@code i} is video step {@code i} and whose negatives are all other moments of the same clip, including the
 * adjacent ones: {@code L_steps = ½ mean_{b,i} [CE(M_b[i, ·], i) + CE(M_b[·, i], i)]}. This is the official
 * objective with windows shrunk to one video frame and no minimum distance. Steps that look and sound alike
 * (silence, no motion) cannot be told apart and keep their loss near {@code ln(#alike)}; that is expected.
 * <p>
 * {@code L_steps} alone leaves one failure that we measured: "nothing happens" steps of both modalities become
 * similar to each other, so on a shifted clip the band that pairs the most silence with the most stillness (e.g. a
 * delayed soundtrack's silent start with the still end of a bounce) wins the sync estimate. {@code L_bands} contrasts
 * the clip's diagonal with its shifted diagonals directly, in the form the estimator reads them (methods.md §1):
 * band means {@code β_b(d) = mean_t cos(E_a[b,t+d], E_v[b,t])} for {@code |d| ≤ D}, and
 * {@code L_bands = mean_b CE(e^s β_b(·), d_b)}: the true band must beat every other. To look like a clip whose sound
 * is shifted (where events near the ends lose their partner), the trainer compares a window of {@code T − D} video
 * steps with an audio window moved by a random {@code L_b ∈ [−D, D]} steps of the same in-sync clip, so
 * {@code d_b = −L_b} ({@link BandShifts}). Training clips are in sync and the shifts are our own, so this needs no
 * lag labels; it is Diff-Foley's "same video, other time" negative, taken at the level of whole bands.
 * <p>
 * {@code L = L_S + λ L_T} with {@code λ = 1} as in the paper. With identical features every logit row is constant,
 * so {@code L_S = ln B}, {@code L_steps = ln T} and {@code L_bands = ln(2D+1)} (a check used by the tests).
 */
final class CavpLoss {

    private CavpLoss() {
    }

    /** The losses of one batch; each a scalar NDArray still attached to the gradient graph. */
    record Terms(NDArray semantic, NDArray steps, NDArray bands, NDArray temporal, NDArray total) {
    }

    /**
     * @param audio      {@code [B, T, C]}, L2-normalised
     * @param video      {@code [B, T, C]}, L2-normalised
     * @param logitScale {@code [1]}, the logit scale before {@code exp}
     * @param lambda     weight of {@code L_T}
     * @param maxLag     {@code D} of {@code L_bands}, steps; less than {@code T}
     */
    static Terms compute(NDArray audio, NDArray video, NDArray logitScale, float lambda, int maxLag) {
        int b = (int) audio.getShape().get(0);
        int t = (int) audio.getShape().get(1);
        return compute(audio, video, logitScale, lambda, maxLag, BandShifts.none(b, t), audio);
    }

    /**
     * The windows {@code L_bands} compares: entry {@code b} pairs steps {@code [videoStart[b] + lag[b], … + window)}
     * of the band audio features with video steps {@code [videoStart[b], … + window)}. The band audio may start
     * {@code subStep[b] / subDivisions} of a step late (the trainer cuts its mel that many frames later), so the true
     * offset is {@code d = −lag[b] − subStep[b]/subDivisions}, a fraction in general; the target then splits between
     * the two nearest bands in proportion ({@code 1 − f} on {@code −lag}, {@code f} on {@code −lag − 1}), as AV-Shapes
     * lags are continuous too. All zero with {@code window = T} is the plain in-sync clip.
     */
    record BandShifts(int window, int[] lags, int[] videoStarts, int[] subSteps, int subDivisions) {

        static BandShifts none(int batch, int steps) {
            return new BandShifts(steps, new int[batch], new int[batch], new int[batch], 1);
        }
    }

    /**
     * As {@link #compute(NDArray, NDArray, NDArray, float, int)}, with {@code L_bands} on shifted windows of
     * {@code bandAudio} (the audio features, or those of the same audio cut a fraction of a step later).
     */
    static Terms compute(NDArray audio, NDArray video, NDArray logitScale, float lambda, int maxLag,
            BandShifts shifts, NDArray bandAudio) {
        NDArray scale = logitScale.exp();
        NDArray pooledA = CavpBlock.normalise(audio.max(new int[] {1}));
        NDArray pooledV = CavpBlock.normalise(video.max(new int[] {1}));
        NDArray clipLogits = pooledA.matMul(pooledV.transpose()).mul(scale);
        NDArray semantic = symmetricInfoNce(clipLogits, 0);
        NDArray cosines = audio.batchMatMul(video.transpose(0, 2, 1));
        NDArray steps = symmetricInfoNce(cosines.mul(scale), 1);
        NDArray bands = bandInfoNce(bandAudio, video, scale, maxLag, shifts);
        NDArray temporal = steps.add(bands);
        return new Terms(semantic, steps, bands, temporal, semantic.add(temporal.mul(lambda)));
    }

    /** {@code L_bands} on the windows {@code shifts} picks. */
    static NDArray bandInfoNce(NDArray audio, NDArray video, NDArray scale, int maxLag, BandShifts shifts) {
        int b = (int) audio.getShape().get(0);
        int t = (int) Math.min(audio.getShape().get(1), video.getShape().get(1));
        int w = shifts.window();
        if (maxLag >= w || w > t) {
            throw new IllegalArgumentException("the band loss needs D < window ≤ T, not D " + maxLag + ", window " + w
                    + ", T " + t);
        }
        NDList windows = new NDList();
        float[] target = new float[b * (2 * maxLag + 1)];
        for (int i = 0; i < b; i++) {
            int v0 = shifts.videoStarts()[i];
            int a0 = v0 + shifts.lags()[i];
            NDArray a = audio.get(new NDIndex("{}, {}:{}", i, a0, a0 + w));
            NDArray v = video.get(new NDIndex("{}, {}:{}", i, v0, v0 + w));
            windows.add(a.matMul(v.transpose()).expandDims(0));
            float f = (float) shifts.subSteps()[i] / shifts.subDivisions();
            int exact = i * (2 * maxLag + 1) + maxLag - shifts.lags()[i];
            target[exact] = 1 - f;
            if (f > 0) {
                target[exact - 1] = f;
            }
        }
        NDArray cosines = NDArrays.concat(windows, 0); // [B, w, w], audio step first
        float[] weights = new float[(2 * maxLag + 1) * w * w];
        for (int d = -maxLag; d <= maxLag; d++) {
            int count = w - Math.abs(d);
            for (int v = Math.max(0, -d); v < w && v + d < w; v++) {
                weights[((d + maxLag) * w + v + d) * w + v] = 1f / count;
            }
        }
        NDManager m = cosines.getManager();
        NDArray means = cosines.reshape(b, (long) w * w)
                .matMul(m.create(weights, new Shape(2 * maxLag + 1, (long) w * w)).transpose()); // [B, 2D+1]
        NDArray logProb = means.mul(scale).logSoftmax(1);
        return logProb.mul(m.create(target, new Shape(b, 2 * maxLag + 1))).sum().neg().div(b);
    }

    /**
     * Symmetric cross-entropy with the diagonal as target, over the last two axes of {@code logits}
     * ({@code [N, N]} or {@code [B, N, N]}); {@code batchAxes} is 0 or 1.
     */
    static NDArray symmetricInfoNce(NDArray logits, int batchAxes) {
        long n = logits.getShape().get(batchAxes);
        NDArray eye = logits.getManager().eye((int) n);
        NDArray rowLoss = logits.logSoftmax(batchAxes + 1).mul(eye).sum().neg();
        NDArray colLoss = logits.logSoftmax(batchAxes).mul(eye).sum().neg();
        long count = logits.getShape().size() / n;
        return rowLoss.add(colLoss).div(2f * count);
    }
}
