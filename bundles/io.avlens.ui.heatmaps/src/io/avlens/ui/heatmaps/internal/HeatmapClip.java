package io.avlens.ui.heatmaps.internal;

import java.util.Arrays;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.tensor.FloatTensor;

/**
 * The dense features of one clip ready for display, as DenseAV's own demo shows them: heatmaps averaged over
 * frequency and blurred along audio time with a 3-tap Gaussian ({@link #BLUR}); values clamped at 0; each head's
 * minimum and maximum over the whole clip, found once by streaming every slice (the 5-D volume is never held). The
 * blur is folded into the audio features (the similarity is linear in them), so a blurred heatmap costs what a raw one
 * does. Immutable and thread-safe after {@link #prepare}.
 */
public final class HeatmapClip {

    /** The official display's blur along audio time (weights of the previous, this and the next step). */
    public static final float[] BLUR = {0.107f, 0.787f, 0.107f};

    private final String model;
    private final DenseFeatures raw;
    private final DenseFeatures shown;
    private final float[] headLow;
    private final float[] headHigh;

    private HeatmapClip(String model, DenseFeatures raw, DenseFeatures shown, float[] low, float[] high) {
        this.model = model;
        this.raw = raw;
        this.shown = shown;
        this.headLow = low;
        this.headHigh = high;
    }

    /**
     * Blurs {@code raw} along audio time and finds each head's range over the clip; any thread.
     *
     * @param model   the id of the model that computed the features
     * @param monitor progress and cancel (one tick per frame)
     * @throws OperationCanceledException when {@code monitor} was cancelled
     */
    public static HeatmapClip prepare(String model, DenseFeatures raw, IProgressMonitor monitor) {
        DenseFeatures shown = blurred(raw);
        int heads = raw.heads();
        float[] low = new float[heads];
        float[] high = new float[heads];
        Arrays.fill(low, Float.POSITIVE_INFINITY);
        Arrays.fill(high, Float.NEGATIVE_INFINITY);
        float[] map = new float[raw.height() * raw.width()];
        SubMonitor progress = SubMonitor.convert(monitor, "Heatmap range of " + model, raw.frames());
        for (int frame = 0; frame < raw.frames(); frame++) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            for (int k = 0; k < heads; k++) {
                for (int t = 0; t < raw.steps(); t++) {
                    shown.slice(frame, k, t, map);
                    for (float v : map) {
                        float c = Math.max(0, v);
                        low[k] = Math.min(low[k], c);
                        high[k] = Math.max(high[k], c);
                    }
                }
            }
            progress.worked(1);
        }
        return new HeatmapClip(model, raw, shown, low, high);
    }

    /** {@code raw} with its audio features blurred along time by {@link #BLUR} (edges repeat the end step). */
    static DenseFeatures blurred(DenseFeatures raw) {
        FloatTensor audio = raw.audio();
        float[] a = audio.toArray();
        float[] b = new float[a.length];
        int steps = raw.steps();
        for (int row = 0; row < a.length / steps; row++) {
            int base = row * steps;
            for (int t = 0; t < steps; t++) {
                float before = a[base + Math.max(0, t - 1)];
                float after = a[base + Math.min(steps - 1, t + 1)];
                b[base + t] = BLUR[0] * before + BLUR[1] * a[base + t] + BLUR[2] * after;
            }
        }
        return DenseFeatures.of(raw.image(), FloatTensor.of(audio.shape(), b), raw.voicedMask(), raw.frameTime(),
                raw.audioTime());
    }

    /** The model that computed the features. */
    public String model() {
        return model;
    }

    /** The features as the model computed them (values read under the mouse, curves, the exported volume). */
    public DenseFeatures raw() {
        return raw;
    }

    /** The features as displayed: audio blurred along time. */
    public DenseFeatures shown() {
        return shown;
    }

    /** Head {@code k}'s smallest displayed value over the clip (after clamping at 0). */
    public float low(int k) {
        return headLow[k];
    }

    /** Head {@code k}'s largest displayed value over the clip. */
    public float high(int k) {
        return headHigh[k];
    }
}
