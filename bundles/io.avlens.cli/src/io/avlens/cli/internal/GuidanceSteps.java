package io.avlens.cli.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.models.difffoley.GuidanceComparison;
import io.avlens.models.difffoley.SoundScore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The guidance steps among the settings `avlens eval --task generation` scored, each a paired comparison over the
 * samples both have for the same clip and seed ({@link GuidanceComparison}): the classifier-free step, no guidance
 * (ω 1, γ 0) to (ω, 0), and the classifier step, (ω, 0) to (ω, γ), with the same sampler and steps. The
 * claim "double guidance beats classifier-free guidance alone, which beats no guidance" holds on a metric when
 * both steps' 95 % intervals lie above zero.
 */
final class GuidanceSteps {

    private GuidanceSteps() {
    }

    /**
     * The steps found among {@code settings} (by group), compared on {@code scores}; empty when none. The samples
     * of all seeds of a setting are pooled, a sample identified by its clip and seed, so two seeds give each step
     * twice the pairs.
     */
    static JsonArray of(Map<String, GuidanceSettings> settings, List<SoundScore> scores) {
        Map<GuidanceSettings, List<SoundScore>> byCell = new LinkedHashMap<>();
        Map<GuidanceSettings, java.util.SortedSet<Long>> seeds = new LinkedHashMap<>();
        for (SoundScore s : scores) {
            GuidanceSettings g = settings.get(s.group());
            if (g != null) {
                GuidanceSettings cell = g.withSeed(0);
                byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(new SoundScore(s.clip() + "@" + g.seed(),
                        s.group(), s.aligned(), s.onsets(), s.syncOffset(), s.materialRight(), s.embedding()));
                seeds.computeIfAbsent(cell, c -> new java.util.TreeSet<>()).add(g.seed());
            }
        }
        JsonArray out = new JsonArray();
        for (GuidanceSettings to : byCell.keySet()) {
            if (to.gamma() > 0) {
                step(out, "classifier", to.withScales(to.omega(), 0), to, byCell, seeds);
            } else if (to.omega() != 1) {
                step(out, "classifier-free", to.withScales(1, 0), to, byCell, seeds);
            }
        }
        return out;
    }

    private static void step(JsonArray out, String kind, GuidanceSettings from, GuidanceSettings to,
            Map<GuidanceSettings, List<SoundScore>> byCell, Map<GuidanceSettings, java.util.SortedSet<Long>> seeds) {
        if (!byCell.containsKey(from)) {
            return;
        }
        GuidanceComparison.Result r;
        try {
            r = GuidanceComparison.of(byCell.get(from), byCell.get(to), GuidanceComparison.ROUNDS, 1);
        } catch (IllegalArgumentException e) {
            return; // no sample in common
        }
        JsonObject o = new JsonObject();
        o.addProperty("step", kind);
        o.addProperty("from", cell(from));
        o.addProperty("to", cell(to));
        JsonArray common = new JsonArray();
        seeds.get(from).stream().filter(seeds.get(to)::contains).forEach(common::add);
        o.add("seeds", common);
        o.addProperty("n", r.n());
        o.add("alignAcc", json(r.align()));
        o.add("onsetAP", json(r.onsetAP()));
        out.add(o);
    }

    /** A setting's stem without its seed, e.g. {@code w4.5-g50-dpm25}. */
    static String cell(GuidanceSettings g) {
        return g.stem().replaceFirst("-s-?[0-9]+$", "");
    }

    private static JsonObject json(GuidanceComparison.Difference d) {
        JsonObject o = new JsonObject();
        o.addProperty("from", ModelTasks.number(d.a()));
        o.addProperty("to", ModelTasks.number(d.b()));
        o.addProperty("diff", ModelTasks.number(d.diff()));
        JsonArray ci = new JsonArray();
        ci.add(ModelTasks.number(d.low()));
        ci.add(ModelTasks.number(d.high()));
        o.add("ci95", ci);
        o.addProperty("shareNotAbove", ModelTasks.number(d.notAbove()));
        o.addProperty("better", d.better());
        return o;
    }

    /** One line per step on {@code err}. */
    static void print(JsonArray steps, PrintStream err) {
        for (var e : steps) {
            JsonObject s = e.getAsJsonObject();
            JsonObject al = s.getAsJsonObject("alignAcc");
            JsonObject ap = s.getAsJsonObject("onsetAP");
            err.println(String.format(Locale.ROOT, "eval generation: %s step %s -> %s, seeds %s, n %d: align %+.3f "
                    + "[%+.3f, %+.3f], onset AP %+.3f [%+.3f, %+.3f]", s.get("step").getAsString(),
                    s.get("from").getAsString(), s.get("to").getAsString(), s.get("seeds"), s.get("n").getAsInt(),
                    value(al.get("diff")), ci(al, 0), ci(al, 1), value(ap.get("diff")), ci(ap, 0), ci(ap, 1)));
        }
    }

    private static double ci(JsonObject o, int i) {
        return value(o.getAsJsonArray("ci95").get(i));
    }

    private static double value(com.google.gson.JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
