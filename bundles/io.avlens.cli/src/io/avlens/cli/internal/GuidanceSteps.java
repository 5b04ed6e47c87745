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
 * clips both were generated for ({@link GuidanceComparison}): the classifier-free step, no guidance (ω 1, γ 0) to
 * (ω, 0), and the classifier step, (ω, 0) to (ω, γ), for every setting with the same sampler, steps and seed. The
 * claim "double guidance beats classifier-free guidance alone, which beats no guidance" holds on a metric when
 * both steps' 95 % intervals lie above zero.
 */
final class GuidanceSteps {

    private GuidanceSteps() {
    }

    /** The steps found among {@code settings} (by group), compared on {@code scores}; empty when none. */
    static JsonArray of(Map<String, GuidanceSettings> settings, List<SoundScore> scores) {
        Map<String, List<SoundScore>> byGroup = new LinkedHashMap<>();
        for (SoundScore s : scores) {
            if (settings.containsKey(s.group())) {
                byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
            }
        }
        JsonArray out = new JsonArray();
        for (String to : byGroup.keySet()) {
            GuidanceSettings t = settings.get(to);
            if (t.gamma() > 0) {
                step(out, "classifier", find(settings, byGroup, t.withScales(t.omega(), 0)), to, byGroup);
            } else if (t.omega() != 1) {
                step(out, "classifier-free", find(settings, byGroup, t.withScales(1, 0)), to, byGroup);
            }
        }
        return out;
    }

    private static String find(Map<String, GuidanceSettings> settings, Map<String, List<SoundScore>> byGroup,
            GuidanceSettings wanted) {
        for (String g : byGroup.keySet()) {
            if (settings.get(g).equals(wanted)) {
                return g;
            }
        }
        return null;
    }

    private static void step(JsonArray out, String kind, String from, String to,
            Map<String, List<SoundScore>> byGroup) {
        if (from == null) {
            return;
        }
        GuidanceComparison.Result r;
        try {
            r = GuidanceComparison.of(byGroup.get(from), byGroup.get(to), GuidanceComparison.ROUNDS, 1);
        } catch (IllegalArgumentException e) {
            return; // no clip in common
        }
        JsonObject o = new JsonObject();
        o.addProperty("step", kind);
        o.addProperty("from", from);
        o.addProperty("to", to);
        o.addProperty("n", r.n());
        o.add("alignAcc", json(r.align()));
        o.add("onsetAP", json(r.onsetAP()));
        out.add(o);
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
            err.println(String.format(Locale.ROOT, "eval generation: %s step %s -> %s, n %d: align %+.3f [%+.3f, "
                    + "%+.3f], onset AP %+.3f [%+.3f, %+.3f]", s.get("step").getAsString(),
                    s.get("from").getAsString(), s.get("to").getAsString(), s.get("n").getAsInt(),
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
