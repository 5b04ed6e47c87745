package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ItemsSelectedTest {

    @Test
    void holdsItsComponents() {
        Object source = new Object();
        ItemsSelected e = new ItemsSelected(source, "exp", "embedding", List.of("p1", "p2"));

        assertThat(e.source()).isSameAs(source);
        assertThat(e.contextId()).isEqualTo("exp");
        assertThat(e.kind()).isEqualTo("embedding");
        assertThat(e.ids()).containsExactly("p1", "p2");
        assertThat(e).isInstanceOf(AnalysisEvent.class);
    }

    @Test
    void idsAreAnUnmodifiableCopy() {
        List<String> ids = new ArrayList<>(List.of("b", "a"));
        ItemsSelected e = new ItemsSelected(this, "exp", "clip", ids);
        ids.add("c");
        ids.set(0, "z");

        assertThat(e.ids()).as("keeps the poster's order, unaffected by later changes").containsExactly("b", "a");
        assertThatThrownBy(() -> e.ids().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.ids().set(0, "d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.ids().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptySelectionIsAllowed() {
        assertThat(new ItemsSelected(this, "exp", "clip", List.of()).ids()).isEmpty();
    }

    @Test
    void rejectsNullComponents() {
        List<String> ids = List.of("a");
        assertThatThrownBy(() -> new ItemsSelected(null, "exp", "clip", ids))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> new ItemsSelected(this, null, "clip", ids))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("contextId");
        assertThatThrownBy(() -> new ItemsSelected(this, "exp", null, ids))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> new ItemsSelected(this, "exp", "clip", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ItemsSelected(this, "exp", "clip", Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void isAValue() {
        Object source = new Object();
        assertThat(new ItemsSelected(source, "e", "clip", List.of("x")))
                .isEqualTo(new ItemsSelected(source, "e", "clip", new ArrayList<>(List.of("x"))))
                .isNotEqualTo(new ItemsSelected(source, "e", "clip", List.of("y")));
    }
}
