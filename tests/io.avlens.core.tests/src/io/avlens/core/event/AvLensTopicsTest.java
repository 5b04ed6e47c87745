package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AvLensTopicsTest {

    @Test
    void topicsAreDistinctAndUnderThePrefix() {
        Set<String> topics = Set.of(AvLensTopics.TIME_SELECTION, AvLensTopics.TIME_WINDOW, AvLensTopics.ITEMS_SELECTED);

        assertThat(topics).hasSize(3).allSatisfy(t -> assertThat(t).startsWith(AvLensTopics.PREFIX)
                .doesNotEndWith("/").doesNotContain("*").doesNotContain("//"));
        assertThat(AvLensTopics.PREFIX).isEqualTo("io/avlens/");
    }

    @Test
    void allIsTheOsgiWildcardOfThePrefix() {
        // OSGi EventAdmin: a trailing "/*" matches every topic below the prefix
        assertThat(AvLensTopics.ALL).isEqualTo("io/avlens/*");
    }
}
