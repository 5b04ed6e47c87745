package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.avlens.synth.internal.Scene;
import io.avlens.synth.internal.ScenePlanner;

/**
 * {@link NarrationScope}: the default (full) narrations are the original ones; the seen narration of a clip is its full
 * narration with every word about sound, silence and what is out of view taken out, and never names a sound.
 */
class NarrationScopeTest {

    /** Words a narrator who only sees the picture cannot say. */
    private static final Pattern HEARD = Pattern.compile(
            "sound|silent|quiet|noise|clatter|scrap|ring|clink|thud|hear|audible|out of view|off-screen");

    private static final SynthSpec BASE = SynthSpec.of(400, 7).withSize(64);

    @Test
    void theDefaultIsFullAndKeepsTheOriginalSentences() {
        assertThat(BASE.narration()).isEqualTo(NarrationScope.FULL);
        assertThat(BASE.withNarration(NarrationScope.FULL)).isEqualTo(BASE);
        // the original sentences of seed 7 (before the option existed), 64 px, default objects
        assertThat(ScenePlanner.plan(BASE, 0).narration()).isEqualTo(GOLDEN.get(0));
        assertThat(ScenePlanner.plan(BASE, 1).narration()).isEqualTo(GOLDEN.get(1));
        assertThat(ScenePlanner.plan(BASE, 2).narration()).isEqualTo(GOLDEN.get(2));
    }

    @Test
    void seenNarrationsNeverNameASound() {
        int scrapes = 0;
        int drifts = 0;
        int offscreen = 0;
        for (long seed : new long[] {1, 2, 3, 4, 7}) {
            for (double silent : new double[] {0.2, 0.6}) {
                SynthSpec full = SynthSpec.of(200, seed).withSize(64).withObjects(1, 3, silent);
                SynthSpec seen = full.withNarration(NarrationScope.SEEN);
                for (int i = 0; i < 200; i++) {
                    Scene f = ScenePlanner.plan(full, i);
                    Scene s = ScenePlanner.plan(seen, i);
                    assertThat(HEARD.matcher(s.narration()).find()).as("seed %d clip %d: %s", seed, i, s.narration())
                            .isFalse();
                    assertThat(s.narration()).isNotBlank();
                    assertThat(s.narration()).isEqualTo(f.narration().replace(" with a scraping sound", "")
                            .replace("silently ", "").replace(" without a sound", "")
                            .replaceAll(", and something out of view clatters.*$", ""));
                    assertThat(s.events()).usingRecursiveComparison().isEqualTo(f.events());
                    scrapes += f.narration().contains("scraping") ? 1 : 0;
                    drifts += f.narration().contains("silently") ? 1 : 0;
                    offscreen += f.narration().contains("out of view") ? 1 : 0;
                }
            }
        }
        assertThat(scrapes).as("full narrations that name a scrape").isPositive();
        assertThat(drifts).as("full narrations that name silence").isPositive();
        assertThat(offscreen).as("full narrations with an off-screen clause").isPositive();
    }

    @Test
    void namesAreParsed() {
        assertThat(NarrationScope.parse("seen")).isEqualTo(NarrationScope.SEEN);
        assertThat(NarrationScope.parse(" FULL ")).isEqualTo(NarrationScope.FULL);
        assertThat(NarrationScope.SEEN.id()).isEqualTo("seen");
        assertThatThrownBy(() -> NarrationScope.parse("heard")).hasMessageContaining("full or seen");
        assertThatThrownBy(() -> BASE.withNarration(null)).hasMessageContaining("narration");
    }

    /** Clips 0-2 of {@code BASE} as the generator wrote them before the option existed (commit 3f078ad). */
    private static final List<String> GOLDEN = List.of(
            "a metal block hits the floor twice and bounces off the wall once, and a glass ball drifts silently "
                    + "through the air, and a glass block slides across the floor with a scraping sound",
            "a ceramic ball slides across the floor with a scraping sound, and a metal ball hits the floor twice",
            "a rubber ball drifts silently through the air, and a rubber ball hits the floor 4 times and bounces off "
                    + "the wall once, and a glass block hits the floor twice and bounces off the wall once, and "
                    + "something out of view clatters");
}
