package io.avlens.cli.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import com.google.gson.JsonObject;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.HeatmapOverlay;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.TensorSpec;

/**
 * {@code avlens bench --heatmap}: the dense-heatmap path's costs. {@code features}: a DenseAV model's forward
 * passes for 10 s at its profile (random inputs; the sound in one call, frames 32 per call, as the heatmap task
 * calls the built-in block). {@code instant}: one new instant (the heads' maximum at one frame and audio step
 * from features of DenseAV-small's shape, blended with inferno over a 1920×1080 ARGB picture), against the same
 * heatmap computed in the official order (per frequency, then the mean) plus the same blend. {@code memory}: the
 * bytes of the arrays a clip's features hold against those of its materialised volume, for 5 s and 10 s.
 */
final class HeatmapBench {

    private static final int FRAMES_PER_CALL = 32;
    private static final int VIEW_W = 1920;
    private static final int VIEW_H = 1080;

    private HeatmapBench() {
    }

    /**
     * The channels of a frame {@code model} reads: the last size of its {@code frames} input (RGB and, for a
     * DenseAV-small with motion channels, the change since the previous frame), 3 when the size is not fixed.
     */
    static int imageChannels(LoadedModel model) {
        for (TensorSpec t : model.spec().inputs()) {
            if (t.name().equals("frames") && t.shape().dims().size() == 4 && !t.shape().dims().get(3).isSymbolic()) {
                return t.shape().dims().get(3).size();
            }
        }
        return 3;
    }

    /** Median and 95th percentile of a 10 s clip's features through {@code model}. */
    static JsonObject features(LoadedModel model, PreprocessingProfile profile, int runs) throws InferenceException {
        double fps = profile.video().fps();
        int frames = (int) Math.round(10 * fps);
        int h = profile.video().height();
        int w = profile.video().width();
        int c = imageChannels(model);
        int bins = profile.mel().bins();
        int mel = (int) Math.round(10 * profile.melFramesPerSecond());
        int hop = Math.max(1, mel / frames);
        Random random = new Random(1);
        FloatTensor sound = FloatTensor.wrap(new int[] {1, bins, mel}, noise(random, bins * mel));
        float[] pixels = noise(random, FRAMES_PER_CALL * h * w * c);
        double[] ms = new double[runs];
        for (int i = -3; i < runs; i++) {
            long t0 = System.nanoTime();
            model.forward(Map.of("frames", FloatTensor.zeros(1, h, w, c), "mel", sound));
            for (int from = 0; from < frames; from += FRAMES_PER_CALL) {
                int n = Math.min(FRAMES_PER_CALL, frames - from);
                model.forward(Map.of("frames", FloatTensor.wrap(new int[] {n, h, w, c},
                        Arrays.copyOf(pixels, n * h * w * c)), "mel", FloatTensor.zeros(n, bins, hop)));
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        JsonObject o = stats(ms);
        o.addProperty("model", model.spec().id());
        o.addProperty("device", model.device().toString());
        o.addProperty("clipSeconds", 10);
        o.addProperty("frames", frames);
        o.addProperty("melFrames", mel);
        return o;
    }

    /** One new heatmap instant at 1920×1080, ours against the official order of operations. */
    static JsonObject instant(int heads, int channels, int side, int freqs, int runs) {
        DenseFeatures f = features(80, heads, channels, side, freqs, 80);
        float[] audio = f.audio().toArray();
        float[] image = f.image().toArray();
        HeatmapOverlay overlay = new HeatmapOverlay(side, side, VIEW_W, VIEW_H);
        int[] picture = new int[VIEW_W * VIEW_H];
        Arrays.fill(picture, 0xff336699);
        int[] out = new int[picture.length];
        float[] map = new float[side * side];
        double[] ours = new double[runs];
        double[] reference = new double[runs];
        double[] oursMap = new double[runs];
        double[] referenceMap = new double[runs];
        for (int i = -5; i < runs; i++) {
            int frame = Math.floorMod(i * 7, 80);
            int step = Math.floorMod(i * 13, 80);
            long t0 = System.nanoTime();
            f.aggregate(frame, step, map);
            long tm = System.nanoTime();
            overlay.blend(map, -1, 1, picture, out);
            long t1 = System.nanoTime();
            officialOrder(image, audio, heads, channels, side * side, freqs, 80, frame, step, map);
            long tr = System.nanoTime();
            overlay.blend(map, -1, 1, picture, out);
            long t2 = System.nanoTime();
            if (i >= 0) {
                ours[i] = (t1 - t0) / 1e6;
                reference[i] = (t2 - t1) / 1e6;
                oursMap[i] = (tm - t0) / 1e6;
                referenceMap[i] = (tr - t1) / 1e6;
            }
        }
        JsonObject o = stats(ours);
        o.addProperty("view", VIEW_W + "x" + VIEW_H);
        o.addProperty("heatmap", heads + " heads x " + channels + " channels, " + side + "x" + side + ", " + freqs
                + " freqs");
        o.addProperty("referenceMedianMs", round(median(reference)));
        o.addProperty("ratio", round(median(ours) / median(reference)));
        o.addProperty("heatmapMedianMs", round(median(oursMap)));
        o.addProperty("referenceHeatmapMedianMs", round(median(referenceMap)));
        o.addProperty("reference", "the same heatmap in the official order (per head and frequency, then the mean"
                + " over frequency, then the max over heads) and the same blend, in this process");
        return o;
    }

    /** Bytes held by the features of 5 s and 10 s clips against their volumes. */
    static JsonObject memory(int heads, int channels, int side, int freqs, double fps, double audioRate) {
        JsonObject o = new JsonObject();
        for (int seconds : new int[] {5, 10}) {
            long frames = Math.round(seconds * fps);
            long steps = Math.round(seconds * audioRate);
            long features = 4L * (frames * heads * channels * side * side + heads * channels * freqs * steps
                    + heads * channels * steps) + steps;
            long volume = 4L * frames * heads * side * side * steps;
            JsonObject s = new JsonObject();
            s.addProperty("featureBytes", features);
            s.addProperty("volumeBytes", volume);
            o.add(seconds + "s", s);
        }
        o.addProperty("counted", "the float arrays DenseFeatures holds (image, audio, frequency-mean audio) and the"
                + " non-silence mask, from their shapes; volume = the [frames, heads, h, w, t] float32 file");
        return o;
    }

    private static DenseFeatures features(int frames, int heads, int channels, int side, int freqs, int steps) {
        Random random = new Random(2);
        boolean[] voiced = new boolean[steps];
        Arrays.fill(voiced, true);
        return DenseFeatures.of(FloatTensor.of(new int[] {frames, heads, channels, side, side},
                noise(random, frames * heads * channels * side * side)), FloatTensor.of(new int[] {heads, channels,
                        freqs, steps}, noise(random, heads * channels * freqs * steps)), voiced, TimeBase.ofRate(8),
                TimeBase.ofRate(8));
    }

    private static void officialOrder(float[] image, float[] audio, int heads, int channels, int plane, int freqs,
            int steps, int frame, int step, float[] out) {
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        float[] sum = new float[plane];
        for (int k = 0; k < heads; k++) {
            Arrays.fill(sum, 0f);
            for (int fr = 0; fr < freqs; fr++) {
                for (int c = 0; c < channels; c++) {
                    float a = audio[((k * channels + c) * freqs + fr) * steps + step];
                    int v = ((frame * heads + k) * channels + c) * plane;
                    for (int p = 0; p < plane; p++) {
                        sum[p] += a * image[v + p];
                    }
                }
            }
            for (int p = 0; p < plane; p++) {
                out[p] = Math.max(out[p], sum[p] / freqs);
            }
        }
    }

    private static float[] noise(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static JsonObject stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        JsonObject o = new JsonObject();
        o.addProperty("runs", ms.length);
        o.addProperty("medianMs", round(median(ms)));
        o.addProperty("p95Ms", round(sorted[Math.min(ms.length - 1, (int) Math.ceil(0.95 * ms.length) - 1)]));
        return o;
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[ms.length / 2];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
