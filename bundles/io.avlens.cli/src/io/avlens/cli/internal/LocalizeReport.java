package io.avlens.cli.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.dense.ClassPooledScores;
import io.avlens.analysis.dense.HeadSelectivity;
import io.avlens.analysis.dense.LocalizationEvaluation;
import io.avlens.analysis.dense.Prompt;

/**
 * The figures of {@code avlens eval --task localize} as JSON and as a table: per prompt kind, per head, for the
 * heads' maximum and for the two baselines, AP and best IoU (means over classes) with their {@code n} (instants and
 * classes) and per class; per head the selectivity. Stateless.
 */
final class LocalizeReport {

    /** How these figures differ from DenseAV's {@code eval_utils.py}, printed with them. */
    static final String DIFFERENCES = "as eval_utils.py (time-averaged heatmap over the prompt's audio span, min-max"
            + " normalised, bilinear to the mask, pixels pooled per class, AP and best IoU over linspace(min, max, 20)"
            + " per class, mean over classes) except: a sound's span is its event's sound span (not the non-silence"
            + " mask of the whole clip), a prompt's frame is the one shown at its start; the heads' maximum is taken"
            + " after the mean over frequency (official: before); IoU predicts score >= threshold; a prompt whose"
            + " object is not in its frame is skipped; sound classes are the sounding object's material, word"
            + " classes the word";

    private LocalizeReport() {
    }

    /** The report as JSON: {@code heads}, {@code sound} and {@code word} ({@code heads}, {@code aggregate},
     * {@code uniform}, {@code motionEnergy}), {@code selectivity}, {@code clips}, {@code skippedPrompts}. */
    static JsonObject json(LocalizationEvaluation.Report r) {
        JsonObject json = new JsonObject();
        json.addProperty("heads", r.heads());
        json.addProperty("clipsScored", r.clips());
        for (Prompt.Kind kind : Prompt.Kind.values()) {
            JsonObject k = new JsonObject();
            JsonArray heads = new JsonArray();
            for (int h = 0; h < r.heads(); h++) {
                JsonObject o = summary(r.scores().get(LocalizationEvaluation.head(h)).get(kind));
                o.addProperty("head", h);
                heads.add(o);
            }
            k.add("heads", heads);
            for (String s : List.of(LocalizationEvaluation.AGGREGATE, LocalizationEvaluation.UNIFORM,
                    LocalizationEvaluation.MOTION)) {
                Map<Prompt.Kind, ClassPooledScores.Summary> byKind = r.scores().get(s);
                if (byKind != null) {
                    k.add(s, summary(byKind.get(kind)));
                }
            }
            json.add(kind.id(), k);
        }
        JsonArray sel = new JsonArray();
        for (HeadSelectivity s : r.selectivity()) {
            JsonObject o = new JsonObject();
            o.addProperty("head", s.head());
            o.addProperty("activationSound", ModelTasks.number(s.aSound()));
            o.addProperty("activationWord", ModelTasks.number(s.aWord()));
            o.addProperty("nSound", s.nSound());
            o.addProperty("nWord", s.nWord());
            o.addProperty("soundSelectivity", ModelTasks.number(s.soundSelectivity()));
            o.addProperty("wordSelectivity", ModelTasks.number(s.wordSelectivity()));
            o.addProperty("prefers", s.prefers());
            sel.add(o);
        }
        json.add("selectivity", sel);
        json.addProperty("skippedPrompts", r.skipped());
        json.addProperty("method", DIFFERENCES);
        return json;
    }

    private static JsonObject summary(ClassPooledScores.Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("ap", ModelTasks.number(s.averagePrecision()));
        o.addProperty("iou", ModelTasks.number(s.bestIou()));
        o.addProperty("instants", s.instants());
        o.addProperty("classes", s.classes());
        JsonObject classes = new JsonObject();
        s.perClass().forEach((label, v) -> {
            JsonObject c = new JsonObject();
            c.addProperty("ap", ModelTasks.number(v[0]));
            c.addProperty("iou", ModelTasks.number(v[1]));
            c.addProperty("instants", (int) v[2]);
            classes.add(label, c);
        });
        o.add("perClass", classes);
        return o;
    }

    /** The table: one row per source, AP / IoU / n for sound and word prompts, then the selectivities. */
    static void table(LocalizationEvaluation.Report r, PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-14s %8s %8s %10s   %8s %8s %10s", "heatmap", "sound AP", "IoU",
                "n (cls)", "word AP", "IoU", "n (cls)"));
        for (String source : r.scores().keySet()) {
            ClassPooledScores.Summary s = r.scores().get(source).get(Prompt.Kind.SOUND);
            ClassPooledScores.Summary w = r.scores().get(source).get(Prompt.Kind.WORD);
            out.println(String.format(Locale.ROOT, "%-14s %8.3f %8.3f %10s   %8.3f %8.3f %10s", source,
                    s.averagePrecision(), s.bestIou(), s.instants() + " (" + s.classes() + ")", w.averagePrecision(),
                    w.bestIou(), w.instants() + " (" + w.classes() + ")"));
        }
        for (HeadSelectivity s : r.selectivity()) {
            out.println(String.format(Locale.ROOT, "head %d: activation on the object %.3f during sounds (n %d), %.3f"
                    + " during words (n %d); selectivity sound %.3f, word %.3f: prefers %s", s.head(), s.aSound(),
                    s.nSound(), s.aWord(), s.nWord(), s.soundSelectivity(), s.wordSelectivity(), s.prefers()));
        }
    }
}
