package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-silence mask measured against the ambient bed ({@link DenseClip#voicedAboveAmbient}) and its way into
 * training ({@link DenseAvTrainSpec#ambientFactor()}, through the trainer's pair sampler): steps holding only the bed
 * are silence, the mask changes the loss on clips with quiet and loud steps, cannot change it on clips whose level is
 * flat (every window falls back to all its steps), and the descriptor records the factor.
 */
class DenseAvAmbientMaskTest {

    private static final DenseAvDescriptor.Provenance DATA = new DenseAvDescriptor.Provenance("memory", "train",
            "four tiny clips", "test");

    @TempDir
    Path dir;

    private static DenseClip clip(float... rms) {
        int steps = rms.length;
        return new DenseClip("c", steps, new byte[steps * 64 * 64 * 3], new float[64 * steps * 8], rms);
    }

    @Test
    void stepsAtTheAmbientLevelAreSilence() {
        // eight steps of bed (0.01) and two of events (0.05, 0.2): the 20th percentile is the bed
        DenseClip c = clip(0.01f, 0.01f, 0.05f, 0.01f, 0.01f, 0.2f, 0.01f, 0.011f, 0.01f, 0.009f);
        assertThat(c.ambientLevel()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.voicedAboveAmbient(2)).containsExactly(false, false, true, false, false, true, false, false,
                false, false);
        assertThat(c.voiced()).containsOnly(true);
        assertThat(c.voicedAboveAmbient(0)).containsExactly(c.voiced());
        DenseClip silent = clip(0, 0, 0, 0.02f);
        assertThat(silent.ambientLevel()).isEqualTo(DenseClip.SILENCE_RMS);
        assertThat(silent.voicedAboveAmbient(2)).containsExactly(false, false, false, true);
    }

    /** The clips of {@link DenseAvTrainerTest#clips}, with every other pair of steps quiet bed when {@code vary}. */
    private static List<DenseClip> clips(boolean vary) {
        List<DenseClip> out = new ArrayList<>();
        for (DenseClip c : DenseAvTrainerTest.clips(16)) {
            float[] rms = c.rms().clone();
            float[] mel = c.mel().clone();
            int cols = c.steps() * 8;
            for (int t = 0; vary && t < c.steps(); t++) {
                if (t / 2 % 2 == 1) {
                    rms[t] = 0.01f;
                    for (int band = 0; band < 64; band++) {
                        Arrays.fill(mel, band * cols + t * 8, band * cols + t * 8 + 8, 0.1f);
                    }
                }
            }
            out.add(new DenseClip(c.id(), c.steps(), c.frames(), mel, rms));
        }
        return out;
    }

    private static DenseAvTrainSpec spec(double ambientFactor) {
        return new DenseAvTrainSpec(DenseAvNetworkTest.tiny(), 3, 4, 5e-3f, 1, 3, 10, 1, ambientFactor);
    }

    private List<String> losses(String name, List<DenseClip> clips, double factor) throws Exception {
        TrainingResult r = new DenseAvTrainer().train(spec(factor), clips, DATA, dir.resolve(name),
                TrainingMonitor.NONE);
        return Files.readAllLines(r.lossCurve()).stream().skip(1).toList();
    }

    @Test
    void theMaskReachesTheLoss() throws Exception {
        List<DenseClip> varied = clips(true);
        assertThat(losses("varied-mask", varied, 2)).isNotEqualTo(losses("varied-plain", varied, 0));
        List<DenseClip> flat = clips(false);
        assertThat(losses("flat-mask", flat, 2)).isEqualTo(losses("flat-plain", flat, 0));
    }

    @Test
    void theDescriptorRecordsTheFactorOnlyWhenOn() throws Exception {
        TrainingResult on = new DenseAvTrainer().train(spec(2), clips(true), DATA, dir.resolve("on"),
                TrainingMonitor.NONE);
        TrainingResult off = new DenseAvTrainer().train(spec(0), clips(true), DATA, dir.resolve("off"),
                TrainingMonitor.NONE);
        JsonObject t = JsonParser.parseString(Files.readString(on.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(t.get("ambientFactor").getAsDouble()).isEqualTo(2.0);
        assertThat(JsonParser.parseString(Files.readString(off.descriptor())).getAsJsonObject()
                .getAsJsonObject("training").has("ambientFactor")).isFalse();
    }

    @Test
    void aRequestWithoutWindowOrFactorIsTheShippedRecipe() {
        TrainRequest plain = new TrainRequest(dir, dir.resolve("out"), 1500, 1, 200, Map.of("batch", 16));
        DenseAvTrainSpec shipped = DenseAvFamilyTrainer.spec(plain);
        DenseAvTrainSpec defaults = DenseAvTrainSpec.defaults(1500, 1);
        assertThat(shipped.config()).isEqualTo(defaults.config());
        assertThat(shipped.ambientFactor()).isZero();
        assertThat(shipped.batchSize()).isEqualTo(16);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 1500, 1, 200,
                Map.of("batch", 16, "window", 2.0, "ambient-factor", 2.0)))).satisfies(s -> {
                    assertThat(s.config().windowSeconds()).isEqualTo(2.0);
                    assertThat(s.config().windowMelFrames()).isEqualTo(256);
                    assertThat(s.ambientFactor()).isEqualTo(2.0);
                    assertThat(s.config().heads()).isEqualTo(defaults.config().heads());
                });
        assertThat(new DenseAvFamilyTrainer().options()).extracting(o -> o.name()).containsExactly("batch",
                "local-cells", "centre-weight");
    }
}
