package io.avlens.core.about;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComponentVersionTest {

    @Test
    void holdsItsComponents() {
        ComponentVersion v = new ComponentVersion("djl", "Deep Java Library", "0.33.0", "");

        assertThat(v.key()).isEqualTo("djl");
        assertThat(v.name()).isEqualTo("Deep Java Library");
        assertThat(v.version()).isEqualTo("0.33.0");
        assertThat(v.detail()).isEmpty();
    }

    @Test
    void rejectsNullComponents() {
        assertThatThrownBy(() -> new ComponentVersion(null, "n", "v", "d")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> new ComponentVersion("k", null, "v", "d")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ComponentVersion("k", "n", null, "d")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> new ComponentVersion("k", "n", "v", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("detail");
    }
}
