package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.avlens.core.time.TimeRange;

class VisibleWindowChangedTest {

    @Test
    void holdsItsComponents() {
        Object source = new Object();
        TimeRange window = new TimeRange(10, 20);
        VisibleWindowChanged e = new VisibleWindowChanged(source, "clip-3", window);

        assertThat(e.source()).isSameAs(source);
        assertThat(e.contextId()).isEqualTo("clip-3");
        assertThat(e.window()).isEqualTo(window);
        assertThat(e.isFrom(new Object())).isFalse();
        assertThat(e.concerns("clip-4")).isFalse();
    }

    @Test
    void rejectsNullComponents() {
        TimeRange w = new TimeRange(0, 1);
        assertThatThrownBy(() -> new VisibleWindowChanged(null, "c", w))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> new VisibleWindowChanged(this, null, w))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("contextId");
        assertThatThrownBy(() -> new VisibleWindowChanged(this, "c", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("window");
    }
}
