package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.mc3.Mc3BatchSampler;
import io.avlens.models.mc3.Mc3Clip;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3Descriptor;
import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.mc3.Mc3Mining;
import io.avlens.models.mc3.Mc3Model;
import io.avlens.models.mc3.Mc3TrainSpec;
import io.avlens.models.mc3.Mc3Trainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard-negative batches ({@code --mine-every E --mine-share P}, {@link Mc3Mining}): off by default, where every step's
 * batch is the partial Fisher–Yates draw of the shipped weights and the descriptor has no mining field; on, a mined
 * batch is one anchor and the clips nearest to it by the per-step part of the current weights' audio vectors, the
 * keys refreshed every E steps after E random warm-up steps, and the descriptor records the settings.
 */
class Mc3MiningTest {

    @TempDir
    Path dir;

    /** The shipped batch of step {@code step}: the partial Fisher–Yates draw written out here independently. */
    private static int[] shippedOrder(long seed, int step, int n, int size) {
        Random random = new Random(seed * 1_000_003L + step);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, size);
    }

    @Test
    void theDefaultBatchesAreTheShippedOnes() throws Exception {
        Mc3TrainSpec defaults = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 2000, 1, 200, Map.of()));
        assertThat(defaults.mining()).isEqualTo(Mc3Mining.OFF);
        assertThat(defaults.mining().on()).isFalse();
        // a refresh interval with share 0 mines nothing either
        assertThat(Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5,
                Map.of("mine-every", 5, "mine-share", 0.0))).mining().on()).isFalse();
        List<Mc3Clip> clips = Mc3TrainerTest.clips(40);
        Mc3BatchSampler sampler = new Mc3BatchSampler(defaults, clips);
        for (int step = 0; step < 2000; step += 7) {
            assertThat(sampler.order(step, null)).isEqualTo(shippedOrder(1, step, 40, 32));
        }
        assertThat(sampler.keys()).isNull();
        assertThat(sampler.mined()).isZero();

        Mc3TrainSpec tiny = new Mc3TrainSpec(Mc3TrainerTest.tiny(), Mc3TrainSpec.defaultConsensus(), 2, 4, 5e-3f, 1,
                3, 2, 1);
        TrainingResult r = new Mc3Trainer().train(tiny, Mc3TrainerTest.clips(6), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject training = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(training.has("mining")).isFalse();
    }

    @Test
    void aMinedBatchIsAnAnchorAndItsNearestClipsUnderTheCurrentWeights() {
        List<Mc3Clip> clips = noisy(12);
        Mc3Config c = Mc3TrainerTest.tiny().withStepChannels(2);
        Mc3TrainSpec spec = new Mc3TrainSpec(c, Mc3TrainSpec.defaultConsensus(), 20, 4, 5e-3f, 1, 7, 5, 1,
                new Mc3Mining(3, 1.0));
        try (Mc3Model model = Mc3Model.initialised(c)) {
            Mc3BatchSampler sampler = new Mc3BatchSampler(spec, clips);
            for (int step = 0; step < 3; step++) { // warm-up: the random batches
                assertThat(sampler.order(step, model)).isEqualTo(shippedOrder(7, step, 12, 4));
            }
            assertThat(sampler.keys()).isNull();
            int[] order = sampler.order(3, model);
            assertThat(sampler.keysStep()).isEqualTo(3);
            assertThat(sampler.mined()).isEqualTo(1);

            // the keys are the per-step part (2·32 values) of each clip's audio vector, unit length
            float[][] keys = sampler.keys();
            float[][] expected = perStepAudio(model, clips);
            for (int i = 0; i < clips.size(); i++) {
                assertThat(keys[i]).hasSize(64);
                assertThat(cos(keys[i], keys[i])).isCloseTo(1, within(1e-4));
                for (int j = 0; j < 64; j++) {
                    assertThat(keys[i][j]).isCloseTo(expected[i][j], within(1e-5f));
                }
            }
            // anchor first, then the three clips with the highest cosine to it: none left out is nearer
            assertThat(order).hasSize(4).doesNotHaveDuplicates();
            int anchor = order[0];
            Set<Integer> chosen = new HashSet<>();
            double weakest = Double.MAX_VALUE;
            for (int i = 1; i < 4; i++) {
                chosen.add(order[i]);
                weakest = Math.min(weakest, cos(expected[anchor], expected[order[i]]));
                if (i > 1) {
                    assertThat(cos(expected[anchor], expected[order[i]]))
                            .isLessThanOrEqualTo(cos(expected[anchor], expected[order[i - 1]]) + 1e-5);
                }
            }
            for (int i = 0; i < clips.size(); i++) {
                if (i != anchor && !chosen.contains(i)) {
                    assertThat(cos(expected[anchor], expected[i])).isLessThanOrEqualTo(weakest + 1e-5);
                }
            }
            // the keys stay until the next multiple of 3, then come from the weights of that moment
            sampler.order(4, model);
            sampler.order(5, model);
            assertThat(sampler.keysStep()).isEqualTo(3);
            assertThat(sampler.keys()).isSameAs(keys);
            sampler.order(6, model);
            assertThat(sampler.keysStep()).isEqualTo(6);
            assertThat(sampler.mined()).isEqualTo(4);
        }
    }

    @Test
    void aShareMinesThatShareOfTheStepsAndTheDescriptorSaysSo() throws Exception {
        List<Mc3Clip> clips = Mc3TrainerTest.clips(12);
        Mc3TrainSpec half = new Mc3TrainSpec(Mc3TrainerTest.tiny(), Mc3TrainSpec.defaultConsensus(), 400, 4, 5e-3f,
                1, 7, 5, 1, new Mc3Mining(100, 0.5));
        try (Mc3Model model = Mc3Model.initialised(Mc3TrainerTest.tiny())) {
            Mc3BatchSampler sampler = new Mc3BatchSampler(half, clips);
            for (int step = 0; step < 400; step++) {
                sampler.order(step, model);
            }
            assertThat(sampler.mined()).isEqualTo(150); // 300 steps after the warm-up, every other one mined
            // what the descriptor records: counted from the settings, so a resumed run says the same
            assertThat(half.mining().minedIn(400)).isEqualTo(150);
            assertThat(half.mining().minedIn(100)).isZero();
            assertThat(Mc3Mining.OFF.minedIn(400)).isZero();
            assertThat(sampler.keysStep()).isEqualTo(301); // the first mined step of the block from 300
            assertThat(half.mining().mines(100)).isFalse();
            assertThat(half.mining().mines(101)).isTrue();
        }
        assertThatThrownBy(() -> new Mc3Mining(10, 1.5)).hasMessageContaining("share 1.5");
        Mc3TrainSpec fromRequest = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 2000, 1, 200,
                Map.of("mine-every", 200, "step-channels", 8)));
        assertThat(fromRequest.mining()).isEqualTo(new Mc3Mining(200, 0.5));

        Mc3TrainSpec spec = new Mc3TrainSpec(Mc3TrainerTest.tiny(), Mc3TrainSpec.defaultConsensus(), 4, 4, 5e-3f, 1,
                3, 2, 1, new Mc3Mining(2, 1.0));
        TrainingResult r = new Mc3Trainer().train(spec, Mc3TrainerTest.clips(6), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject mining = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training").getAsJsonObject("mining");
        assertThat(mining.get("every").getAsInt()).isEqualTo(2);
        assertThat(mining.get("share").getAsDouble()).isEqualTo(1.0);
        assertThat(mining.get("key").getAsString()).isEqualTo("audio per-step part");
        assertThat(mining.get("minedBatches").getAsInt()).isEqualTo(2); // steps 2 and 3
    }

    /**
     * With a pool the neighbours are the nearest among that many random clips drawn with the anchor: a pool of every
     * clip mines as no pool does, a pool of the batch size takes the whole pool, the same anchor, and other clips
     * than the nearest of all.
     */
    @Test
    void aPoolMinesAmongRandomClips() {
        List<Mc3Clip> clips = noisy(12);
        Mc3Config c = Mc3TrainerTest.tiny().withStepChannels(2);
        try (Mc3Model model = Mc3Model.initialised(c)) {
            Mc3BatchSampler all = sampler(c, clips, 0);
            Mc3BatchSampler whole = sampler(c, clips, 12);
            Mc3BatchSampler four = sampler(c, clips, 4);
            int differ = 0;
            for (int step = 1; step < 40; step++) {
                int[] a = all.order(step, model);
                assertThat(whole.order(step, model)).isEqualTo(a);
                int[] f = four.order(step, model);
                assertThat(f).hasSize(4).doesNotHaveDuplicates();
                assertThat(f[0]).isEqualTo(a[0]);
                differ += Arrays.equals(f, a) ? 0 : 1;
            }
            assertThat(differ).isGreaterThan(20);
        }
        assertThat(Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of("mine-every", 5,
                "mine-pool", 512))).mining()).isEqualTo(new Mc3Mining(5, 0.5, 512));
    }

    private static Mc3BatchSampler sampler(Mc3Config c, List<Mc3Clip> clips, int pool) {
        return new Mc3BatchSampler(new Mc3TrainSpec(c, Mc3TrainSpec.defaultConsensus(), 40, 4, 5e-3f, 1, 7, 5, 1,
                new Mc3Mining(1, 1.0, pool)), clips);
    }

    /** Clips of grey frames and random log-mel, so that each clip's audio has its own per-step values. */
    private static List<Mc3Clip> noisy(int n) {
        Random random = new Random(5);
        List<Mc3Clip> clips = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] frames = new byte[32 * 64 * 64 * 3];
            Arrays.fill(frames, (byte) 100);
            float[] mel = new float[64 * 32 * 8];
            for (int j = 0; j < mel.length; j++) {
                mel[j] = random.nextFloat();
            }
            clips.add(new Mc3Clip("clip-" + i, new DenseClip("clip-" + i, 32, frames, mel, new float[32]),
                    "a ball hits the floor"));
        }
        return clips;
    }

    /** Each clip's audio vector in eval mode, its first k·T values at unit length. */
    private static float[][] perStepAudio(Mc3Model model, List<Mc3Clip> clips) {
        Mc3Config c = model.block().config();
        float[][] out = new float[clips.size()][];
        try (NDManager m = model.manager().newSubManager()) {
            for (int i = 0; i < clips.size(); i++) {
                float[] mel = clips.get(i).av().mel();
                NDArray z = model.block().encodeAudio(model.store(), m.create(mel, new Shape(1, c.melBins(),
                        c.melFrames())), false);
                float[] v = Arrays.copyOf(z.toFloatArray(), c.stepDimension());
                double n = 0;
                for (float x : v) {
                    n += x * x;
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] /= (float) Math.sqrt(n);
                }
                out[i] = v;
            }
        }
        return out;
    }

    private static double cos(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
