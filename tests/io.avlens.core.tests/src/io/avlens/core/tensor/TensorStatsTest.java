package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TensorStatsTest {

    @Test
    void smallExample() {
        TensorStats s = TensorStats.of(new float[] {1, 2, 3, 4});

        assertThat(s.count()).isEqualTo(4);
        assertThat(s.nonFinite()).isZero();
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.std()).isBetween(Math.sqrt(1.25) - 1e-15, Math.sqrt(1.25) + 1e-15);
    }

    /** Welford's one-pass result against the textbook two-pass computation in double. */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e4, 1e6, -3e7})
    void matchesATwoPassComputation(double offset) {
        Random random = new Random(Double.hashCode(offset));
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (offset + random.nextGaussian() * 3);
        }

        TensorStats s = TensorStats.of(values);

        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / values.length);
        assertThat(s.count()).isEqualTo(values.length);
        assertThat(s.nonFinite()).isZero();
        assertThat(s.min()).isEqualTo(min);
        assertThat(s.max()).isEqualTo(max);
        double meanTolerance = 1e-9 * Math.max(1, Math.abs(mean));
        assertThat(s.mean()).isBetween(mean - meanTolerance, mean + meanTolerance);
        assertThat(s.std()).isBetween(std * (1 - 1e-9), std * (1 + 1e-9));
        assertThat(s.std()).as("the float32 values really vary").isGreaterThan(1);
    }

    @Test
    void keepsPrecisionWhereNaiveSumOfSquaresFails() {
        // values 1e7 + {0, 1, 2, 3}: exactly representable in float32, population std sqrt(1.25)
        float[] values = new float[40_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e7f + i % 4;
        }

        TensorStats s = TensorStats.of(values);

        assertThat(s.mean()).isBetween(1e7 + 1.5 - 1e-6, 1e7 + 1.5 + 1e-6);
        assertThat(s.std()).isBetween(Math.sqrt(1.25) - 1e-6, Math.sqrt(1.25) + 1e-6);
    }

    @Test
    void countsNonFiniteValuesApartAndExcludesThem() {
        TensorStats s = TensorStats.of(new float[] {Float.NaN, 2, Float.POSITIVE_INFINITY, 4, Float.NEGATIVE_INFINITY});

        assertThat(s.count()).isEqualTo(5);
        assertThat(s.nonFinite()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(2);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(3);
        assertThat(s.std()).isEqualTo(1);
    }

    @Test
    void emptyInputHasNoStatistics() {
        TensorStats s = TensorStats.of(new float[0]);

        assertThat(s.count()).isZero();
        assertThat(s.nonFinite()).isZero();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
        assertThat(s.mean()).isNaN();
        assertThat(s.std()).isNaN();
    }

    @Test
    void onlyNonFiniteInputHasNoStatistics() {
        TensorStats s = TensorStats.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY});

        assertThat(s.count()).isEqualTo(2);
        assertThat(s.nonFinite()).isEqualTo(2);
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
        assertThat(s.mean()).isNaN();
        assertThat(s.std()).isNaN();
    }

    @Test
    void singleValueHasZeroSpread() {
        TensorStats s = TensorStats.of(new float[] {-7.5f});

        assertThat(s.min()).isEqualTo(-7.5);
        assertThat(s.max()).isEqualTo(-7.5);
        assertThat(s.mean()).isEqualTo(-7.5);
        assertThat(s.std()).isZero();
    }

    @Test
    void extremeFloatsDoNotOverflow() {
        TensorStats s = TensorStats.of(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});

        assertThat(s.mean()).isZero();
        assertThat(s.std()).isBetween(Float.MAX_VALUE - 1e25, Float.MAX_VALUE + 1e25);
    }
}
