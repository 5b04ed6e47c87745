package io.avlens.models.tests.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;

/** The monitor helpers: loading progress from a loader's per-clip cancel polls, and parts of one training. */
class TrainingMonitorTest {

    /** Records every report; cancels when told. */
    private static final class Recording implements TrainingMonitor {
        final List<TrainingProgress> reports = new ArrayList<>();
        boolean cancel;

        @Override
        public void progress(TrainingProgress p) {
            reports.add(p);
        }

        @Override
        public boolean isCancelled() {
            return cancel;
        }
    }

    @Test
    void eachPollOfTheLoaderReportsTheClipsReadSoFarAndPassesCancelOn() {
        Recording monitor = new Recording();
        BooleanSupplier polls = TrainingMonitor.loading(monitor, 3);
        for (int i = 0; i < 4; i++) {
            assertThat(polls.getAsBoolean()).isFalse();
        }
        assertThat(monitor.reports).extracting(TrainingProgress::phase).containsOnly("loading");
        assertThat(monitor.reports).extracting(TrainingProgress::step).containsExactly(0, 1, 2, 3);
        assertThat(monitor.reports).extracting(TrainingProgress::totalSteps).containsOnly(3);
        monitor.cancel = true;
        assertThat(polls.getAsBoolean()).isTrue();
    }

    @Test
    void aPartOfATrainingCountsOnFromTheStepsBeforeIt() {
        Recording monitor = new Recording();
        TrainingMonitor second = TrainingMonitor.part(monitor, 40, 44);
        second.progress(new TrainingProgress("training", 3, 4, 0.5, java.util.Map.of(), 0.1));
        assertThat(monitor.reports.get(0).step()).isEqualTo(43);
        assertThat(monitor.reports.get(0).totalSteps()).isEqualTo(44);
        monitor.cancel = true;
        assertThat(second.isCancelled()).isTrue();
    }

    @Test
    void mediaClipsCountsTheMp4FilesOfTheMediaFolder(@TempDir Path dir) throws Exception {
        assertThat(TrainingMonitor.mediaClips(dir)).as("no media folder").isZero();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mp4"), "");
        Files.writeString(media.resolve("a.json"), "");
        Files.writeString(media.resolve("b.mp4"), "");
        assertThat(TrainingMonitor.mediaClips(dir)).isEqualTo(2);
    }
}
