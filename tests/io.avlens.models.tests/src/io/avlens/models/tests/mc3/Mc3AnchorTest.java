package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.embedding.EmbeddingGather;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.internal.ShippedModels;
import io.avlens.models.mc3.Mc3Descriptor;
import io.avlens.models.mc3.Mc3Evaluation;
import io.avlens.models.mc3.Mc3ShippedModel;
import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.mc3.Mc3Loss;
import io.avlens.models.mc3.Mc3Trainer;
import io.avlens.models.mc3.Mc3TrainSpec;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import io.avlens.runner.task.DatasetInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consensus's anchor modality and width: the trainer's options (refusing what is not an anchor or a width),
 * the loss computing {@code c} from the anchor's pairs, and the descriptor recording both, from which the
 * evaluation and the embedding read the anchor (weights that name none: the text).
 */
class Mc3AnchorTest {

    @TempDir
    Path dir;

    @Test
    void theOptionsParseAnchorsByNameAndRefuseBadValues() {
        assertThat(Mc3FamilyTrainer.ANCHOR.parse("audio")).isEqualTo(Mc3Loss.Anchor.AUDIO.ordinal());
        assertThat(Mc3FamilyTrainer.ANCHOR.formattedDefault()).isEqualTo("text");
        assertThat(Mc3FamilyTrainer.ANCHOR.range()).isEqualTo("text, audio or video");
        assertThatThrownBy(() -> Mc3FamilyTrainer.ANCHOR.parse("speech"))
                .hasMessage("Consensus anchor: 'speech' is not one of text, audio, video.");
        assertThat(Mc3FamilyTrainer.WIDTH.parse("0.02")).isEqualTo(0.02);
        assertThat(Mc3FamilyTrainer.WIDTH.defaultValue()).isEqualTo(0.1);
        assertThatThrownBy(() -> Mc3FamilyTrainer.WIDTH.parse("0")).hasMessageContaining("Consensus width must be");
        assertThatThrownBy(() -> Mc3Loss.Anchor.of("speech")).hasMessageContaining("'speech'");

        Mc3TrainSpec spec = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of("anchor",
                Mc3FamilyTrainer.ANCHOR.parse("audio"), "width", 0.02, "mu", 0.41, "margin", 0.41)));
        assertThat(spec.consensus()).isEqualTo(new Mc3Loss.Consensus(1, 0.41, 0.02, 0.41, Mc3Loss.Anchor.AUDIO));
        Mc3TrainSpec defaults = Mc3FamilyTrainer.spec(new TrainRequest(dir, dir, 10, 1, 5, Map.of()));
        assertThat(defaults.consensus()).isEqualTo(Mc3TrainSpec.defaultConsensus());
        assertThat(defaults.consensus().anchor()).isEqualTo(Mc3Loss.Anchor.TEXT);
    }

    /**
     * The hand-worked case of {@link Mc3LossTest} with the audio anchor: item 1 (a = (1, 0), v = (0, 1),
     * l = (0.6, 0.8)) has c = min(sim(a,v), sim(a,l)) = min(0, 0.6) = 0 (the text anchor: 0.6), w = σ(−5) =
     * 0.006693, and its pairs cost w·1 + (1−w)·0, 0.4 and w·0.2 + (1−w)·0.6; item 0 as before; mean 0.510039.
     */
    @Test
    void theAudioAnchorTakesTheConsensusFromTheAudioPairs() {
        Mc3Loss.Consensus audio = new Mc3Loss.Consensus(1, 0.5, 0.1, 0.2, Mc3Loss.Anchor.AUDIO);
        try (NDManager m = DjlSetup.engine().newBaseManager()) {
            NDArray a = m.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
            NDArray v = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray l = m.create(new float[] {1, 0, 0.6f, 0.8f}, new Shape(2, 2));
            assertThat(Mc3Loss.consensusScore(a, v, l, Mc3Loss.Anchor.AUDIO).toFloatArray())
                    .containsExactly(new float[] {1f, 0f}, within(1e-6f));
            assertThat(Mc3Loss.consensusScore(a, v, l, Mc3Loss.Anchor.VIDEO).toFloatArray())
                    .containsExactly(new float[] {1f, 0f}, within(1e-6f));
            assertThat(Mc3Loss.weights(a, v, l, audio).toFloatArray()[1]).isCloseTo(0.0066929f, within(1e-6f));
            assertThat(Mc3Loss.consensus(a, v, l, audio).getFloat()).isCloseTo(0.5100393f, within(1e-5f));
            // the width: with the text anchor item 1 has c = 0.6, and s 0.02 around μ 0.5 makes its w σ(5), not σ(1)
            Mc3Loss.Consensus narrow = new Mc3Loss.Consensus(1, 0.5, 0.02, 0.2, Mc3Loss.Anchor.TEXT);
            assertThat(Mc3Loss.weights(a, v, l, narrow).toFloatArray()[1]).isCloseTo(0.9933071f, within(1e-6f));
        }
        assertThat(Mc3Loss.Anchor.AUDIO.consensus(0.1, 0.7, 0.9)).isEqualTo(0.1);
        assertThat(Mc3Loss.Anchor.VIDEO.consensus(0.5, 0.7, 0.3)).isEqualTo(0.3);
        assertThat(Mc3Loss.Anchor.TEXT.consensus(0.1, 0.7, 0.9)).isEqualTo(0.7);
    }

    @Test
    void theDescriptorRecordsTheAnchorAndTheWidth() throws Exception {
        Mc3TrainSpec spec = new Mc3TrainSpec(Mc3TrainerTest.tiny(), new Mc3Loss.Consensus(1, 0.41, 0.02, 0.41,
                Mc3Loss.Anchor.AUDIO), 2, 4, 5e-3f, 1, 3, 2, 1);
        TrainingResult r = new Mc3Trainer().train(spec, Mc3TrainerTest.clips(4), new Mc3Descriptor.Provenance(
                "memory", "train", "tiny clips", "test"), dir.resolve("run"), TrainingMonitor.NONE);
        JsonObject training = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(training.get("consensusAnchor").getAsString()).isEqualTo("audio");
        assertThat(training.get("consensusScale").getAsDouble()).isEqualTo(0.02);
        assertThat(training.get("consensusMu").getAsDouble()).isEqualTo(0.41);
        assertThat(Mc3Descriptor.anchor(ModelDescriptors.read(r.descriptor()))).isEqualTo(Mc3Loss.Anchor.AUDIO);
        // weights trained before the anchor was an option (the shipped ones) name none: the text
        assertThat(Mc3Descriptor.anchor(Mc3Descriptor.descriptor(Mc3TrainerTest.tiny(), "w.params",
                "0".repeat(64))))
                .isEqualTo(Mc3Loss.Anchor.TEXT);
    }

    /**
     * The evaluation ranks discovery by the anchor the descriptor names: the shipped weights (none named) by the
     * text, the same weights under a descriptor naming the audio anchor by the audio; both print every anchor's AP.
     */
    @Test
    void theEvaluationRanksByTheDescriptorsAnchor() throws Exception {
        Path media = Files.createDirectories(dir.resolve("data/media"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = String.format("clip-%05d", i);
            for (String ext : new String[] {".mp4", ".json"}) {
                try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-mc3/" + id + ext)) {
                    Files.copy(in, media.resolve(id + ext));
                }
            }
            files.add(media.resolve(id + ".mp4"));
        }
        Path shipped = new ShippedModels(List.of(new Mc3ShippedModel())).install(dir.resolve("models")).get(0)
                .descriptor();
        JsonObject text = Mc3Evaluation.evaluate(shipped, dir.resolve("data"), files, 1)
                .getAsJsonObject("discovery");
        String json = Files.readString(shipped);
        String noted = json.replace("\"consensusAnchor\": \"text\"", "\"consensusAnchor\": \"audio\"");
        assertThat(noted).isNotEqualTo(json);
        Path audioDescriptor = Files.writeString(shipped.resolveSibling("audio-anchor.json"), noted);
        JsonObject audio = Mc3Evaluation.evaluate(audioDescriptor, dir.resolve("data"), files, 1)
                .getAsJsonObject("discovery");
        assertThat(text.get("anchor").getAsString()).isEqualTo("text");
        assertThat(audio.get("anchor").getAsString()).isEqualTo("audio");
        assertThat(text.get("positives").getAsInt()).isBetween(1, 7);
        JsonObject byAnchor = text.getAsJsonObject("apConsensusByAnchor");
        assertThat(audio.getAsJsonObject("apConsensusByAnchor")).isEqualTo(byAnchor);
        assertThat(text.get("apConsensus").getAsDouble()).isEqualTo(byAnchor.get("text").getAsDouble());
        assertThat(audio.get("apConsensus").getAsDouble()).isEqualTo(byAnchor.get("audio").getAsDouble());
    }

    /** The clips' embeddings name the anchor (here the video), and the table gathered from them ranks by it. */
    @Test
    void theGatheredTableKeepsTheClipsAnchor() throws Exception {
        List<DatasetInput.DatasetClip> clips = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path folder = Files.createDirectories(dir.resolve("c" + i));
            new ClipEmbedding(List.of("audio", "video", "text"), new float[] {1, 0, 1, i, 0, 1}, "video").write(folder);
            clips.add(new DatasetInput.DatasetClip("c" + i, null, "test", Map.of(), true, folder, List.of(), Map.of()));
        }
        EmbeddingTable table = EmbeddingGather.gather("m", clips);
        // clip 1: a (1, 0), v (1, 1), l (0, 1): the video's consensus min(0.707, 0.707), the text's min(0, 0.707)
        assertThat(table.consensusAnchor()).isEqualTo("video");
        assertThat(table.consensus(table.consensusAnchor())[1]).isCloseTo(0.7071068f, within(1e-6f));
        assertThat(table.consensus("text")[1]).isCloseTo(0f, within(1e-6f));
    }
}
