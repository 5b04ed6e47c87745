package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/** Average precision by hand-worked cases; AV-Shapes labels from a sidecar. */
class RankingTest {

    @Test
    void averagePrecisionByHand() {
        // ranks: 0.9 rel, 0.8 not, 0.7 rel → (1/1 + 2/3) / 2
        assertThat(Ranking.averagePrecision(new double[] {0.7, 0.9, 0.8}, new boolean[] {true, true, false}))
                .isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        assertThat(Ranking.averagePrecision(new double[] {1, 0}, new boolean[] {false, false})).isNaN();
    }

    @Test
    void tiesArePessimistic() {
        double ap = Ranking.averagePrecision(new double[] {1, 1, 1, 1}, new boolean[] {true, false, false, true});
        assertThat(ap).isCloseTo((1.0 / 3 + 2.0 / 4) / 2, within(1e-12));
        assertThat(Ranking.positiveShare(new boolean[] {true, false, false, true})).isEqualTo(0.5);
    }

    @Test
    void labelsOfASidecar() {
        Map<String, String> labels = AvShapesLabels.of(JsonParser.parseString("""
                {"objects": [{"id": 1, "shape": "circle", "material": "metal", "action": "silent"},
                             {"id": 2, "shape": "triangle", "material": "wood", "action": "silent"}],
                 "events": [{"type": "silent", "objectId": 1}, {"type": "silent", "objectId": 2},
                            {"type": "offscreen", "objectId": 0}]}
                """).getAsJsonObject());
        assertThat(labels).containsEntry("shape", "circle+triangle").containsEntry("action", "silent")
                .containsEntry("offscreen", "true").containsEntry("silentMotion", "true")
                .containsEntry("soundingAction", "false").containsEntry("objects", "2");
        Map<String, String> hit = AvShapesLabels.of(JsonParser.parseString("""
                {"objects": [{"id": 1, "shape": "square", "material": "glass", "action": "hit"}],
                 "events": [{"type": "hit", "objectId": 1}]}
                """).getAsJsonObject());
        assertThat(hit).containsEntry("soundingAction", "true").containsEntry("offscreen", "false");
    }
}
