package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.denseav.DenseAvBlockFactory;
import io.avlens.models.denseav.DenseAvHeatmapTask;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvShippedModel;
import io.avlens.models.internal.ShippedModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DenseAV-small ported to PyTorch and its two encoders traced to TorchScript ({@code tools/export/denseav_small.py}),
 * imported as one model made of an {@code image} and an {@code audio} part: the heatmap task gives the built-in
 * block's dense features on a held-out AV-Shapes clip, and a changed or ill-shaped part is refused naming its file.
 */
class DenseAvImportedModelTest {

    static final String ID = "denseav-small-imported";
    private static final String CAVP_ID = "cavp-small-imported";

    @TempDir
    Path dir;

    private Path importFixture(String id, String... files) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models").resolve(id));
        for (String f : files) {
            try (InputStream in = getClass().getResourceAsStream("/resources/" + id + "/" + f)) {
                Files.copy(in, folder.resolve(f));
            }
        }
        return folder.resolve("model.json");
    }

    private Path importDense() throws Exception {
        return importFixture(ID, "model.json", "denseav-small-image.pt", "denseav-small-audio.pt");
    }

    private Path clip() throws Exception {
        Path mp4 = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        if (!Files.exists(mp4)) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-speech/clip-00000.mp4")) {
                Files.copy(in, mp4);
            }
        }
        return mp4;
    }

    private static LoadedModel part(InferenceService service, ModelCatalog.Entry e, String role)
            throws InferenceException {
        ModelDescriptor.Component c = e.descriptor().parts().stream().filter(p -> p.role().equals(role))
                .findFirst().orElseThrow();
        return service.load(ModelDescriptors.toSpec(e.file(), e.descriptor(), c, ModelSpec.Options.DEFAULT));
    }

    private ClipResult run(ModelParts parts, ModelDescriptor d, String out) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(out));
        return new DenseAvHeatmapTask().run(new ClipInput("clip-00000", clip(), parts, d, Map.of(), 0, folder),
                new NullProgressMonitor());
    }

    private static double largestDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void theTracedPairGivesTheBuiltInDenseFeatures() throws Exception {
        Path models = dir.resolve("models");
        new ShippedModels(List.of(new DenseAvShippedModel())).install(models);
        importDense();
        ModelCatalog catalog = ModelCatalog.scan(models);
        assertThat(catalog.problems()).isEmpty();
        ModelCatalog.Entry imported = catalog.byId(ID).orElseThrow();
        ModelCatalog.Entry builtin = catalog.byId("denseav-small").orElseThrow();
        assertThat(imported.descriptor().family()).isEqualTo("denseav");
        assertThat(imported.descriptor().parts()).extracting(ModelDescriptor.Component::role)
                .containsExactly(DenseAvHeatmapTask.IMAGE_PART, DenseAvHeatmapTask.AUDIO_PART);
        assertThat(imported.weightsPresent()).isTrue();

        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        try (LoadedModel image = part(service, imported, "image"); LoadedModel audio = part(service, imported, "audio");
                LoadedModel block = service.load(ModelDescriptors.toSpec(builtin.file(), builtin.descriptor(),
                        ModelSpec.Options.DEFAULT))) {
            ModelParts parts = ModelParts.of(Map.of("image", image, "audio", audio));
            ClipResult a = run(parts, imported.descriptor(), "imported");
            ClipResult b = run(ModelParts.single(block), builtin.descriptor(), "builtin");
            assertThat(a.metrics()).isEqualTo(b.metrics());
            assertThat(a.metrics()).containsEntry("frames", 32.0).containsEntry("heads", 2.0);
            DenseFeatures fa = DenseFeatureFiles.read(dir.resolve("imported"));
            DenseFeatures fb = DenseFeatureFiles.read(dir.resolve("builtin"));
            assertThat(fa.image().shape()).containsExactly(32, 2, 16, 16, 16).isEqualTo(fb.image().shape());
            assertThat(fa.audio().shape()).containsExactly(2, 16, 8, 32).isEqualTo(fb.audio().shape());
            assertThat(largestDifference(fa.image().toArray(), fb.image().toArray()))
                    .as("largest difference of the image features").isLessThanOrEqualTo(1e-5);
            assertThat(largestDifference(fa.audio().toArray(), fb.audio().toArray()))
                    .as("largest difference of the audio features").isLessThanOrEqualTo(1e-5);
            assertThat(fa.voicedMask()).isEqualTo(fb.voicedMask());
            assertThat(fa.frameTime()).isEqualTo(fb.frameTime());
            assertThat(fa.audioTime()).isEqualTo(fb.audioTime());
        }
    }

    @Test
    void thePlainJavaEntryOpensTheImportedPair() throws Exception {
        Path json = importDense();
        Path media = clip();
        try (DenseAvHeatmaps imported = DenseAvHeatmaps.open(json, 1);
                DenseAvHeatmaps builtin = DenseAvHeatmaps.shipped(dir.resolve("models"), 1)) {
            assertThat(imported.descriptor().id()).isEqualTo(ID);
            DenseAvHeatmaps.Result a = imported.compute(media, dir.resolve("a"));
            DenseAvHeatmaps.Result b = builtin.compute(media, dir.resolve("b"));
            assertThat(a.metrics()).isEqualTo(b.metrics());
            assertThat(largestDifference(a.features().image().toArray(), b.features().image().toArray()))
                    .isLessThanOrEqualTo(1e-5);
            assertThat(largestDifference(a.features().audio().toArray(), b.features().audio().toArray()))
                    .isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void aChangedPartIsRefusedNamingItsFile() throws Exception {
        Path json = importDense();
        Path audio = json.resolveSibling("denseav-small-audio.pt");
        Files.write(audio, new byte[] {0}, StandardOpenOption.APPEND);
        ModelCatalog.Entry e = ModelCatalog.scan(dir.resolve("models")).byId(ID).orElseThrow();
        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        assertThatThrownBy(() -> part(service, e, "audio")).isInstanceOf(InferenceException.class)
                .hasMessageStartingWith(audio.toAbsolutePath().toString()).hasMessageContaining("SHA-256")
                .hasMessageContaining("the audio part of model " + ID);
    }

    @Test
    void aPartOfTheWrongShapeIsRefusedNamingItsFile() throws Exception {
        importDense();
        importFixture(CAVP_ID, "model.json", "cavp-small-video.pt", "cavp-small-audio.pt");
        ModelCatalog catalog = ModelCatalog.scan(dir.resolve("models"));
        ModelCatalog.Entry dense = catalog.byId(ID).orElseThrow();
        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        // CAVP's audio tower takes the same mel but returns one vector per step, [1, T, 64], not [1, K, C, F, T]
        try (LoadedModel image = part(service, dense, "image");
                LoadedModel cavp = part(service, catalog.byId(CAVP_ID).orElseThrow(), "audio")) {
            ModelParts parts = ModelParts.of(Map.of("image", image, "audio", cavp));
            assertThatThrownBy(() -> run(parts, dense.descriptor(), "wrong")).isInstanceOf(TaskException.class)
                    .hasMessageContaining("clip-00000.mp4").hasMessageContaining("cavp-small-audio.pt")
                    .hasMessageContaining("'audio' of shape [1, 32, 64], expected [1, K, C, F, T]");
        }
    }
}
