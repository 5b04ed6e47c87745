package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.denseav.ClipSource;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvLoss;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DenseAV's disentanglement term ({@link DenseAvLoss#disentangle}, {@link DenseAvTrainSpec#disentangleWeight()}):
 * its value against a loop-by-loop reference and a hand-computed batch, the head mask of each clip source, the
 * sidecar rules of {@link ClipSource}, and that a weight of 0 trains exactly as before.
 */
class DenseAvDisentangleTest {

    private static final DenseAvDescriptor.Provenance DATA = new DenseAvDescriptor.Provenance("memory", "train",
            "four tiny clips", "test");

    private static final int K = 2;
    private static final int C = 3;
    private static final int H = 2;
    private static final int W = 2;
    private static final int F = 2;
    private static final int T = 3;

    @TempDir
    Path dir;

    @Test
    void theOtherSourcesHeadsAreTheOtherHalf() {
        ClipSource[] s = {ClipSource.SOUND, ClipSource.SPEECH, ClipSource.NONE};
        assertThat(ClipSource.otherHeads(s, 2)).containsExactly(0, 1, 1, 0, 0, 0);
        assertThat(ClipSource.otherHeads(s, 4)).containsExactly(0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> ClipSource.otherHeads(s, 3)).hasMessageContaining("even number of heads");
        assertThat(ClipSource.otherHeads(new ClipSource[] {ClipSource.NONE}, 3)).containsExactly(0, 0, 0);
    }

    @Test
    void aHandMadePairGivesTheSquareOfTheOtherHead() {
        DjlSetup.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            // one pair, one channel, one pixel, one bin, one step: S_0 = 1·3 = 3, S_1 = 2·5 = 10
            NDArray image = m.create(new float[] {1, 2}, new Shape(1, 2, 1, 1, 1));
            NDArray audio = m.create(new float[] {3, 5}, new Shape(1, 2, 1, 1, 1));
            float sound = DenseAvLoss.disentangle(image, audio, mask(m, ClipSource.SOUND)).getFloat();
            float speech = DenseAvLoss.disentangle(image, audio, mask(m, ClipSource.SPEECH)).getFloat();
            float none = DenseAvLoss.disentangle(image, audio, mask(m, ClipSource.NONE)).getFloat();
            assertThat(sound).isEqualTo(100f); // a sound clip: the speech head's 10, squared
            assertThat(speech).isEqualTo(9f);
            assertThat(none).isZero();
        }
    }

    private static NDArray mask(NDManager m, ClipSource... s) {
        return m.create(ClipSource.otherHeads(s, K), new Shape(s.length, K));
    }

    @Test
    void theTermIsTheMeanSquareOfTheOtherHeadsSumOverPairsPixelsBinsAndSteps() {
        DjlSetup.engine();
        Random r = new Random(11);
        ClipSource[] sources = {ClipSource.SOUND, ClipSource.SPEECH, ClipSource.NONE};
        int b = sources.length;
        float[] image = random(r, b * K * C * H * W);
        float[] audio = random(r, b * K * C * F * T);
        float[] other = ClipSource.otherHeads(sources, K);
        double sum = 0;
        for (int i = 0; i < b; i++) {
            for (int y = 0; y < H * W; y++) {
                for (int ft = 0; ft < F * T; ft++) {
                    double heads = 0;
                    for (int k = 0; k < K; k++) {
                        double dot = 0;
                        for (int c = 0; c < C; c++) {
                            dot += image[((i * K + k) * C + c) * H * W + y] * audio[((i * K + k) * C + c) * F * T + ft];
                        }
                        heads += other[i * K + k] * dot;
                    }
                    sum += heads * heads;
                }
            }
        }
        double expected = sum / (b * H * W * F * T);
        try (NDManager m = NDManager.newBaseManager()) {
            float got = DenseAvLoss.disentangle(m.create(image, new Shape(b, K, C, H, W)),
                    m.create(audio, new Shape(b, K, C, F, T)), m.create(other, new Shape(b, K))).getFloat();
            assertThat(expected).isGreaterThan(0.01);
            assertThat((double) got).isCloseTo(expected, within(1e-5 * expected));
        }
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static DenseAvTrainSpec spec(double weight) {
        return new DenseAvTrainSpec(DenseAvNetworkTest.tiny(), 3, 4, 5e-3f, 1, 3, 10, 1, 0, weight);
    }

    private TrainingResult train(String name, DenseAvTrainSpec spec, List<ClipSource> sources) throws IOException {
        return new DenseAvTrainer().train(spec, DenseAvTrainerTest.clips(16), sources, DATA, dir.resolve(name),
                TrainingMonitor.NONE);
    }

    @Test
    void weightZeroTrainsAsBeforeAndAPositiveWeightChangesTheLoss() throws Exception {
        List<ClipSource> sources = List.of(ClipSource.SOUND, ClipSource.SPEECH, ClipSource.SOUND, ClipSource.SPEECH);
        TrainingResult before = new DenseAvTrainer().train(
                new DenseAvTrainSpec(DenseAvNetworkTest.tiny(), 3, 4, 5e-3f, 1, 3, 10, 1), DenseAvTrainerTest.clips(16),
                DATA, dir.resolve("before"), TrainingMonitor.NONE);
        TrainingResult zero = train("zero", spec(0), sources);
        assertThat(Files.readAllLines(zero.lossCurve())).isEqualTo(Files.readAllLines(before.lossCurve()));
        assertThat(Files.readAllBytes(zero.weights())).isEqualTo(Files.readAllBytes(before.weights()));
        assertThat(training(zero).has("disentangleWeight")).isFalse();

        TrainingResult on = train("on", spec(10), sources);
        List<String> rows = Files.readAllLines(on.lossCurve());
        assertThat(rows.get(0)).isEqualTo("step,loss,temperature,accuracy,disentangle");
        double infoNce = Double.parseDouble(Files.readAllLines(before.lossCurve()).get(1).split(",")[1]);
        String[] first = rows.get(1).split(",");
        double term = Double.parseDouble(first[4]);
        assertThat(term).isPositive();
        // step 1 runs on the initial weights in both runs: the loss is the same InfoNCE plus 10 times the term
        assertThat(Double.parseDouble(first[1])).isCloseTo(infoNce + 10 * term, within(2e-5));
        assertThat(training(on).get("disentangleWeight").getAsDouble()).isEqualTo(10.0);

        // clips of no single source get no term: the loss is that of the plain run (the term's zero gradient joins
        // the autograd graph, so later steps may differ in the last float digit)
        TrainingResult none = train("none", spec(10), Collections.nCopies(4, ClipSource.NONE));
        List<String> noneRows = Files.readAllLines(none.lossCurve());
        List<String> plainRows = Files.readAllLines(before.lossCurve());
        assertThat(noneRows).hasSameSizeAs(plainRows);
        for (int i = 1; i < noneRows.size(); i++) {
            String[] v = noneRows.get(i).split(",");
            assertThat(v[4]).isEqualTo("0.000000");
            assertThat(Double.parseDouble(v[1])).isCloseTo(Double.parseDouble(plainRows.get(i).split(",")[1]),
                    within(1e-5));
        }
        assertThatThrownBy(() -> train("missing", spec(10), null)).hasMessageContaining("source of each");
    }

    private static JsonObject training(TrainingResult r) throws IOException {
        return JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject().getAsJsonObject("training");
    }

    @Test
    void theSourceIsSoundsOnlySpeechOnlyOrNone() throws Exception {
        assertThat(source("{\"events\": [{\"type\": \"hit\"}], \"words\": []}")).isEqualTo(ClipSource.SOUND);
        assertThat(source("{\"events\": [{\"type\": \"offscreen\"}, {\"type\": \"silent\"}]}"))
                .isEqualTo(ClipSource.SOUND);
        assertThat(source("{\"events\": [{\"type\": \"silent\"}], \"words\": [{\"word\": \"red\"}]}"))
                .isEqualTo(ClipSource.SPEECH);
        assertThat(source("{\"events\": [{\"type\": \"scratch\"}], \"words\": [{\"word\": \"red\"}]}"))
                .isEqualTo(ClipSource.NONE);
        assertThat(source("{\"events\": [{\"type\": \"silent\"}], \"words\": []}")).isEqualTo(ClipSource.NONE);
        assertThat(ClipSource.read(dir.resolve("media/clip-00009.mp4"))).isEqualTo(ClipSource.NONE);
        Path bad = Files.writeString(Files.createDirectories(dir.resolve("media")).resolve("clip-00001.json"), "[1");
        assertThatThrownBy(() -> ClipSource.read(bad.resolveSibling("clip-00001.mp4")))
                .hasMessageContaining(bad.toString());
    }

    private ClipSource source(String sidecar) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("clip-00000.json"), sidecar);
        ClipSource viaFile = ClipSource.read(media.resolve("clip-00000.mp4"));
        assertThat(viaFile).isEqualTo(ClipSource.of(JsonParser.parseString(sidecar).getAsJsonObject()));
        return viaFile;
    }

    @Test
    void theRequestKeyReachesTheSpecButNotTheOptions() {
        TrainRequest r = new TrainRequest(dir, dir.resolve("out"), 1500, 1, 200,
                Map.of("batch", 16, "window", 2.0, "ambient-factor", 2.0, "disentangle-weight", 10.0));
        assertThat(DenseAvFamilyTrainer.spec(r).disentangleWeight()).isEqualTo(10.0);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 1500, 1, 200,
                Map.of("batch", 16))).disentangleWeight()).isZero();
        assertThat(new DenseAvFamilyTrainer().options()).extracting(o -> o.name()).containsExactly("batch",
                "local-cells", "centre-weight");
    }
}
