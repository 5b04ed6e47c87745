package io.avlens.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.BuiltinModels;
import io.avlens.models.ShippedModel;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpFeatures;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.cavp.StepAlignedClip;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing the shipped models into a models folder, and cavp-small loaded from there through the inference
 * service giving the features of the direct DJL path ({@link CavpModel#bundled()}) on a real AV-Shapes clip.
 */
class ShippedModelsTest {

    private static final String SHA = "ecdf43ad4d383cf3a2a88a2cc888971f0547b8ac09eff77088ea3c48d586246e";

    @TempDir
    Path dir;

    @Test
    void installCopiesOnlyWhatIsMissingOrChanged() throws Exception {
        Path models = dir.resolve("data/models");
        BuiltinModels builtin = new ShippedModels(List.of(new CavpShippedModel()));
        assertThat(builtin.ids()).containsExactly("cavp-small");
        List<BuiltinModels.Installed> first = builtin.install(models);
        Path descriptor = models.resolve("cavp-small/model.json");
        Path weights = models.resolve("cavp-small/cavp-small.params");
        assertThat(first).containsExactly(new BuiltinModels.Installed("cavp-small", descriptor, true));
        assertThat(ModelDescriptors.sha256(weights)).isEqualTo(SHA);
        try (InputStream in = CavpModel.class.getResourceAsStream("/weights/cavp-small/cavp-small.json")) {
            assertThat(Files.readAllBytes(descriptor)).isEqualTo(in.readAllBytes());
        }

        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(weights, stamp);
        assertThat(builtin.install(models).get(0).written()).isFalse();
        assertThat(Files.getLastModifiedTime(weights)).as("an identical file is not rewritten").isEqualTo(stamp);

        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
        Files.writeString(models.resolve("cavp-small/notes.txt"), "mine");
        assertThat(builtin.install(models).get(0).written()).isTrue();
        assertThat(ModelDescriptors.sha256(weights)).as("a damaged copy is replaced").isEqualTo(SHA);
        assertThat(models.resolve("cavp-small/notes.txt")).hasContent("mine");

        ModelCatalog catalog = ModelCatalog.scan(models);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.byId("cavp-small")).hasValueSatisfying(e -> {
            assertThat(e.file()).isEqualTo(descriptor);
            assertThat(e.weightsPresent()).isTrue();
            assertThat(e.descriptor().family()).isEqualTo("cavp");
        });
    }

    @Test
    void aModelRegisteredByAnotherBundleIsInstalledBesideTheShippedOne() throws Exception {
        byte[] weights = {1, 2, 3};
        byte[] json = "{\"id\": \"tiny\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ShippedModel tiny = new ShippedModel() {
            @Override
            public String id() {
                return "tiny";
            }

            @Override
            public String weightsFile() {
                return "tiny.params";
            }

            @Override
            public InputStream open(String file) {
                return new java.io.ByteArrayInputStream(file.equals("tiny.json") ? json : weights);
            }
        };
        BuiltinModels builtin = new ShippedModels(List.of(tiny, new CavpShippedModel()));
        assertThat(builtin.ids()).containsExactly("cavp-small", "tiny");
        Path models = dir.resolve("two");
        assertThat(builtin.install(models)).extracting(BuiltinModels.Installed::id).containsExactly("cavp-small",
                "tiny");
        assertThat(models.resolve("tiny/tiny.params")).hasBinaryContent(weights);
        assertThat(models.resolve("tiny/model.json")).hasBinaryContent(json);
        assertThat(ModelDescriptors.sha256(models.resolve("cavp-small/cavp-small.params"))).isEqualTo(SHA);
        assertThat(BuiltinModels.of(new CavpShippedModel()).ids()).containsExactly("cavp-small");
    }

    @Test
    void theInstalledModelThroughTheServiceGivesTheDirectPathsFeatures() throws Exception {
        Path models = dir.resolve("models");
        new ShippedModels(List.of(new CavpShippedModel())).install(models);
        Path clipFile = dir.resolve("clip-00001.mp4");
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/clip-00001.mp4")) {
            Files.copy(in, clipFile);
        }
        ModelCatalog.Entry entry = ModelCatalog.scan(models).byId("cavp-small").orElseThrow();
        ModelSpec spec = ModelDescriptors.toSpec(entry.file(), entry.descriptor(), ModelSpec.Options.DEFAULT);
        StepAlignedClip clip = StepAlignedClip.decode(clipFile, entry.descriptor().profile());
        assertThat(clip.steps()).isEqualTo(32);
        int[] m = clip.mel().shape();
        int[] f = clip.frames().shape();
        Map<String, FloatTensor> out;
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(new CavpBlockFactory())).load(spec)) {
            out = model.forward(Map.of("mel", clip.mel().reshape(1, m[0], m[1]),
                    "frames", clip.frames().reshape(1, f[0], f[1], f[2], f[3])));
        }
        assertThat(out.keySet()).containsExactly("audio", "video", "logitScale");
        CavpFeatures direct;
        double temperature;
        try (CavpModel model = CavpModel.bundled()) {
            direct = model.features(clip.frames(), clip.mel());
            temperature = model.temperature();
        }
        assertThat(out.get("audio").shape()).containsExactly(1, 32, 64);
        assertThat(out.get("video").shape()).containsExactly(1, 32, 64);
        assertClose(out.get("audio").toArray(), direct.audio());
        assertClose(out.get("video").toArray(), direct.video());
        assertThat(1 / Math.exp(out.get("logitScale").getFlat(0))).isCloseTo(temperature, within(1e-6));
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("largest difference").isLessThanOrEqualTo(1e-5);
    }
}
