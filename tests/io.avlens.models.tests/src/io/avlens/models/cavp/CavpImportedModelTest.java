package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.internal.ShippedModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CAVP-small ported to PyTorch and its two towers traced to TorchScript ({@code tools/export/cavp_small.py}),
 * imported as one model made of a {@code video} and an {@code audio} part: the similarity task gives the built-in
 * block's volume and lag.
 */
class CavpImportedModelTest {

    static final String ID = "cavp-small-imported";
    private static final String[] FILES = {"model.json", "cavp-small-video.pt", "cavp-small-audio.pt"};

    @TempDir
    Path dir;

    /** The fixture copied into {@code models/cavp-small-imported/}. */
    static Path importFixture(Class<?> anchor, Path models) throws Exception {
        Path folder = Files.createDirectories(models.resolve(ID));
        for (String f : FILES) {
            try (InputStream in = anchor.getResourceAsStream("/resources/" + ID + "/" + f)) {
                Files.copy(in, folder.resolve(f));
            }
        }
        return folder.resolve("model.json");
    }

    private Path clip(String id) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        for (String ext : new String[] {".mp4", ".json"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/" + id + ext)) {
                Files.copy(in, media.resolve(id + ext));
            }
        }
        return media.resolve(id + ".mp4");
    }

    private static ModelParts load(InferenceService service, ModelCatalog.Entry e) throws InferenceException {
        Map<String, LoadedModel> parts = new LinkedHashMap<>();
        for (ModelDescriptor.Component part : e.descriptor().parts()) {
            parts.put(part.role(), service.load(ModelDescriptors.toSpec(e.file(), e.descriptor(), part,
                    ModelSpec.Options.DEFAULT)));
        }
        return ModelParts.of(parts);
    }

    @Test
    void theTracedPairGivesTheBuiltInVolumeAndLag() throws Exception {
        Path models = dir.resolve("models");
        new ShippedModels(List.of(new CavpShippedModel())).install(models);
        importFixture(getClass(), models);
        ModelCatalog catalog = ModelCatalog.scan(models);
        assertThat(catalog.problems()).isEmpty();
        ModelCatalog.Entry imported = catalog.byId(ID).orElseThrow();
        ModelCatalog.Entry builtin = catalog.byId("cavp-small").orElseThrow();
        assertThat(imported.descriptor().hasParts()).isTrue();
        assertThat(imported.descriptor().family()).isEqualTo("cavp");
        assertThat(imported.descriptor().parts()).extracting(ModelDescriptor.Component::role)
                .containsExactly("video", "audio");
        assertThat(imported.weightsPresent()).isTrue();

        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        CavpSimilarityTask task = new CavpSimilarityTask();
        ModelParts parts = load(service, imported);
        try (LoadedModel block = service.load(ModelDescriptors.toSpec(builtin.file(), builtin.descriptor(),
                ModelSpec.Options.DEFAULT))) {
            assertThat(parts.isSingle()).isFalse();
            assertThat(parts.single()).isNull();
            for (String id : new String[] {"clip-00000", "clip-00001", "clip-00002"}) {
                Path mp4 = clip(id);
                Path outA = Files.createDirectories(dir.resolve("a").resolve(id));
                Path outB = Files.createDirectories(dir.resolve("b").resolve(id));
                ClipResult a = task.run(new ClipInput(id, mp4, parts, imported.descriptor(), Map.of(), 0, outA),
                        new NullProgressMonitor());
                ClipResult b = task.run(new ClipInput(id, mp4, block, builtin.descriptor(), Map.of(), 0, outB),
                        new NullProgressMonitor());
                assertThat(a.metrics().get("lagSeconds")).as(id).isEqualTo(b.metrics().get("lagSeconds"));
                assertThat(a.metrics().get("confidence")).isCloseTo(b.metrics().get("confidence"), within(1e-5));
                FloatTensor va = SimilarityFiles.readNpy(outA.resolve("similarity.npy"));
                FloatTensor vb = SimilarityFiles.readNpy(outB.resolve("similarity.npy"));
                assertThat(va.shape()).containsExactly(32, 32);
                assertThat(vb.shape()).containsExactly(32, 32);
                double max = 0;
                for (int i = 0; i < va.size(); i++) {
                    max = Math.max(max, Math.abs(va.getFlat(i) - vb.getFlat(i)));
                }
                assertThat(max).as("%s: largest difference of the volumes", id).isLessThanOrEqualTo(1e-5);
            }
        } finally {
            parts.roles().forEach(r -> parts.byRole(r).close());
        }
    }

    @Test
    void aModelWithoutBothTowersIsRefusedNamingItsParts() throws Exception {
        Path file = importFixture(getClass(), dir.resolve("models"));
        ModelCatalog.Entry e = ModelCatalog.scan(dir.resolve("models")).byId(ID).orElseThrow();
        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        ModelDescriptor.Component video = e.descriptor().parts().get(0);
        try (LoadedModel v = service.load(ModelDescriptors.toSpec(file, e.descriptor(), video,
                ModelSpec.Options.DEFAULT))) {
            ModelParts onlyVideo = ModelParts.of(Map.of("video", v));
            Path out = Files.createDirectories(dir.resolve("out"));
            assertThatThrownBy(() -> new CavpSimilarityTask().run(new ClipInput("c", clip("clip-00000"), onlyVideo,
                    e.descriptor(), Map.of(), 0, out), new NullProgressMonitor()))
                    .isInstanceOf(TaskException.class).hasMessageContaining("[video]")
                    .hasMessageContaining("'audio' part");
        }
        assertThatThrownBy(() -> ModelDescriptors.toSpec(file, e.descriptor(), ModelSpec.Options.DEFAULT))
                .isInstanceOf(InferenceException.class).hasMessageContaining("made of parts [video, audio]");
    }
}
