package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.synth.internal.Scene;
import io.avlens.synth.internal.SceneObject;
import io.avlens.synth.internal.ScenePlanner;
import org.junit.jupiter.api.Test;

/**
 * The object count and silent share of {@link SynthSpec}: the defaults plan the original scenes (the thresholds
 * 0.6875 · (1 − 0.2) and 1 − 0.2 are the former constants 0.55 and 0.8 exactly), other values change how many
 * objects a clip has and how many move silently.
 */
class ObjectsOptionTest {

    private static final SynthSpec BASE = SynthSpec.of(60, 7).withSize(64);

    @Test
    void theDefaultsAreTheOriginalThresholds() {
        assertThat(BASE.defaultObjects()).isTrue();
        assertThat(0.6875 * (1 - SynthSpec.DEFAULT_SILENT_SHARE)).isEqualTo(0.55);
        assertThat(1 - SynthSpec.DEFAULT_SILENT_SHARE).isEqualTo(0.8);
        SynthSpec same = BASE.withObjects(1, 3, 0.2);
        for (int i = 0; i < 20; i++) {
            assertThat(ScenePlanner.plan(same, i).narration()).isEqualTo(ScenePlanner.plan(BASE, i).narration());
        }
    }

    @Test
    void oneSilentObjectPerClip() {
        SynthSpec spec = BASE.withObjects(1, 1, 1.0);
        assertThat(spec.defaultObjects()).isFalse();
        for (int i = 0; i < 20; i++) {
            Scene s = ScenePlanner.plan(spec, i);
            assertThat(s.objects()).hasSize(1);
            assertThat(s.objects().get(0).action()).isEqualTo("silent");
        }
    }

    @Test
    void noSilentObjectsAndTwoPerClip() {
        SynthSpec spec = BASE.withObjects(2, 2, 0.0);
        int hits = 0;
        for (int i = 0; i < 40; i++) {
            Scene s = ScenePlanner.plan(spec, i);
            assertThat(s.objects()).hasSize(2);
            for (SceneObject o : s.objects()) {
                assertThat(o.action()).isIn("hit", "scratch");
                hits += "hit".equals(o.action()) ? 1 : 0;
            }
        }
        assertThat(hits).as("hits of 80 objects, 0.6875 expected").isBetween(40, 70);
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> BASE.withObjects(2, 1, 0.2)).hasMessageContaining("objects must be a range");
        assertThatThrownBy(() -> BASE.withObjects(1, 4, 0.2)).hasMessageContaining("1-3");
        assertThatThrownBy(() -> BASE.withObjects(1, 3, 1.5)).hasMessageContaining("silent share");
    }
}
