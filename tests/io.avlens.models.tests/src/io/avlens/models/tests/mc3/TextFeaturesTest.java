package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.models.mc3.TextFeatures;
import org.junit.jupiter.api.Test;

/**
 * MC3's text features take any text: unknown and misspelt words share character n-grams with known ones,
 * punctuation and case only separate and do not count, the empty text is the zero vector, and the hashing is fixed
 * (the same buckets on every run and platform).
 */
class TextFeaturesTest {

    private final TextFeatures features = new TextFeatures(TextFeatures.DEFAULT_BUCKETS);

    private static double cosine(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    @Test
    void wordsAreLowerCasedAndSplitAtPunctuation() {
        assertThat(TextFeatures.words("A metal BALL hits the floor, twice!")).containsExactly("a", "metal", "ball",
                "hits", "the", "floor", "twice");
        assertThat(features.of("a metal ball, HITS the floor.")).isEqualTo(features.of("A metal ball hits the floor"));
        assertThat(TextFeatures.words("Ｆｕｌｌ-width — émigré's")).containsExactly("full", "width", "émigré", "s");
    }

    @Test
    void featuresAreWordsCharacterNgramsAndBigrams() {
        assertThat(TextFeatures.features("glass cup")).containsExactly("w:glass", "c:<gl", "c:gla", "c:las",
                "c:ass", "c:ss>", "c:<gla", "c:glas", "c:lass", "c:ass>", "c:<glas", "c:glass", "c:lass>",
                "b:glass cup", "w:cup", "c:<cu", "c:cup", "c:up>", "c:<cup", "c:cup>", "c:<cup>");
    }

    @Test
    void anUnknownOrMisspeltWordSharesMostOfItsFeatures() {
        float[] known = features.of("a wooden block slides across the floor");
        float[] misspelt = features.of("a woodden blok slidez across the flor");
        float[] unrelated = features.of("quantum chromodynamics lecture notes");
        assertThat(cosine(known, misspelt)).isGreaterThan(0.4);
        assertThat(cosine(known, unrelated)).isLessThan(0.15);
        assertThat(cosine(known, known)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void emptyTextIsTheZeroVectorAndHashingIsFixed() {
        assertThat(features.of("")).containsOnly(0f);
        assertThat(features.of(null)).containsOnly(0f);
        assertThat(features.of(" ,.;!? ")).containsOnly(0f);
        assertThat(features.of("")).hasSize(4096);
        // FNV-1a 32 of the UTF-8 bytes, reduced unsigned: fixed values, whatever the JVM or run
        assertThat(features.bucket("w:ball")).isEqualTo(features.bucket("w:ball"));
        assertThat(new TextFeatures(1 << 30).bucket("")).isEqualTo(0x811c9dc5 & ((1 << 30) - 1));
        assertThat(new TextFeatures(16).bucket("a")).isEqualTo(Integer.remainderUnsigned(0xe40c292c, 16));
        assertThat(features.of("zxqv blorp")).isEqualTo(new TextFeatures(4096).of("zxqv blorp"));
    }
}
