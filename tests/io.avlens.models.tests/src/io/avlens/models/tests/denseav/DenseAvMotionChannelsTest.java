package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.InferenceException;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.BlockSpec;
import io.avlens.models.denseav.DenseAvBlockFactory;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import io.avlens.core.profile.Profiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DenseAV-small's motion channels ({@link DenseAvConfig#RGB_MOTION}): each frame's RGB followed by its change since
 * the previous video frame, zero at a clip's first frame; the descriptor's {@code frames} input says how many channels
 * a model reads, the inference service builds the block for them and the heatmap task feeds them, while a model of
 * three channels (the shipped weights, an imported model) still gets RGB alone. And the batches whose pairs come two
 * by two from one clip ({@link DenseAvTrainSpec#pairsPerClip()}), where motion is what tells a pair's negative apart.
 */
class DenseAvMotionChannelsTest {

    private static final int SIDE = 4;
    private static final int PIXELS = SIDE * SIDE;

    @TempDir
    Path dir;

    /** Three 4×4 frames on grey 10: a white pixel at (1, 1), then at (2, 2), then staying there. */
    private static DenseClip movingSquare() {
        int steps = 3;
        byte[] frames = new byte[steps * PIXELS * 3];
        Arrays.fill(frames, (byte) 10);
        int[][] at = {{1, 1}, {2, 2}, {2, 2}};
        for (int t = 0; t < steps; t++) {
            for (int ch = 0; ch < 3; ch++) {
                frames[((t * SIDE + at[t][0]) * SIDE + at[t][1]) * 3 + ch] = (byte) 255;
            }
        }
        return new DenseClip("square", steps, frames, new float[64 * steps * 8], new float[steps]);
    }

    private static float rgb(float[] x, int frame, int y, int xx, int ch, int channels) {
        return x[((frame * SIDE + y) * SIDE + xx) * channels + ch];
    }

    @Test
    void theFirstFrameHasNoChangeAndAMovingSquareChangesWhereItWasAndWhereItIs() {
        DenseClip clip = movingSquare();
        float[] x = clip.frames(0, 3, DenseAvConfig.RGB_MOTION);
        assertThat(x).hasSize(3 * PIXELS * 6);
        for (int f = 0; f < 3; f++) {
            for (int y = 0; y < SIDE; y++) {
                for (int xx = 0; xx < SIDE; xx++) {
                    for (int ch = 0; ch < 3; ch++) {
                        float value = (clip.frames()[((f * SIDE + y) * SIDE + xx) * 3 + ch] & 0xff) / 255f;
                        assertThat(rgb(x, f, y, xx, ch, 6)).as("RGB of frame %d at (%d, %d)", f, y, xx)
                                .isEqualTo(value);
                        float change = rgb(x, f, y, xx, 3 + ch, 6);
                        if (f == 1 && y == 2 && xx == 2) {
                            assertThat(change).as("where the square came to").isEqualTo(245 / 255f);
                        } else if (f == 1 && y == 1 && xx == 1) {
                            assertThat(change).as("where the square left").isEqualTo(-245 / 255f);
                        } else {
                            assertThat(change).as("change of frame %d at (%d, %d)", f, y, xx).isZero();
                        }
                    }
                }
            }
        }
        // a later start still takes the change against the frame before it; a span starts without change
        assertThat(clip.frames(1, 2, DenseAvConfig.RGB_MOTION))
                .containsExactly(Arrays.copyOfRange(x, PIXELS * 6, 3 * PIXELS * 6));
        float[] span = clip.span(1, 2).frames(0, 1, DenseAvConfig.RGB_MOTION);
        for (int p = 0; p < PIXELS; p++) {
            assertThat(Arrays.copyOfRange(span, p * 6 + 3, p * 6 + 6)).containsOnly(0f);
        }
    }

    @Test
    void threeChannelsAreTheFramesRgbAlone() {
        DenseClip clip = movingSquare();
        float[] x = clip.frames(0, 3, DenseAvConfig.RGB);
        assertThat(x).hasSize(3 * PIXELS * 3);
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isEqualTo((clip.frames()[i] & 0xff) / 255f);
        }
        assertThatThrownBy(() -> clip.frames(0, 1, 4)).hasMessageContaining("not 4");
        assertThatThrownBy(() -> DenseAvConfig.small().withImageChannels(4)).hasMessageContaining("not 4");
    }

    @Test
    void theDescriptorsFramesInputSaysHowManyChannelsTheBlockReads() throws Exception {
        DenseAvConfig motion = DenseAvConfig.small().withImageChannels(DenseAvConfig.RGB_MOTION);
        ModelDescriptor d6 = DenseAvDescriptor.descriptor(motion, "w.params", null);
        ModelDescriptor d3 = DenseAvDescriptor.descriptor(DenseAvConfig.small(), "w.params", null);
        assertThat(d6.inputs().get(0).shape().toString()).contains("6");
        assertThat(DenseAvDescriptor.imageChannels(d6)).isEqualTo(6);
        assertThat(DenseAvDescriptor.imageChannels(d3)).isEqualTo(3);
        assertThat(DenseAvDescriptor.imageChannels(List.of(new TensorSpec("frames",
                new ShapeSpec(List.of(ShapeSpec.Dim.of("B"), ShapeSpec.Dim.of(64), ShapeSpec.Dim.of(64),
                        ShapeSpec.Dim.of("C"))))))).as("a symbolic channel count").isEqualTo(3);
        assertThat(DenseAvDescriptor.imageChannels(List.of())).isEqualTo(3);
        // the imported models keep their RGB frames
        for (String mock : new String[] {"denseav-official-mock", "denseav-small-imported"}) {
            Path json = dir.resolve(mock + ".json");
            try (InputStream in = getClass().getResourceAsStream("/resources/" + mock + "/model.json")) {
                Files.copy(in, json);
            }
            assertThat(DenseAvDescriptor.imageChannels(ModelDescriptors.read(json))).as(mock).isEqualTo(3);
        }
        DenseAvBlockFactory factory = new DenseAvBlockFactory();
        assertThat(factory.inputShapes(new BlockSpec(null, d6.inputs(), List.of(), Map.of()))[0]).isEqualTo(new Shape(1, 64, 64, 6));
        assertThat(factory.inputShapes(new BlockSpec(null, d3.inputs(), List.of(), Map.of()))[0]).isEqualTo(new Shape(1, 64, 64, 3));
        assertThat(factory.inputShapes()[0]).as("without a descriptor: the shipped weights' RGB")
                .isEqualTo(new Shape(1, 64, 64, 3));
    }

    /** Writes fresh weights of {@code config} with a descriptor saying {@code descriptorChannels}. */
    private Path weights(DenseAvConfig config, int descriptorChannels, String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path params = folder.resolve("denseav-small.params");
        try (DenseAvModel m = DenseAvModel.initialised(config); OutputStream out = Files.newOutputStream(params)) {
            m.save(out);
        }
        ModelDescriptor d = DenseAvDescriptor.descriptor(config.withImageChannels(descriptorChannels),
                params.getFileName().toString(), DenseAvDescriptor.sha256(params));
        Path json = folder.resolve("model.json");
        Files.writeString(json, ModelDescriptors.toJson(d).toString());
        return json;
    }

    @Test
    void theHeatmapTaskFeedsAMotionModelItsChannelsAndAMismatchedDescriptorIsRefused() throws Exception {
        DenseAvConfig motion = DenseAvConfig.small().withImageChannels(DenseAvConfig.RGB_MOTION);
        Path json = weights(motion, DenseAvConfig.RGB_MOTION, "motion");
        DenseFeatures f = InferencePath.assertSameImageFeatures(json, motion, dir);
        assertThat(f.frames()).isEqualTo(32);
        DenseClip clip = DenseClip.decode(dir.resolve("media/clip-00000.mp4"), motion);
        try (DenseAvModel direct = DenseAvModel.initialised(motion);
                InputStream w = Files.newInputStream(json.resolveSibling("denseav-small.params"));
                NDManager m = direct.manager().newSubManager()) {
            direct.readParameters(w, "denseav-small.params");
            float[] image = direct.block().encodeImage(direct.store(), m.create(clip.frames(0, 32, 6),
                    new Shape(32, 64, 64, 6)), false).toFloatArray();
            // RGB alone gives other features: the change channels reach the encoder
            float[] still = direct.block().encodeImage(direct.store(), m.create(rgbWithoutChange(clip),
                    new Shape(32, 64, 64, 6)), false).toFloatArray();
            assertThat(still).isNotEqualTo(image);
        }
        // weights of six channels under a descriptor of three are refused, naming the parameter's shape
        Path wrong = weights(motion, DenseAvConfig.RGB, "wrong");
        assertThatThrownBy(() -> DenseAvHeatmaps.open(wrong, 1)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("shape");
    }

    private static float[] rgbWithoutChange(DenseClip clip) {
        float[] x = clip.frames(0, 32, 6);
        for (int p = 0; p < x.length; p += 6) {
            Arrays.fill(x, p + 3, p + 6, 0f);
        }
        return x;
    }

    @Test
    void aMotionRunTrainsAndItsDescriptorRecordsTheChannels() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5, DenseAvConfig.RGB_MOTION);
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 3, 4, 5e-3f, 1, 3, 10, 1),
                DenseAvTrainerTest.clips(10), new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test"),
                dir.resolve("run"), TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(3);
        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        JsonObject frames = json.getAsJsonArray("inputs").get(0).getAsJsonObject();
        assertThat(frames.get("shape").toString()).isEqualTo("[\"B\",64,64,6]");
        assertThat(frames.get("meaning").getAsString()).contains("channels 3-5");
        assertThat(json.getAsJsonObject("training").get("imageChannels").getAsInt()).isEqualTo(6);
        assertThat(DenseAvDescriptor.imageChannels(ModelDescriptors.read(r.descriptor()))).isEqualTo(6);
    }

    @Test
    void pairsTwoByTwoFromOneClipNeedHalfTheClipsAndAreRecorded() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5, DenseAvConfig.RGB_MOTION);
        List<DenseClip> two = DenseAvTrainerTest.clips(24).subList(0, 2);
        DenseAvDescriptor.Provenance data = new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test");
        // a batch of 4 from 2 clips: only when each clip gives two pairs
        assertThatThrownBy(() -> new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0,
                1), two, data, dir.resolve("one"), TrainingMonitor.NONE)).hasMessageContaining("a batch needs 4");
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 2),
                two, data, dir.resolve("two"), TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(2);
        JsonObject training = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(training.get("pairsPerClip").getAsInt()).isEqualTo(2);
        assertThatThrownBy(() -> new DenseAvTrainSpec(c, 2, 5, 5e-3f, 1, 3, 10, 1, 0, 0, 2))
                .hasMessageContaining("pairs per clip 2");

        Map<String, Number> options = Map.of("motion", 1, "pairs-per-clip", 2);
        DenseAvTrainSpec spec = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                options));
        assertThat(spec.config().imageChannels()).isEqualTo(6);
        assertThat(spec.pairsPerClip()).isEqualTo(2);
        DenseAvTrainSpec plain = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of()));
        assertThat(plain.config().imageChannels()).as("the shipped weights' RGB").isEqualTo(3);
        assertThat(plain.pairsPerClip()).isEqualTo(1);
        assertThatThrownBy(() -> DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("motion", 2)))).hasMessageContaining("motion must be 0 or 1");
    }
}
