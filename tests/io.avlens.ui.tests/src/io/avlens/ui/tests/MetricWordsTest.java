package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.avlens.ui.widgets.MetricWords;

/** Metric keys in words for combos, titles and captions. */
class MetricWordsTest {

    @Test
    void knownMetricsGetTheirCustomaryNamesAndUnits() {
        assertThat(MetricWords.of("classifierScore")).isEqualTo("classifier score");
        assertThat(MetricWords.of("syncOffset")).isEqualTo("sync offset (s)");
        assertThat(MetricWords.of("alignAcc")).isEqualTo("Align Acc");
        assertThat(MetricWords.of("fad")).isEqualTo("FAD");
    }

    @Test
    void otherKeysAreSplitIntoWordsKeepingAcronyms() {
        assertThat(MetricWords.of("meanConfidence")).isEqualTo("mean confidence");
        assertThat(MetricWords.of("recallAt10")).isEqualTo("recall at10");
        assertThat(MetricWords.of("soundAP")).isEqualTo("sound AP");
        assertThat(MetricWords.of("FADScore")).isEqualTo("FAD score");
        assertThat(MetricWords.of("loss")).isEqualTo("loss");
        assertThat(MetricWords.of("")).isEmpty();
    }
}
