package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.runner.task.ClipFailure;
import io.avlens.runner.task.ClipResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one definition of the sync figures: failures are misses in {@code n}, lags beyond the searched range are
 * counted apart, every figure has its {@code n}; the runner's summary gives the same figures.
 */
class SyncScoreTest {

    @TempDir
    Path dir;

    private static final double FPS = 8;

    private static SyncScore.Clip estimated(String id, double truth, double estimate, boolean visible) {
        return SyncScore.estimated(id, OptionalDouble.of(truth), estimate, FPS, 1.0, visible);
    }

    @Test
    void aFailedClipIsAMissAndALagBeyondTheRangeIsCountedApart() {
        SyncMetrics m = SyncScore.score(List.of(
                estimated("a", 0.5, 0.5, true), // right
                estimated("b", -0.3, -0.2, true), // off by 0.1 s < 1/8 s: right
                estimated("c", 0.9, 0.5, false), // off by 0.4 s: wrong
                estimated("d", 1.4, 1.0, true), // true lag beyond ±1 s: cannot be found, not scored
                SyncScore.estimated("e", OptionalDouble.empty(), 0.25, FPS, 1.0, false), // no truth
                SyncScore.failed("f", OptionalDouble.of(0.1), true, "f.mp4: damaged")));
        assertThat(m.clips()).isEqualTo(6);
        assertThat(m.knownLag()).isEqualTo(4);
        assertThat(m.all().n()).as("a, b, c and the failed f").isEqualTo(4);
        assertThat(m.all().withinOneFrame()).isEqualTo(2);
        assertThat(m.all().accuracy()).isEqualTo(0.5);
        assertThat(m.all().maeN()).as("the failed clip has no error").isEqualTo(3);
        assertThat(m.all().maeSeconds()).isCloseTo((0 + 0.1 + 0.4) / 3, within(1e-12));
        assertThat(m.visibleSounding().n()).isEqualTo(3);
        assertThat(m.visibleSounding().withinOneFrame()).isEqualTo(2);
        assertThat(m.visibleSounding().maeN()).isEqualTo(2);
        assertThat(m.lagOutOfRange()).containsExactly("d");
        assertThat(m.failed()).containsExactly(new SyncMetrics.Failure("f", "f.mp4: damaged"));
        Map<String, Double> map = m.toMap();
        assertThat(map).containsEntry("n", 4.0).containsEntry("accuracyWithinOneFrame", 0.5)
                .containsEntry("maeN", 3.0).containsEntry("lagOutOfRangeClips", 1.0).containsEntry("failedClips", 1.0)
                .containsEntry("visibleSounding.n", 3.0);
    }

    @Test
    void withinOneFrameIsOneFramePlusRounding() {
        assertThat(SyncScore.withinOneFrame(0.125, 0.0, FPS)).isTrue();
        assertThat(SyncScore.withinOneFrame(0.0, 0.1250009, FPS)).isTrue();
        assertThat(SyncScore.withinOneFrame(0.0, 0.12502, FPS)).isFalse();
        assertThat(SyncScore.inRange(-1.0000004, 1.0)).isTrue();
        assertThat(SyncScore.inRange(1.01, 1.0)).isFalse();
    }

    @Test
    void theRunnersSummaryCountsFailedClipsAsMisses() throws Exception {
        Path failedMedia = dir.resolve("clip-00009.mp4");
        Files.writeString(dir.resolve("clip-00009.json"), "{\"lagSeconds\": 0.25, \"events\": [{\"type\": \"hit\"}]}");
        ClipResult right = new ClipResult("clip-00001", List.of(), Map.of("lagSeconds", 0.25, "confidence", 0.5,
                "trueLagSeconds", 0.25, "absErrorSeconds", 0.0, "withinOneFrame", 1.0, "lagInRange", 1.0,
                "visibleSoundingEvent", 1.0));
        Map<String, Double> s = new CavpSimilarityTask().summarize(List.of(right),
                List.of(new ClipFailure("clip-00009", failedMedia, failedMedia + ": damaged")));
        // before: the failed clip was left out and the accuracy read 1.0 over 1 clip
        assertThat(s).containsEntry("n", 2.0).containsEntry("withinOneFrame", 1.0)
                .containsEntry("accuracyWithinOneFrame", 0.5).containsEntry("maeN", 1.0)
                .containsEntry("visibleSounding.n", 2.0).containsEntry("failedClips", 1.0).containsEntry("clips", 1.0);
    }
}
