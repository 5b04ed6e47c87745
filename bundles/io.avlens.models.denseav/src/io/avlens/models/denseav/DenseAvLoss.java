package io.avlens.models.denseav;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * DenseAV's clip score and contrastive loss (methods.md §2; official {@code denseav/aggregators.py},
 * {@code prepare_sims} with {@code head_agg = max_elementwise} and the default {@code misa} aggregation).
 * <p>
 * For every audio item {@code a} and every image item {@code v} of a batch, per head {@code k}:
 * {@code S_k[a, v, h, w, f, t] = <V[v, k, :, h, w], A[a, k, :, f, t]>} (official {@code "akcft,vkchw->avkhwft"});
 * then, in the official order, the maximum over heads element-wise on the whole volume, the maximum over space
 * {@code (h, w)}, the mean over frequency {@code f} and the mean over the non-silent steps {@code t} of audio
 * {@code a} (its mask), giving the score matrix {@code s[a, v]}. The loss is the symmetric InfoNCE over the batch
 * with positives on the diagonal: {@code ½ [CE_rows(e^λ s) + CE_cols(e^λ s)]}, {@code λ} the learnable
 * {@code logit_scale}. Silence is not clamped at 0 (the official option is off by default). Stateless.
 */
public final class DenseAvLoss {

    private DenseAvLoss() {
    }

    /**
     * The score of every audio against every image.
     *
     * @param image  {@code [Bv, K, C, h, w]}
     * @param audio  {@code [Ba, K, C, F, T]}
     * @param voiced {@code [Ba, T]}, 1 where the step is not silence, else 0; each row needs at least one 1
     * @return {@code [Ba, Bv]}
     */
    public static NDArray scores(NDArray image, NDArray audio, NDArray voiced) {
        return scores(image, audio, voiced, 0);
    }

    /**
     * The score of every audio against every image, with the space reduction {@code max − contrast · mean}: for
     * {@code contrast} 0 DenseAV's (the {@linkplain #scores(NDArray, NDArray, NDArray) plain score}); for
     * {@code contrast > 0} the heads' element-wise maximum is taken first and then its maximum over space less
     * {@code contrast} times its mean over space, so a similarity that is as high on every cell (the background's)
     * adds less than one that stands out at one place.
     *
     * @param image    {@code [Bv, K, C, h, w]}
     * @param audio    {@code [Ba, K, C, F, T]}
     * @param voiced   {@code [Ba, T]}, 1 where the step is not silence, else 0; each row needs at least one 1
     * @param contrast weight of the mean over space, at least 0
     * @return {@code [Ba, Bv]}
     */
    public static NDArray scores(NDArray image, NDArray audio, NDArray voiced, double contrast) {
        NDArray sims = similarities(image, audio);
        long bv = image.getShape().get(0);
        long ba = audio.getShape().get(0);
        long f = audio.getShape().get(3);
        long t = audio.getShape().get(4);
        // max over heads element-wise, then over space: both maxima of one (k, h, w) set, taken space first, so
        // the full volume is reduced once (same value and gradient as the official order)
        NDArray space;
        if (contrast > 0) {
            NDArray heads = sims.max(new int[] {0}); // [Ba·F·T, Bv, hw]
            space = heads.max(new int[] {2}).sub(heads.mean(new int[] {2}).mul((float) contrast))
                    .reshape(ba, f, t, bv);
        } else {
            space = sims.max(new int[] {3}).max(new int[] {0}).reshape(ba, f, t, bv); // [Ba, F, T, Bv]
        }
        NDArray freq = space.mean(new int[] {1}); // [Ba, T, Bv]
        NDArray mask = voiced.reshape(ba, t, 1);
        return freq.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1})); // [Ba, Bv]
    }

    /**
     * The score of every audio against every image for each head on its own (no maximum over heads): per head
     * {@code k} the maximum over space of {@code S_k} (less {@code contrast} times its mean over space), the mean over
     * frequency and over the audio's non-silent steps. With one head it is the {@linkplain #scores(NDArray, NDArray,
     * NDArray, double) plain score}.
     *
     * @param image    {@code [Bv, K, C, h, w]}
     * @param audio    {@code [Ba, K, C, F, T]}
     * @param voiced   {@code [Ba, T]}, 1 where the step is not silence, else 0; each row needs at least one 1
     * @param contrast weight of the mean over space, at least 0
     * @return {@code [K, Ba, Bv]}
     */
    public static NDArray headScores(NDArray image, NDArray audio, NDArray voiced, double contrast) {
        NDArray sims = similarities(image, audio);
        long k = sims.getShape().get(0);
        long bv = image.getShape().get(0);
        long ba = audio.getShape().get(0);
        long f = audio.getShape().get(3);
        long t = audio.getShape().get(4);
        NDArray space = sims.max(new int[] {3});
        if (contrast > 0) {
            space = space.sub(sims.mean(new int[] {3}).mul((float) contrast));
        }
        NDArray freq = space.reshape(k, ba, f, t, bv).mean(new int[] {2}); // [K, Ba, T, Bv]
        NDArray mask = voiced.reshape(1, ba, t, 1);
        return freq.mul(mask).sum(new int[] {2}).div(mask.sum(new int[] {2})); // [K, Ba, Bv]
    }

    /**
     * Every head's dense similarity {@code S_k} of every audio step and frequency with every image cell,
     * {@code [K, Ba·F·T, Bv, h·w]} (official {@code "akcft,vkchw->avkhwft"}, laid out for the reductions).
     *
     * @throws IllegalArgumentException when image and audio disagree on heads × channels
     */
    private static NDArray similarities(NDArray image, NDArray audio) {
        Shape v = image.getShape();
        Shape a = audio.getShape();
        long k = v.get(1);
        long c = v.get(2);
        if (a.get(1) != k || a.get(2) != c) {
            throw new IllegalArgumentException("image " + v + " and audio " + a + " disagree on heads × channels");
        }
        long hw = v.get(3) * v.get(4);
        long aft = a.get(0) * a.get(3) * a.get(4);
        NDArray left = audio.transpose(1, 0, 3, 4, 2).reshape(k, aft, c); // [K, Ba·F·T, C]
        NDArray right = image.transpose(1, 2, 0, 3, 4).reshape(k, c, v.get(0) * hw); // [K, C, Bv·hw]
        return left.batchMatMul(right).reshape(k, aft, v.get(0), hw);
    }

    /**
     * Each image cell's mean similarity to the batch's audio, per head: {@code S_k} averaged over every audio item,
     * frequency and step (silence included, as the disentanglement term), {@code [K, Bv, h·w]}. A cell as similar to
     * every sound (the floor, a background texture) has a large offset; a cell that matches one sound and not the
     * others averages out. The centring term is the mean of its square ({@link #centring}).
     *
     * @param image {@code [Bv, K, C, h, w]}
     * @param audio {@code [Ba, K, C, F, T]}
     */
    public static NDArray cellOffsets(NDArray image, NDArray audio) {
        return similarities(image, audio).mean(new int[] {1});
    }

    /**
     * The centring term: the mean over heads, images and cells of the squared {@linkplain #cellOffsets cell offset}, a
     * scalar. Added to the InfoNCE with a weight, it pulls every cell's average similarity to 0 without changing
     * which audio a cell matches best, so a heatmap's background stays below its peaks.
     */
    public static NDArray centring(NDArray image, NDArray audio) {
        return cellOffsets(image, audio).square().mean();
    }

    /** The mean over heads of each head's {@linkplain #infoNce symmetric InfoNCE}, {@code scores [K, B, B]}. */
    public static NDArray infoNceApart(NDArray scores, NDArray logitScale) {
        long k = scores.getShape().get(0);
        NDArray sum = null;
        for (long h = 0; h < k; h++) {
            NDArray one = infoNce(scores.get(h), logitScale);
            sum = sum == null ? one : sum.add(one);
        }
        return sum.div((float) k);
    }

    /**
     * The image map without its outer {@code border} rings of cells, for a score whose maximum (and mean) over space
     * leaves the frame's edge out: {@code [Bv, K, C, h − 2r, w − 2r]} from {@code [Bv, K, C, h, w]}; {@code image}
     * itself when {@code border} is 0.
     *
     * @throws IllegalArgumentException when {@code border} is negative or leaves no cell
     */
    public static NDArray interior(NDArray image, int border) {
        Shape v = image.getShape();
        if (border < 0 || 2L * border >= Math.min(v.get(3), v.get(4))) {
            throw new IllegalArgumentException("a border of " + border + " cells leaves no cell of a " + v.get(3)
                    + " x " + v.get(4) + " map");
        }
        if (border == 0) {
            return image;
        }
        return image.get(new ai.djl.ndarray.index.NDIndex(":, :, :, {}:{}, {}:{}", border, v.get(3) - border,
                border, v.get(4) - border));
    }

    /** The symmetric InfoNCE of a square score matrix {@code [B, B]} at logit scale {@code e^logitScale}. */
    public static NDArray infoNce(NDArray scores, NDArray logitScale) {
        NDArray logits = scores.mul(logitScale.exp());
        long n = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) n);
        NDArray rows = logits.logSoftmax(1).mul(eye).sum().neg();
        NDArray cols = logits.logSoftmax(0).mul(eye).sum().neg();
        return rows.add(cols).div(2f * n);
    }

    /**
     * DenseAV's disentanglement term (official {@code LitAVAligner.loss}, {@code disentangle_weight}): for each
     * positive pair {@code b} (audio {@code b} with image {@code b}) the per-head dense similarity
     * {@code S_k[b, h, w, f, t]} is summed over the heads of the other source than clip {@code b}'s
     * ({@code otherHeads}, {@link ClipSource#otherHeads}), squared and averaged over {@code b, h, w, f, t}, every
     * step included (the official term takes no silence mask). A clip whose mask row is all 0 (source
     * {@link ClipSource#NONE}) adds 0 but still counts in the mean.
     *
     * @param image      {@code [B, K, C, h, w]}
     * @param audio      {@code [B, K, C, F, T]}
     * @param otherHeads {@code [B, K]}
     * @return a scalar
     */
    public static NDArray disentangle(NDArray image, NDArray audio, NDArray otherHeads) {
        Shape v = image.getShape();
        Shape a = audio.getShape();
        long b = v.get(0);
        long k = v.get(1);
        long c = v.get(2);
        long hw = v.get(3) * v.get(4);
        long ft = a.get(3) * a.get(4);
        if (a.get(0) != b || a.get(1) != k || a.get(2) != c) {
            throw new IllegalArgumentException("image " + v + " and audio " + a + " are not paired");
        }
        NDArray left = image.reshape(b * k, c, hw).transpose(0, 2, 1); // [B·K, hw, C]
        NDArray right = audio.reshape(b * k, c, ft); // [B·K, C, F·T]
        NDArray paired = left.batchMatMul(right).reshape(b, k, hw * ft); // S_k[b, ·] of the positive pairs
        NDArray other = paired.mul(otherHeads.reshape(b, k, 1)).sum(new int[] {1}); // [B, hw·F·T]
        return other.square().mean();
    }
}
