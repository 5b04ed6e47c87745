package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code cavp-small} weights: they load through the bundle's class loader, match their descriptor's
 * SHA-256, and find the known lag of three held-out AV-Shapes clips (the first three of the test set, dataset seed 2,
 * lags drawn in [−1, 1] s; never seen in training) within one video frame.
 */
class BundledWeightsTest {

    private static final String CLIPS = "/resources/avshapes-lagged/";

    @Test
    void descriptorNamesTheShippedWeights() throws IOException {
        JsonObject d;
        try (InputStream in = CavpModel.class.getResourceAsStream("/weights/cavp-small/cavp-small.json")) {
            assertThat(in).as("descriptor").isNotNull();
            d = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        assertThat(d.get("id").getAsString()).isEqualTo("cavp-small");
        assertThat(d.get("family").getAsString()).isEqualTo("cavp");
        assertThat(d.get("profile").getAsString()).isEqualTo("avshapes-small");
        try (InputStream in = CavpModel.class.getResourceAsStream(CavpModel.BUNDLED_WEIGHTS)) {
            assertThat(CavpDescriptor.sha256(in)).isEqualTo(d.get("sha256").getAsString());
        }
    }

    @Test
    void descriptorIsInTheAvLensFormatAndWhatATrainingRunWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cavp-small.json");
        try (InputStream in = CavpModel.class.getResourceAsStream("/weights/cavp-small/cavp-small.json")) {
            Files.copy(in, file);
        }
        io.avlens.inference.descriptor.ModelDescriptor read = io.avlens.inference.descriptor.ModelDescriptors.read(file);
        io.avlens.inference.descriptor.ModelDescriptor expected = CavpDescriptor.descriptor(CavpConfig.small(),
                "cavp-small.params", "ecdf43ad4d383cf3a2a88a2cc888971f0547b8ac09eff77088ea3c48d586246e");
        assertThat(read).isEqualTo(expected);
        assertThat(read.inputs()).hasToString("[mel[B, 64, M], frames[B, T, 64, 64, 3]]");
        assertThat(read.outputs()).hasToString("[audio[B, T, 64], video[B, T, 64], logitScale[1]]");
        // the provenance fields survive, and the writer a retrain uses gives this very file back
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(json.getAsJsonObject("training").get("steps").getAsInt()).isEqualTo(2500);
        // the evaluation block is what `avlens eval --write-descriptor` wrote (its figures are checked against
        // recounted ground truth by the cli tests' EvalFiguresTest): it names the command, and it is consistent
        JsonObject evaluation = json.getAsJsonObject("evaluation");
        assertThat(evaluation.get("command").getAsString()).startsWith("avlens eval --task sync --model cavp-small");
        assertThat(evaluation.get("accuracyWithinOneFrame").getAsDouble()).isCloseTo(
                evaluation.get("withinOneFrame").getAsDouble() / evaluation.get("n").getAsInt(), within(1e-6));
        assertThat(evaluation.has("refinedAccuracy")).as("no figure that no command prints").isFalse();
        assertThat(CavpDescriptor.json(expected, json.get("parameters").getAsLong(),
                json.getAsJsonObject("training"), json.getAsJsonObject("evaluation"))).isEqualTo(json);
        try (CavpModel model = CavpModel.bundled()) {
            assertThat(model.parameterCount()).isEqualTo(json.get("parameters").getAsLong());
        }
    }

    @Test
    void shippedWeightsFindTheLagOfHeldOutClips(@TempDir Path dir) throws IOException {
        try (CavpModel model = CavpModel.bundled()) {
            AvShapesData data = new AvShapesData(model.config());
            SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8));
            for (String id : new String[] {"clip-00000", "clip-00001", "clip-00002"}) {
                for (String ext : new String[] {".mp4", ".json"}) {
                    try (InputStream in = CavpModel.class.getResourceAsStream(CLIPS + id + ext)) {
                        assertThat(in).as(id + ext).isNotNull();
                        Files.copy(in, dir.resolve(id + ext));
                    }
                }
                ClipTensors clip = data.clip(dir.resolve(id + ".mp4"), Files.createDirectories(dir.resolve("cache")));
                assertThat(clip.steps()).isEqualTo(32);
                CavpFeatures f = model.features(clip);
                SyncEstimate e = estimator.estimate(f.volume(8));
                assertThat(Math.abs(e.lagSeconds() - clip.lagSeconds())).as("%s: true lag %.3f s, estimate %.3f s",
                        id, clip.lagSeconds(), e.lagSeconds()).isLessThanOrEqualTo(0.125 + 1e-6);
            }
        }
    }
}
