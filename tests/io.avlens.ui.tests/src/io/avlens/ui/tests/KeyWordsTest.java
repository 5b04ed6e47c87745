package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.avlens.ui.widgets.KeyWords;

/** Metric keys in words for combos, titles and captions. */
class KeyWordsTest {

    @Test
    void knownMetricsGetTheirCustomaryNamesAndUnits() {
        assertThat(KeyWords.of("classifierScore")).isEqualTo("classifier score");
        assertThat(KeyWords.of("syncOffset")).isEqualTo("sync offset (s)");
        assertThat(KeyWords.of("alignAcc")).isEqualTo("Align Acc");
        assertThat(KeyWords.of("fad")).isEqualTo("FAD");
    }

    @Test
    void otherKeysAreSplitIntoWordsKeepingAcronyms() {
        assertThat(KeyWords.of("meanConfidence")).isEqualTo("mean confidence");
        assertThat(KeyWords.of("recallAt10")).isEqualTo("recall at10");
        assertThat(KeyWords.of("soundAP")).isEqualTo("sound AP");
        assertThat(KeyWords.of("FADScore")).isEqualTo("FAD score");
        assertThat(KeyWords.of("loss")).isEqualTo("loss");
        assertThat(KeyWords.of("")).isEmpty();
    }
}
