package io.avlens.analysis.generation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * A {@link SweepGrid} as JSON, what {@code avlens sweep} prints and the grid view's table reads: {@code rows}, one
 * per sample ({@code omega, gamma, seed, clip, stem, wav, mel, video, metrics}), and {@code cells}, one per (ω, γ)
 * with every metric's {@code mean, sd, n} over its seeds and clips ({@link SweepGrid#summary}). Stateless.
 */
public final class SweepTable {

    private SweepTable() {
    }

    /**
     * The table of {@code grid}, the samples' files resolved against the folder each lives in.
     *
     * @param folderOf the folder of a sample's files
     */
    public static JsonObject json(SweepGrid grid, Function<GeneratedSample, Path> folderOf) {
        JsonObject o = new JsonObject();
        JsonArray omegas = new JsonArray();
        grid.omegas().forEach(omegas::add);
        JsonArray gammas = new JsonArray();
        grid.gammas().forEach(gammas::add);
        o.add("omegas", omegas);
        o.add("gammas", gammas);
        JsonArray rows = new JsonArray();
        for (GeneratedSample s : grid.samples()) {
            Path folder = folderOf.apply(s);
            JsonObject r = new JsonObject();
            r.addProperty("omega", s.settings().omega());
            r.addProperty("gamma", s.settings().gamma());
            r.addProperty("seed", s.settings().seed());
            r.addProperty("clip", s.clip());
            r.addProperty("stem", s.stem());
            r.addProperty("wav", s.wav(folder).toString());
            r.addProperty("mel", s.mel(folder).toString());
            if (s.video()) {
                r.addProperty("video", s.mp4(folder).toString());
            }
            JsonObject m = new JsonObject();
            s.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> m.add(e.getKey(), number(e.getValue())));
            r.add("metrics", m);
            rows.add(r);
        }
        o.add("rows", rows);
        JsonArray cells = new JsonArray();
        List<String> names = grid.metricNames();
        for (int i = 0; i < grid.omegas().size(); i++) {
            for (int j = 0; j < grid.gammas().size(); j++) {
                JsonObject c = new JsonObject();
                c.addProperty("omega", grid.omegas().get(i));
                c.addProperty("gamma", grid.gammas().get(j));
                c.addProperty("samples", grid.cell(i, j).size());
                JsonObject m = new JsonObject();
                for (String n : names) {
                    SweepGrid.Summary s = grid.summary(n, i, j);
                    JsonObject v = new JsonObject();
                    v.add("mean", number(s.mean()));
                    v.add("sd", number(s.sd()));
                    v.addProperty("n", s.n());
                    m.add(n, v);
                }
                c.add("metrics", m);
                cells.add(c);
            }
        }
        o.add("cells", cells);
        return o;
    }

    private static JsonElement number(Double v) {
        return v == null || !Double.isFinite(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }
}
