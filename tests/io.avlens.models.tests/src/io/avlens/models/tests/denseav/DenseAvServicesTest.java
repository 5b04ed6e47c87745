package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.BuiltinBlockFactory;
import io.avlens.models.BuiltinModels;
import io.avlens.models.ShippedModel;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipTask;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The DenseAV family is plugged in as CAVP is, by DS alone: its block factory, heatmap task, trainer and shipped
 * model are registered services, the built-in models service lists denseav-small, and the DS-wired runner runs a clip
 * of kind {@code heatmap} with it, and with the imported {@code image} + {@code audio} pair to the same features.
 */
class DenseAvServicesTest {

    @TempDir
    Path dir;

    private static <T> List<T> services(Class<T> type) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DenseAvServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            Collection<T> all = tracker.getTracked().values();
            return List.copyOf(all);
        } finally {
            tracker.close();
        }
    }

    @Test
    void theFamilyIsRegisteredByDs() throws Exception {
        assertThat(services(BuiltinBlockFactory.class)).extracting(BuiltinBlockFactory::family).contains("denseav");
        assertThat(services(ClipTask.class)).anyMatch(t -> t.kind().equals("heatmap") && t.supports("denseav"));
        assertThat(services(FamilyTrainer.class)).filteredOn(t -> t.family().equals("denseav"))
                .singleElement().satisfies(t -> {
                    assertThat(t.modelName()).isEqualTo("denseav-small");
                    assertThat(t.options()).extracting(o -> o.name()).containsExactly("batch", "local-cells",
                            "centre-weight");
                });
        assertThat(services(ShippedModel.class)).extracting(ShippedModel::id).contains("denseav-small");
        assertThat(services(BuiltinModels.class)).singleElement()
                .satisfies(b -> assertThat(b.ids()).contains("denseav-small"));
    }

    @Test
    void theRunnerRunsAHeatmapClipWithTheShippedModel() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-speech/clip-00000.mp4")) {
            Files.copy(in, media);
        }
        BuiltinModels.Installed installed = services(BuiltinModels.class).get(0).install(dir.resolve("models"))
                .stream().filter(m -> m.id().equals("denseav-small")).findFirst().orElseThrow();
        var descriptor = ModelDescriptors.read(installed.descriptor());
        ModelRef model = new ModelRef(descriptor, installed.descriptor(),
                ModelDescriptors.verifiedWeights(installed.descriptor(), descriptor));
        ModelRunner runner = services(ModelRunner.class).get(0);
        ClipOutcome outcome = runner.runClip(new ClipRequest("heatmap", model, new ClipRef("clip-00000", media),
                Map.of(), 0), RunSettings.defaults(dir.resolve("data")).withCacheFolder(null), null);
        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(DenseFeatureFiles.present(outcome.folder())).isTrue();
        assertThat(DenseFeatureFiles.read(outcome.folder()).heads()).isEqualTo(2);
        assertThat(outcome.metrics()).containsEntry("frames", 32.0);
    }

    @Test
    void theRunnerRunsAHeatmapClipWithTheImportedPairAsWithTheShippedModel() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-speech/clip-00000.mp4")) {
            Files.copy(in, media);
        }
        Path installed = services(BuiltinModels.class).get(0).install(dir.resolve("models")).stream()
                .filter(m -> m.id().equals("denseav-small")).findFirst().orElseThrow().descriptor();
        Path folder = Files.createDirectories(dir.resolve("models/denseav-small-imported"));
        for (String f : new String[] {"model.json", "denseav-small-image.pt", "denseav-small-audio.pt"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/denseav-small-imported/" + f)) {
                Files.copy(in, folder.resolve(f));
            }
        }
        ModelRunner runner = services(ModelRunner.class).get(0);
        DenseFeatures[] features = new DenseFeatures[2];
        Path[] files = {installed, folder.resolve("model.json")};
        for (int i = 0; i < 2; i++) {
            var descriptor = ModelDescriptors.read(files[i]);
            ModelRef model = new ModelRef(descriptor, files[i], ModelDescriptors.verifiedWeights(files[i], descriptor,
                    descriptor.parts().get(0)));
            ClipOutcome outcome = runner.runClip(new ClipRequest("heatmap", model, new ClipRef("clip-00000", media),
                    Map.of(), 0), RunSettings.defaults(dir.resolve("data" + i)).withCacheFolder(null), null);
            assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
            features[i] = DenseFeatureFiles.read(outcome.folder());
        }
        float[][] pairs = {features[0].image().toArray(), features[1].image().toArray(),
            features[0].audio().toArray(), features[1].audio().toArray()};
        for (int k = 0; k < 4; k += 2) {
            assertThat(pairs[k + 1]).hasSameSizeAs(pairs[k]);
            for (int j = 0; j < pairs[k].length; j++) {
                assertThat(Math.abs(pairs[k][j] - pairs[k + 1][j])).isLessThanOrEqualTo(1e-5f);
            }
        }
    }
}
