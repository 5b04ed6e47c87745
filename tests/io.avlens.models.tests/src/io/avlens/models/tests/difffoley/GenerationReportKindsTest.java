package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.models.difffoley.GenerationReport;
import io.avlens.models.difffoley.SoundScore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GenerationReport}'s onset recall by kind of target: which events a generator finds and which it misses. */
class GenerationReportKindsTest {

    private static SoundScore sound(String clip, String group, boolean[] hit, String... kinds) {
        double[] matched = new double[hit.length];
        for (int i = 0; i < hit.length; i++) {
            matched[i] = hit[i] ? 0.9 : 0;
        }
        OnsetMetrics.ClipScore onsets = new OnsetMetrics.ClipScore(hit.length, hit.length, matched, hit, new double[0]);
        return new SoundScore(clip, group, 0.9, onsets, 0, null, new float[] {0, 1}, kinds);
    }

    private static Map<String, float[]> real() {
        Map<String, float[]> real = new LinkedHashMap<>();
        real.put("a", new float[] {0, 1});
        real.put("b", new float[] {1, 0});
        return real;
    }

    @Test
    void countsEachKindsTargetsAndTheFoundOnesPerGroup() {
        List<SoundScore> scores = List.of(
                sound("a", "real", new boolean[] {true, true, true}, "hit/floor", "hit/wall", "scratch/floor"),
                sound("b", "real", new boolean[] {true, true}, "hit/floor", "hit/object"),
                sound("a", "w4.5", new boolean[] {true, false, true}, "hit/floor", "hit/wall", "scratch/floor"),
                sound("b", "w4.5", new boolean[] {false, false}, "hit/floor", "hit/object"));
        Map<String, JsonObject> rows = GenerationReport.rows(scores, real(), 8);

        JsonObject real = rows.get("real").getAsJsonObject("onsetRecallByKind");
        assertThat(real.keySet()).containsExactly("hit/floor", "hit/object", "hit/wall", "scratch/floor");
        assertThat(real.getAsJsonObject("hit/floor").get("targets").getAsInt()).isEqualTo(2);
        assertThat(real.getAsJsonObject("hit/floor").get("recall").getAsDouble()).isEqualTo(1.0);

        JsonObject gen = rows.get("w4.5").getAsJsonObject("onsetRecallByKind");
        assertThat(gen.getAsJsonObject("hit/floor").get("found").getAsInt()).isEqualTo(1);
        assertThat(gen.getAsJsonObject("hit/floor").get("recall").getAsDouble()).isEqualTo(0.5);
        assertThat(gen.getAsJsonObject("hit/wall").get("found").getAsInt()).isZero();
        assertThat(gen.getAsJsonObject("hit/object").get("recall").getAsDouble()).isZero();
        assertThat(gen.getAsJsonObject("scratch/floor").get("recall").getAsDouble()).isEqualTo(1.0);
        // the same counts the pooled figures use
        int found = gen.keySet().stream().mapToInt(k -> gen.getAsJsonObject(k).get("found").getAsInt()).sum();
        assertThat(found).isEqualTo(rows.get("w4.5").get("matched").getAsInt());
    }

    @Test
    void soundsWithoutKindsGiveNoBreakdownAndKindsMustMatchTheTargets() {
        OnsetMetrics.ClipScore one = new OnsetMetrics.ClipScore(1, 1, new double[] {0.9}, new boolean[] {true},
                new double[0]);
        Map<String, JsonObject> rows = GenerationReport.rows(
                List.of(new SoundScore("a", "real", 0.9, one, 0, null, new float[] {0, 1})), real(), 8);
        assertThat(rows.get("real").has("onsetRecallByKind")).isFalse();
        assertThatThrownBy(() -> new SoundScore("a", "real", 0.9, one, 0, null, new float[] {0, 1},
                new String[] {"hit/floor", "hit/wall"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 target kinds for 1 targets");
    }
}
