package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.denseav.DenseAvBlockFactory;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvHeatmapTask;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvShippedModel;
import io.avlens.models.denseav.DenseClip;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.TaskArtifact;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heatmap task on AV-Shapes clips with spoken colour words (dataset seed 2, held out from training) through the
 * inference service with the shipped denseav-small: the files it writes have the shapes and time bases of the
 * profile, its features equal the encoders' run directly on the decoded clip, and a 2 s clip is padded to one 4 s
 * window whose padded steps are silence.
 */
class DenseAvHeatmapTaskTest {

    @TempDir
    Path dir;

    private Path copy(String file) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-speech/" + file)) {
            Files.copy(in, media.resolve(file));
        }
        return media.resolve(file);
    }

    private Path installed() throws Exception {
        Path models = dir.resolve("models");
        return new io.avlens.models.internal.ShippedModels(List.of(new DenseAvShippedModel())).install(models)
                .get(0).descriptor();
    }

    private ClipResult run(Path media, LoadedModel model, ModelDescriptor d, String id) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out").resolve(id));
        return new DenseAvHeatmapTask().run(new ClipInput(id, media, model, d, Map.of(), 0, out), null);
    }

    @Test
    void featuresOfAClipHaveTheProfilesShapesAndTimeBasesAndEqualTheDirectPath() throws Exception {
        DenseAvHeatmapTask task = new DenseAvHeatmapTask();
        assertThat(task.kind()).isEqualTo("heatmap");
        assertThat(task.supports("denseav")).isTrue();
        assertThat(task.supports("cavp")).isFalse();
        Path json = installed();
        ModelDescriptor d = ModelDescriptors.read(json);
        Path media = copy("clip-00000.mp4");
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()))
                .load(ModelDescriptors.toSpec(json, d, ModelSpec.Options.DEFAULT))) {
            ClipResult r = run(media, model, d, "clip-00000");
            assertThat(r.artifacts()).extracting(TaskArtifact::file).containsExactly(DenseFeatureFiles.IMAGE,
                    DenseFeatureFiles.AUDIO, DenseFeatureFiles.VOICED, DenseFeatureFiles.TIMES);
            assertThat(r.metrics()).containsEntry("frames", 32.0).containsEntry("audioSteps", 32.0)
                    .containsEntry("heads", 2.0).containsEntry("voicedShare", 1.0).doesNotContainKey("paddedSeconds");
            DenseFeatures f = DenseFeatureFiles.read(dir.resolve("out/clip-00000"));
            assertThat(new int[] {f.frames(), f.heads(), f.channels(), f.height(), f.width(), f.freqs(), f.steps()})
                    .containsExactly(32, 2, 16, 16, 16, 8, 32);
            assertThat(f.frameTime().start()).isZero();
            assertThat(f.frameTime().step()).isEqualTo(0.125);
            assertThat(f.audioTime().start()).isZero();
            assertThat(f.audioTime().step()).isEqualTo(0.125);

            // the same numbers from the encoders directly, on the same decoded clip
            DenseClip clip = DenseClip.decode(media, DenseAvConfig.small());
            try (DenseAvModel direct = DenseAvModel.initialised(DenseAvConfig.small());
                    InputStream w = Files.newInputStream(json.resolveSibling("denseav-small.params"))) {
                direct.readParameters(w, "denseav-small.params");
                try (NDManager m = direct.manager().newSubManager()) {
                    NDArray mel = m.create(clip.mel(), new Shape(1, 64, 256));
                    float[] audio = direct.block().encodeAudio(direct.store(), mel, false).toFloatArray();
                    assertClose(f.audio().toArray(), audio);
                    float[] frames = new float[clip.frames().length];
                    for (int i = 0; i < frames.length; i++) {
                        frames[i] = (clip.frames()[i] & 0xff) / 255f;
                    }
                    float[] image = direct.block().encodeImage(direct.store(),
                            m.create(frames, new Shape(32, 64, 64, 3)), false).toFloatArray();
                    assertClose(f.image().toArray(), image);
                }
            }
        }
    }

    @Test
    void aShortClipIsPaddedToOneWindowWithSilentPaddedSteps() throws Exception {
        Path json = installed();
        ModelDescriptor d = ModelDescriptors.read(json);
        Path media = copy("short-2s.mp4");
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()))
                .load(ModelDescriptors.toSpec(json, d, ModelSpec.Options.DEFAULT))) {
            ClipResult r = run(media, model, d, "short");
            assertThat(r.metrics()).containsEntry("paddedSeconds", 2.0).containsEntry("frames", 32.0);
            DenseFeatures f = DenseFeatureFiles.read(dir.resolve("out/short"));
            boolean[] voiced = f.voicedMask();
            for (int t = 0; t < 32; t++) {
                assertThat(voiced[t]).as("step %d", t).isEqualTo(t < 16);
            }
            assertThat(r.metrics().get("voicedShare")).isEqualTo(0.5);
        }
    }

    private static void assertClose(float[] got, float[] expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4f));
        }
    }
}
