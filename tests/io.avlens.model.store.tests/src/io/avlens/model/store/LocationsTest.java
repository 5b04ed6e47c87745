package io.avlens.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocationsTest {

    private final Path project = Path.of("/data/projects/kitchen");

    @Test
    void aFileInsideTheProjectGetsARelativeSlashSeparatedLocation() {
        assertThat(Locations.of(project, project.resolve("media/take 01.mp4"))).isEqualTo("media/take 01.mp4");
        assertThat(Locations.resolve(project, "media/take 01.mp4")).isEqualTo(project.resolve("media/take 01.mp4"));
    }

    @Test
    void aFileOutsideGetsAnAbsoluteFileUriThatResolvesBack() {
        Path outside = Path.of("/data/raw/été #1.wav");
        String location = Locations.of(project, outside);
        assertThat(location).isEqualTo("file:///data/raw/%C3%A9t%C3%A9%20%231.wav");
        assertThat(Locations.resolve(project, location)).isEqualTo(outside);
    }

    @Test
    void aRelativeNameThatLooksLikeAUriIsProtected() {
        String location = Locations.of(project, project.resolve("take:1.mp4"));
        assertThat(location).isEqualTo("./take:1.mp4");
        assertThat(Locations.resolve(project, location)).isEqualTo(project.resolve("take:1.mp4"));
    }

    @Test
    void locationsThatCannotResolveSayWhy() {
        assertThatThrownBy(() -> Locations.resolve(project, " ")).hasMessage("the location is empty");
        assertThatThrownBy(() -> Locations.resolve(project, "https://example.org/a.mp4"))
                .hasMessageStartingWith("'https://example.org/a.mp4' is not a file location");
        assertThatThrownBy(() -> Locations.resolve(project, "file://a b")).hasMessageContaining("is not a valid URI");
        assertThatThrownBy(() -> Locations.resolve(project, "C:\\clips\\a.mp4"))
                .hasMessageContaining("is neither relative to the project folder");
    }
}
