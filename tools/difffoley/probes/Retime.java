package io.avlens.models.difffoley;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Experiment: one on-screen event of a clip's sound moved by one or two video frames (8 or 16 mel frames). */
final class Retime {
    static final int RATE = 64;
    static final int PER_STEP = 8;
    private static final Map<String, int[][]> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, int[]> SIDE_HITS = new ConcurrentHashMap<>();

    /** Start mel frames of the on-screen hits on a wall or another object. */
    static int[] sideHits(String id, int frames) {
        return SIDE_HITS.computeIfAbsent(id, k -> {
            try {
                Path side = Path.of(System.getProperty("df.data")).resolve("media").resolve(k + ".json");
                JsonObject o = JsonParser.parseString(Files.readString(side)).getAsJsonObject();
                List<Integer> out = new ArrayList<>();
                for (JsonElement el : o.getAsJsonArray("events")) {
                    JsonObject e = el.getAsJsonObject();
                    if (e.get("type").getAsString().equals("hit") && e.has("objectId") && e.get("objectId").getAsInt() > 0
                            && e.has("surface") && !e.get("surface").getAsString().equals("floor")) {
                        int s = (int) Math.round(e.get("time").getAsDouble() * RATE);
                        if (s < frames - 2) {
                            out.add(s);
                        }
                    }
                }
                return out.stream().mapToInt(Integer::intValue).toArray();
            } catch (Exception e) {
                throw new IllegalStateException(k + ": " + e, e);
            }
        });
    }

    /** The first {@code n} in-sync clips of the AV-Shapes folder {@code data}, as the trainer loads them. */
    static List<TrainingClip> clips(String data, String n) throws java.io.IOException {
        List<TrainingClip> clips = DiffFoleyData.load(Path.of(data), DiffFoleyConfig.small(), () -> false);
        return clips.subList(0, Math.min(clips.size(), Integer.parseInt(n)));
    }

    /** A guidance classifier with the weights of {@code file}. */
    static DiffFoleyPart<AlignmentClassifierBlock> classifier(String file) throws java.io.IOException {
        DiffFoleyPart<AlignmentClassifierBlock> model = DiffFoleyPart.classifier(DiffFoleyConfig.small());
        try (java.io.InputStream in = Files.newInputStream(Path.of(file))) {
            model.readParameters(in, file);
        }
        return model;
    }

    /** On-screen hit/scratch events as {start, end} mel frames (end exclusive), ascending. */
    static int[][] events(String id, int frames) {
        return CACHE.computeIfAbsent(id, k -> {
            try {
                Path side = Path.of(System.getProperty("df.data")).resolve("media").resolve(k + ".json");
                JsonObject o = JsonParser.parseString(Files.readString(side)).getAsJsonObject();
                List<double[]> ev = new ArrayList<>();
                for (JsonElement el : o.getAsJsonArray("events")) {
                    JsonObject e = el.getAsJsonObject();
                    String type = e.get("type").getAsString();
                    int obj = e.has("objectId") ? e.get("objectId").getAsInt() : 0;
                    if (obj > 0 && (type.equals("hit") || type.equals("scratch"))) {
                        double t = e.get("time").getAsDouble();
                        double d = type.equals("scratch") ? e.get("duration").getAsDouble() : 0;
                        ev.add(new double[] {t, d});
                    }
                }
                ev.sort((a, b) -> Double.compare(a[0], b[0]));
                List<int[]> out = new ArrayList<>();
                for (double[] e : ev) {
                    int s = (int) Math.round(e[0] * RATE);
                    if (s >= frames - 1) {
                        continue;
                    }
                    out.add(new int[] {s, (int) Math.round((e[0] + e[1]) * RATE)});
                }
                return out.toArray(new int[0][]);
            } catch (Exception e) {
                throw new IllegalStateException(k + ": " + e, e);
            }
        });
    }

    /**
     * The mel with one event's span [start−1, end) cleared to the clip's per-bin floor (20th percentile) and pasted
     * (max) one or two video frames earlier or later; null when the clip has no event.
     */
    static float[] moveOneEvent(float[] mel, int bins, int frames, int[][] events, Random random) {
        if (events.length == 0) {
            return null;
        }
        int i = random.nextInt(events.length);
        int d = (1 + random.nextInt(2)) * PER_STEP * (random.nextBoolean() ? 1 : -1);
        float[] floor = new float[bins];
        float[] row = new float[frames];
        for (int m = 0; m < bins; m++) {
            System.arraycopy(mel, m * frames, row, 0, frames);
            Arrays.sort(row);
            floor[m] = row[frames / 5];
        }
        int s0 = Math.max(0, events[i][0] - 1);
        int next = i + 1 < events.length ? events[i + 1][0] - 1 : frames;
        int s1 = Math.max(events[i][1], events[i][0] + 3);
        // the tail: until the frame's mean is within 0.05 of the floor's mean, at most 0.5 s after the end
        double floorMean = 0;
        for (float f : floor) {
            floorMean += f / bins;
        }
        int limit = Math.min(frames, Math.min(next, s1 + RATE / 2));
        while (s1 < limit) {
            double mean = 0;
            for (int m = 0; m < bins; m++) {
                mean += mel[m * frames + s1] / bins;
            }
            if (mean < floorMean + 0.05) {
                break;
            }
            s1++;
        }
        s1 = Math.max(s0 + 1, Math.min(s1, Math.min(next, frames)));
        float[] out = mel.clone();
        for (int m = 0; m < bins; m++) {
            for (int f = s0; f < s1; f++) {
                out[m * frames + f] = Math.min(out[m * frames + f], floor[m]);
            }
        }
        for (int m = 0; m < bins; m++) {
            for (int f = s0; f < s1; f++) {
                int g = f + d;
                if (g >= 0 && g < frames) {
                    out[m * frames + g] = Math.max(out[m * frames + g], mel[m * frames + f]);
                }
            }
        }
        return out;
    }
}
