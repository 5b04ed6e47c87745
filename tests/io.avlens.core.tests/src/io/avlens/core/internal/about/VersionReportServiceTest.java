package io.avlens.core.internal.about;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.ComponentVersionProvider;

class VersionReportServiceTest {

    private static ComponentVersion v(String key, String version) {
        return new ComponentVersion(key, key.toUpperCase(), version, "");
    }

    private static ComponentVersionProvider provider(ComponentVersion... versions) {
        List<ComponentVersion> list = List.of(versions);
        return () -> list;
    }

    private static List<String> keys(List<ComponentVersion> versions) {
        return versions.stream().map(ComponentVersion::key).toList();
    }

    @Test
    void wellKnownKeysComeFirstThenTheOthersAlphabetically() {
        List<ComponentVersion> ordered = VersionReportService.order(List.of(
                provider(v("zlib", "1"), v("osgi", "3.24")),
                provider(v("pytorch", "2.7"), v("java", "25"), v("djl", "0.33")),
                provider(v("eclipse", "4.39"), v("ffmpeg", "7.1"), v("avlens", "0.1.0"), v("aaa", "0"))));

        assertThat(keys(ordered)).containsExactly("avlens", "java", "eclipse", "osgi", "aaa", "djl", "ffmpeg",
                "pytorch", "zlib");
    }

    @Test
    void missingWellKnownKeysLeaveNoGap() {
        List<ComponentVersion> ordered = VersionReportService.order(List.of(
                provider(v("opencv", "4"), v("osgi", "3"), v("java", "25"))));

        assertThat(keys(ordered)).containsExactly("java", "osgi", "opencv");
    }

    @Test
    void theFirstProviderWinsOnADuplicateKey() {
        List<ComponentVersion> ordered = VersionReportService.order(List.of(
                provider(v("djl", "first")),
                provider(v("djl", "second"), v("java", "25")),
                provider(v("java", "ignored"))));

        assertThat(ordered).containsExactly(v("java", "25"), v("djl", "first"));
    }

    @Test
    void aDuplicateWithinOneProviderKeepsItsFirstEntry() {
        assertThat(VersionReportService.order(List.of(provider(v("x", "1"), v("x", "2"))))).containsExactly(v("x", "1"));
    }

    @Test
    void noProvidersNoVersions() {
        assertThat(new VersionReportService().versions()).isEmpty();
        assertThat(VersionReportService.order(List.of(provider()))).isEmpty();
    }

    @Test
    void theReportIsUnmodifiable() {
        List<ComponentVersion> ordered = VersionReportService.order(List.of(provider(v("a", "1"))));

        assertThatThrownBy(() -> ordered.add(v("b", "2"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void followsProvidersAsTheyComeAndGo() {
        VersionReportService service = new VersionReportService();
        ComponentVersionProvider java = provider(v("java", "25"));
        ComponentVersionProvider djl = provider(v("djl", "0.33"));
        ComponentVersionProvider shadow = provider(v("java", "shadow"));

        service.addProvider(djl);
        service.addProvider(java);
        service.addProvider(shadow);
        assertThat(service.versions()).containsExactly(v("java", "25"), v("djl", "0.33"));

        service.removeProvider(java);
        assertThat(service.versions()).containsExactly(v("java", "shadow"), v("djl", "0.33"));

        service.removeProvider(djl);
        service.removeProvider(shadow);
        assertThat(service.versions()).isEmpty();
    }

    @Test
    void asksTheProvidersEachTime() {
        VersionReportService service = new VersionReportService();
        int[] calls = {0};
        service.addProvider(() -> List.of(v("n", Integer.toString(++calls[0]))));

        assertThat(service.versions()).containsExactly(v("n", "1"));
        assertThat(service.versions()).containsExactly(v("n", "2"));
    }
}
