package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioReader;
import io.avlens.media.MediaProbe;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyGenerateTask;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.TaskException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generate task on a synthetic clip with a tiny untrained Diff-Foley: the files of every sample, read back. */
class DiffFoleyGenerateTaskTest {

    @TempDir
    Path dir;

    private Path clip() throws Exception {
        Path mp4 = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/clip-00000.mp4")) {
            Files.copy(in, mp4);
        }
        return mp4;
    }

    @Test
    void writesEachSampleAsAGeneratedSampleRecord() throws Exception {
        Path mp4 = clip();
        Path descriptor = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), dir.resolve("model"), 3);
        DiffFoleyGenerateTask task = new DiffFoleyGenerateTask(DjlInferenceServices.programEngine());
        assertThat(task.kind()).isEqualTo("generate");
        assertThat(task.supports("diff-foley")).isTrue();
        assertThat(task.parameters()).extracting(p -> p.name())
                .containsExactly("omega", "gamma", "steps", "sampler", "samples");
        try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.tiny(), 1)) {
            Path out = Files.createDirectories(dir.resolve("out"));
            ClipInput input = new ClipInput("clip-00000", mp4, model.parts(), model.descriptor(),
                    Map.of("omega", 3.0, "gamma", 10.0, "steps", 3L, "samples", 2L), 40, out);
            ClipResult r = task.run(input, new NullProgressMonitor());
            List<GeneratedSample> samples = GeneratedSample.list(out);
            assertThat(samples).hasSize(2);
            double sync = 0;
            double score = 0;
            for (int k = 0; k < 2; k++) {
                GeneratedSample s = GeneratedSample.read(out.resolve(
                        new GuidanceSettings(3, 10, 3, "dpm", 40 + k).stem() + GeneratedSample.JSON));
                assertThat(s.settings()).isEqualTo(new GuidanceSettings(3, 10, 3, "dpm", 40 + k));
                assertThat(s.model()).isEqualTo("diff-foley-small");
                assertThat(s.clip()).isEqualTo(mp4.toAbsolutePath().toString());
                assertThat(Npy.read(s.mel(out)).shape()).containsExactly(64, 256);
                assertThat(AudioReader.read(s.wav(out), 16_000).durationSeconds()).isCloseTo(4.0, within(0.01));
                assertThat(MediaProbe.probe(s.mp4(out)).hasAudio()).isTrue();
                assertThat(MediaProbe.probe(s.mp4(out)).hasVideo()).isTrue();
                assertThat(s.metrics()).containsOnlyKeys("syncOffset", "classifierScore");
                assertThat(s.metrics().get("classifierScore")).isBetween(0.0, 1.0);
                assertThat(Math.abs(s.metrics().get("syncOffset"))).isLessThanOrEqualTo(1.0);
                sync += s.metrics().get("syncOffset") / 2;
                score += s.metrics().get("classifierScore") / 2;
            }
            assertThat(r.metrics().get("syncOffset")).isCloseTo(sync, within(1e-9));
            assertThat(r.metrics().get("classifierScore")).isCloseTo(score, within(1e-9));
            assertThat(r.artifacts()).hasSize(4);
            for (var a : r.artifacts()) {
                assertThat(out.resolve(a.file())).isRegularFile();
            }
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirName() throws Exception {
        Path mp4 = clip();
        Path descriptor = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), dir.resolve("model"), 3);
        try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.tiny(), 1)) {
            ClipInput input = new ClipInput("c", mp4, model.parts(), model.descriptor(),
                    Map.of("sampler", "euler"), 1, Files.createDirectories(dir.resolve("out")));
            assertThatThrownBy(() -> new DiffFoleyGenerateTask(DjlInferenceServices.programEngine())
                    .run(input, new NullProgressMonitor())).isInstanceOf(TaskException.class)
                    .hasMessageContaining("euler");
        }
    }
}
