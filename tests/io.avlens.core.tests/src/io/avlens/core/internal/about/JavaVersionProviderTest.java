package io.avlens.core.internal.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.core.about.ComponentVersion;

class JavaVersionProviderTest {

    @Test
    void reportsTheRunningJava() {
        List<ComponentVersion> versions = new JavaVersionProvider().versions();

        assertThat(versions).hasSize(1);
        ComponentVersion java = versions.get(0);
        assertThat(java.key()).isEqualTo("java");
        assertThat(java.name()).isEqualTo("Java");
        assertThat(java.version()).isEqualTo(Runtime.version().toString());
        assertThat(java.detail()).contains(System.getProperty("java.vendor"))
                .contains(System.getProperty("java.vm.name"))
                .contains(System.getProperty("java.home"));
    }
}
