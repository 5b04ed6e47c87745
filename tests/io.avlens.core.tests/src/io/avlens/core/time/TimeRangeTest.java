package io.avlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {

    @Test
    void holdsItsBounds() {
        TimeRange r = new TimeRange(1.5, 4);

        assertThat(r.start()).isEqualTo(1.5);
        assertThat(r.end()).isEqualTo(4);
        assertThat(r.duration()).isEqualTo(2.5);
    }

    @Test
    void anInstantIsARange() {
        TimeRange r = new TimeRange(3, 3);

        assertThat(r.duration()).isZero();
        assertThat(r.contains(3)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"NaN, 1", "0, NaN", "-Infinity, 1", "0, Infinity"})
    void rejectsNonFiniteBounds(double start, double end) {
        assertThatThrownBy(() -> new TimeRange(start, end)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be finite");
    }

    @Test
    void rejectsAnEndBeforeTheStart() {
        assertThatThrownBy(() -> new TimeRange(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before it starts").hasMessageContaining("[2.0, 1.0]");
        assertThatThrownBy(() -> TimeRange.ofDuration(5, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofDurationStartsThere() {
        assertThat(TimeRange.ofDuration(10, 2.5)).isEqualTo(new TimeRange(10, 12.5));
    }

    @Test
    void spanningTakesEitherOrder() {
        assertThat(TimeRange.spanning(7, 2)).isEqualTo(new TimeRange(2, 7));
        assertThat(TimeRange.spanning(2, 7)).isEqualTo(new TimeRange(2, 7));
        assertThat(TimeRange.spanning(-1, -1)).isEqualTo(new TimeRange(-1, -1));
        assertThatThrownBy(() -> TimeRange.spanning(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsIsClosed() {
        TimeRange r = new TimeRange(1, 2);

        assertThat(r.contains(1)).isTrue();
        assertThat(r.contains(1.5)).isTrue();
        assertThat(r.contains(2)).isTrue();
        assertThat(r.contains(Math.nextDown(1.0))).isFalse();
        assertThat(r.contains(Math.nextUp(2.0))).isFalse();
        assertThat(r.contains(Double.NaN)).isFalse();
    }

    @Test
    void clampKeepsInstantsInside() {
        TimeRange r = new TimeRange(1, 2);

        assertThat(r.clamp(0)).isEqualTo(1);
        assertThat(r.clamp(1.25)).isEqualTo(1.25);
        assertThat(r.clamp(99)).isEqualTo(2);
        assertThat(r.clamp(Double.NEGATIVE_INFINITY)).isEqualTo(1);
        assertThat(r.clamp(Double.POSITIVE_INFINITY)).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{0}, {1}] and [{2}, {3}] overlap: {4}")
    @CsvSource({
        "0, 10, 5, 15, true",
        "0, 10, 2, 3, true",
        "0, 10, 10, 12, true",
        "0, 10, -5, 0, true",
        "0, 10, 10.5, 12, false",
        "0, 10, -5, -0.5, false",
        "4, 4, 4, 4, true",
        "4, 4, 0, 10, true",
        "4, 4, 5, 5, false"})
    void overlapsIsSymmetricAndClosed(double s1, double e1, double s2, double e2, boolean expected) {
        TimeRange a = new TimeRange(s1, e1);
        TimeRange b = new TimeRange(s2, e2);

        assertThat(a.overlaps(b)).isEqualTo(expected);
        assertThat(b.overlaps(a)).isEqualTo(expected);
    }

    @Test
    void shiftedIntoLeavesARangeThatFits() {
        TimeRange r = new TimeRange(2, 5);

        assertThat(r.shiftedInto(new TimeRange(0, 10))).isSameAs(r);
        assertThat(r.shiftedInto(new TimeRange(2, 10))).isSameAs(r);
        assertThat(r.shiftedInto(new TimeRange(0, 5))).isSameAs(r);
    }

    @Test
    void shiftedIntoMovesARangeAsLittleAsPossible() {
        assertThat(new TimeRange(-3, 1).shiftedInto(new TimeRange(0, 10))).isEqualTo(new TimeRange(0, 4));
        assertThat(new TimeRange(8, 12).shiftedInto(new TimeRange(0, 10))).isEqualTo(new TimeRange(6, 10));
        assertThat(new TimeRange(20, 21).shiftedInto(new TimeRange(0, 10))).isEqualTo(new TimeRange(9, 10));
        assertThat(new TimeRange(-50, -48).shiftedInto(new TimeRange(0, 10))).isEqualTo(new TimeRange(0, 2));
    }

    @Test
    void shiftedIntoKeepsTheDuration() {
        TimeRange bounds = new TimeRange(0.1, 30.7);
        for (double start = -20; start < 50; start += 0.3) {
            TimeRange r = TimeRange.ofDuration(start, 4.5);
            TimeRange s = r.shiftedInto(bounds);
            assertThat(s.duration()).as("from %s", r).isBetween(r.duration() - 1e-9, r.duration() + 1e-9);
            assertThat(s.start()).as("from %s", r).isGreaterThanOrEqualTo(bounds.start());
            assertThat(s.end()).as("from %s", r).isLessThanOrEqualTo(bounds.end());
        }
    }

    @Test
    void shiftedIntoGivesTheBoundsWhenTooLong() {
        TimeRange bounds = new TimeRange(0, 10);

        assertThat(new TimeRange(-5, 20).shiftedInto(bounds)).isSameAs(bounds);
        assertThat(new TimeRange(3, 13).shiftedInto(bounds)).as("equal duration").isSameAs(bounds);
        assertThat(new TimeRange(50, 70).shiftedInto(bounds)).isSameAs(bounds);
    }

    @Test
    void isAValue() {
        assertThat(new TimeRange(1, 2)).isEqualTo(new TimeRange(1, 2)).hasSameHashCodeAs(new TimeRange(1, 2));
        assertThat(new TimeRange(1, 2)).isNotEqualTo(new TimeRange(1, 3));
    }
}
