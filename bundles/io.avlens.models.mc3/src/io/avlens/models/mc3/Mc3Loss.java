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
 * <li>the consensus term with anchor modality {@code m_a} (language by default, {@link Anchor}):
 * {@code c_i = min_{m ≠ m_a} sim(m_a,i, m_i)}, e.g. {@code min(sim(l_i, a_i), sim(l_i, v_i))} for language,
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
     * The consensus's anchor modality {@code m_a} ({@code methods.md} §3): the consensus of a clip is the smallest
     * similarity between the anchor and each other modality. The one definition of MC3's consensus, used by the
     * loss, the evaluation and the embedding.
     */
    public enum Anchor {
        /** {@code min(sim(l,a), sim(l,v))}: the narration (the shipped weights' anchor). */
        TEXT,
        /** {@code min(sim(a,v), sim(a,l))}: the sound. */
        AUDIO,
        /** {@code min(sim(v,a), sim(v,l))}: the picture. */
        VIDEO;

        /** The name written in descriptors and typed on the command line, e.g. {@code audio}. */
        public String modality() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The anchor named {@code modality} ({@code audio}, {@code video} or {@code text}).
         *
         * @throws IllegalArgumentException naming the value and the choices
         */
        public static Anchor of(String modality) {
            for (Anchor a : values()) {
                if (a.modality().equals(modality)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown consensus anchor '" + modality
                    + "'; expected audio, video or text");
        }

        /** The consensus from a clip's three own-pair similarities. */
        public double consensus(double audioVideo, double audioText, double videoText) {
            return switch (this) {
                case TEXT -> Math.min(audioText, videoText);
                case AUDIO -> Math.min(audioVideo, audioText);
                case VIDEO -> Math.min(audioVideo, videoText);
            };
        }

        /** The consensus of a batch from its own-pair similarities ({@code [B]} each), {@code [B]}. */
        NDArray consensus(NDArray audioVideo, NDArray audioText, NDArray videoText) {
            return switch (this) {
                case TEXT -> NDArrays.minimum(audioText, videoText);
                case AUDIO -> NDArrays.minimum(audioVideo, audioText);
                case VIDEO -> NDArrays.minimum(audioVideo, videoText);
            };
        }
    }

    /**
     * The consensus term's settings.
     *
     * @param weight its weight in the total (0: off)
     * @param mu     {@code μ}, the consensus at which {@code w = ½}
     * @param scale  {@code s > 0}, the width of the sigmoid
     * @param margin below this similarity a disagreeing pair is no longer pushed
     * @param anchor the anchor modality of the consensus
     */
    public record Consensus(double weight, double mu, double scale, double margin, Anchor anchor) {
        public Consensus {
            if (!(weight >= 0) || !(scale > 0) || !Double.isFinite(mu) || !Double.isFinite(margin)
                    || anchor == null) {
                throw new IllegalArgumentException("bad consensus settings: weight " + weight + ", mu " + mu
                        + ", scale " + scale + ", margin " + margin + ", anchor " + anchor);
            }
        }

        /** Settings with the language anchor (the shipped weights' recipe). */
        public Consensus(double weight, double mu, double scale, double margin) {
            this(weight, mu, scale, margin, Anchor.TEXT);
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

    /** The consensus with the language anchor, {@code c_i = min(sim(l_i, a_i), sim(l_i, v_i))}, {@code [B]}. */
    public static NDArray consensusScore(NDArray a, NDArray v, NDArray l) {
        return consensusScore(a, v, l, Anchor.TEXT);
    }

    /** The consensus with anchor {@code anchor}, {@code [B]}. */
    public static NDArray consensusScore(NDArray a, NDArray v, NDArray l, Anchor anchor) {
        return anchor.consensus(diagonal(a, v), diagonal(a, l), diagonal(v, l));
    }

    /** The weights {@code w_i = σ((c_i − μ)/s)}, detached from the graph. */
    public static NDArray weights(NDArray a, NDArray v, NDArray l, Consensus settings) {
        NDArray c = consensusScore(a, v, l, settings.anchor()).stopGradient();
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
