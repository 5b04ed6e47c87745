package io.avlens.cli.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.dense.DenseFeatures;

/**
 * Per-head statistics of a clip's dense volume, computed slice by slice (the volume is never held): minimum,
 * maximum, mean and where the maximum is (frame and audio step, with their media times). Stateless.
 */
final class HeadSummaries {

    private HeadSummaries() {
    }

    /** {@code [{"head", "min", "max", "mean", "peakFrame", "peakFrameSeconds", "peakStep", "peakAudioSeconds"}]}. */
    static JsonArray of(DenseFeatures f) {
        JsonArray heads = new JsonArray();
        float[] map = new float[f.height() * f.width()];
        for (int k = 0; k < f.heads(); k++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int peakFrame = 0;
            int peakStep = 0;
            for (int frame = 0; frame < f.frames(); frame++) {
                for (int t = 0; t < f.steps(); t++) {
                    f.slice(frame, k, t, map);
                    for (float v : map) {
                        sum += v;
                        min = Math.min(min, v);
                        if (v > max) {
                            max = v;
                            peakFrame = frame;
                            peakStep = t;
                        }
                    }
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("head", k);
            o.addProperty("min", ModelTasks.number(min));
            o.addProperty("max", ModelTasks.number(max));
            o.addProperty("mean", ModelTasks.number(sum / ((double) f.frames() * f.steps() * map.length)));
            o.addProperty("peakFrame", peakFrame);
            o.addProperty("peakFrameSeconds", ModelTasks.number(f.frameTime().timeOf(peakFrame)));
            o.addProperty("peakStep", peakStep);
            o.addProperty("peakAudioSeconds", ModelTasks.number(f.audioTime().timeOf(peakStep)));
            heads.add(o);
        }
        return heads;
    }
}
