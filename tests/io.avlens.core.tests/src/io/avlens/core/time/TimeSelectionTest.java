package io.avlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSelectionTest {

    @Test
    void aCursorIsASingleInstant() {
        TimeSelection s = TimeSelection.at(12.5);

        assertThat(s.isCursor()).isTrue();
        assertThat(s.cursor()).isEqualTo(12.5);
        assertThat(s.begin()).isEqualTo(12.5);
        assertThat(s.end()).isEqualTo(12.5);
        assertThat(s.range()).isEqualTo(new TimeRange(12.5, 12.5));
    }

    @Test
    void aRangeDraggedForward() {
        TimeSelection s = new TimeSelection(2, 5);

        assertThat(s.isCursor()).isFalse();
        assertThat(s.cursor()).isEqualTo(2);
        assertThat(s.range()).isEqualTo(new TimeRange(2, 5));
    }

    @Test
    void aRangeDraggedBackwardKeepsItsCursorWhereTheDragBegan() {
        TimeSelection s = new TimeSelection(5, 2);

        assertThat(s.isCursor()).isFalse();
        assertThat(s.cursor()).isEqualTo(5);
        assertThat(s.range()).isEqualTo(new TimeRange(2, 5));
    }

    @Test
    void negativeTimesAreAllowed() {
        assertThat(new TimeSelection(-1, -3).range()).isEqualTo(new TimeRange(-3, -1));
    }

    @Test
    void plusAndMinusZeroAreOneInstant() {
        assertThat(new TimeSelection(0.0, -0.0).isCursor()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"NaN, 1", "1, NaN", "Infinity, 1", "1, -Infinity"})
    void rejectsNonFiniteBounds(double begin, double end) {
        assertThatThrownBy(() -> new TimeSelection(begin, end)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be finite");
    }

    @Test
    void cursorRejectsNonFiniteTime() {
        assertThatThrownBy(() -> TimeSelection.at(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isAValue() {
        assertThat(new TimeSelection(1, 2)).isEqualTo(new TimeSelection(1, 2));
        assertThat(new TimeSelection(1, 2)).as("direction matters").isNotEqualTo(new TimeSelection(2, 1));
    }
}
