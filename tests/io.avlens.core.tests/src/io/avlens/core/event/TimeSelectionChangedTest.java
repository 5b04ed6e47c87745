package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.avlens.core.time.TimeSelection;

class TimeSelectionChangedTest {

    @Test
    void holdsItsComponents() {
        Object source = new Object();
        TimeSelection selection = new TimeSelection(1, 2);
        TimeSelectionChanged e = new TimeSelectionChanged(source, "clip-3", selection);

        assertThat(e.source()).isSameAs(source);
        assertThat(e.contextId()).isEqualTo("clip-3");
        assertThat(e.selection()).isEqualTo(selection);
        assertThat(e.isFrom(source)).isTrue();
        assertThat(e.concerns("clip-3")).isTrue();
    }

    @Test
    void rejectsNullComponents() {
        TimeSelection s = TimeSelection.at(0);
        assertThatThrownBy(() -> new TimeSelectionChanged(null, "c", s))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> new TimeSelectionChanged(this, null, s))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("contextId");
        assertThatThrownBy(() -> new TimeSelectionChanged(this, "c", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("selection");
    }
}
