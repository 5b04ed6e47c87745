package io.avlens.models.mc3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;

/**
 * MC3's training objective ({@code methods.md} §3). SoundingActions (MC3) released no code: <b>this formulation is
 * ours</b>, written from the paper's description.
 * <p>
 * With unit rows {@code a, v, l} ({@code [B, D]}, audio, video, language) and {@code sim} the cosine:
 * <ul>
 * <li>the pairwise term is the mean of the three symmetric InfoNCE losses over the batch, for (a,v), (a,l) and
 * (v,l), positives on the diagonal, at logit scale {@code e^λ} ({@link #infoNce});</li>
 * <li>the consensus term, anchor language: {@code c_i = min_{m ∈ {a, v}} sim(l_i, m_i)},
 * {@code w_i = σ((c_i − μ)/s)} computed without gradient, and
 * {@code L_cons = (1/B) Σ_i Σ_{m<n} [w_i (1 − sim(m_i, n_i)) + (1 − w_i) max(0, sim(m_i, n_i) − margin)]}
 * over the three pairs: a clip whose modalities all agree is pulled together further, one where any disagrees with
 * the narration is pushed below the margin ({@link #consensus}). The methods page sums over {@code i}; we take the
 * batch mean, which only rescales the term's weight.</li>
 * </ul>
 * The total is {@code pairwise + weight · L_cons}; weight 0 is the no-consensus ablation. Stateless.
 */
public final class Mc3Loss {

    /**
     * The consensus term's settings.
     *
     * @param weight its weight in the total (0: off)
     * @param mu     {@code μ}, the consensus at which {@code w = ½}
     * @param scale  {@code s > 0}, the width of the sigmoid
     * @param margin below this similarity a disagreeing pair is no longer pushed
     */
    public record Consensus(double weight, double mu, double scale, double margin) {
        public Consensus {
            if (!(weight >= 0) || !(scale > 0) || !Double.isFinite(mu) || !Double.isFinite(margin)) {
                throw new IllegalArgumentException("bad consensus settings: weight " + weight + ", mu " + mu
                        + ", scale " + scale + ", margin " + margin);
            }
        }
    }

    private Mc3Loss() {
    }

    /** The symmetric InfoNCE of a square similarity matrix {@code [B, B]} at logit scale {@code e^logitScale}. */
    public static NDArray infoNce(NDArray sims, NDArray logitScale) {
        NDArray logits = sims.mul(logitScale.exp());
        long n = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) n);
        NDArray rows = logits.logSoftmax(1).mul(eye).sum().neg();
        NDArray cols = logits.logSoftmax(0).mul(eye).sum().neg();
        return rows.add(cols).div(2f * n);
    }

    /** The mean of the three pairwise InfoNCE losses. */
    public static NDArray pairwise(NDArray a, NDArray v, NDArray l, NDArray logitScale) {
        NDArray av = infoNce(a.matMul(v.transpose()), logitScale);
        NDArray al = infoNce(a.matMul(l.transpose()), logitScale);
        NDArray vl = infoNce(v.matMul(l.transpose()), logitScale);
        return av.add(al).add(vl).div(3f);
    }

    /** Each item's own similarity of two modalities, {@code [B]}. */
    public static NDArray diagonal(NDArray x, NDArray y) {
        return x.mul(y).sum(new int[] {1});
    }

    /** The consensus {@code c_i = min(sim(l_i, a_i), sim(l_i, v_i))}, {@code [B]}. */
    public static NDArray consensusScore(NDArray a, NDArray v, NDArray l) {
        return NDArrays.minimum(diagonal(l, a), diagonal(l, v));
    }

    /** The weights {@code w_i = σ((c_i − μ)/s)}, detached from the graph. */
    public static NDArray weights(NDArray a, NDArray v, NDArray l, Consensus settings) {
        NDArray c = consensusScore(a, v, l).stopGradient();
        return Activation.sigmoid(c.sub((float) settings.mu()).div((float) settings.scale()));
    }

    /** {@code L_cons} as above, a scalar. */
    public static NDArray consensus(NDArray a, NDArray v, NDArray l, Consensus settings) {
        NDArray w = weights(a, v, l, settings);
        NDArray total = null;
        for (NDArray sim : new NDArray[] {diagonal(a, v), diagonal(a, l), diagonal(v, l)}) {
            NDArray pull = w.mul(sim.neg().add(1f));
            NDArray push = w.neg().add(1f).mul(sim.sub((float) settings.margin()).maximum(0f));
            NDArray term = pull.add(push);
            total = total == null ? term : total.add(term);
        }
        return total.mean();
    }

    /**
     * The total loss and its parts: {@code [total, pairwise, consensus]} (the consensus term is computed, and
     * logged, even when its weight is 0).
     */
    public static NDArray[] total(NDArray a, NDArray v, NDArray l, NDArray logitScale, Consensus settings) {
        NDArray pair = pairwise(a, v, l, logitScale);
        NDArray cons = consensus(a, v, l, settings);
        NDArray total = settings.weight() == 0 ? pair : pair.add(cons.mul((float) settings.weight()));
        return new NDArray[] {total, pair, cons};
    }
}
