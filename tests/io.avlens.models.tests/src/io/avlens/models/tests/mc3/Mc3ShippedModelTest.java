package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.internal.ShippedModels;
import io.avlens.models.mc3.Mc3BlockFactory;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3EmbedTask;
import io.avlens.models.mc3.Mc3Embedder;
import io.avlens.models.mc3.Mc3ShippedModel;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped mc3-small: its weights have the SHA-256 its descriptor states and load; the {@code embed} task writes
 * three unit rows of D (the descriptor's, 288) per clip (a clip without a narration gets the empty text's vector); and on eight held-out
 * AV-Shapes clips (dataset seed 2; the model was trained on seed 1) video→audio retrieval is far above chance.
 */
class Mc3ShippedModelTest {

    private static final int CLIPS = 8;

    @TempDir
    Path dir;

    private Path installed() throws Exception {
        return new ShippedModels(List.of(new Mc3ShippedModel())).install(dir.resolve("models")).get(0).descriptor();
    }

    private Path copy(int i, boolean sidecar) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        String id = String.format("clip-%05d", i);
        for (String ext : sidecar ? new String[] {".mp4", ".json"} : new String[] {".mp4"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-mc3/" + id + ext)) {
                Files.copy(in, media.resolve(id + ext));
            }
        }
        return media.resolve(id + ".mp4");
    }

    @Test
    void theShippedWeightsHaveTheirDescriptorsShaAndLoad() throws Exception {
        Path json = installed();
        ModelDescriptor d = ModelDescriptors.read(json);
        assertThat(d.id()).isEqualTo("mc3-small");
        assertThat(d.family()).isEqualTo("mc3");
        assertThat(ModelDescriptors.sha256(ModelDescriptors.verifiedWeights(json, d))).isEqualTo(d.sha256());
        try (InputStream in = new Mc3ShippedModel().open("mc3-small.json")) {
            assertThat(new String(in.readAllBytes())).contains("\"sha256\": \"" + d.sha256() + "\"");
        }
    }

    @Test
    void theEmbedTaskWritesThreeUnitRowsAndListsTheSidecar() throws Exception {
        Path json = installed();
        ModelDescriptor d = ModelDescriptors.read(json);
        Mc3EmbedTask task = new Mc3EmbedTask();
        assertThat(task.kind()).isEqualTo("embed");
        assertThat(task.supports("mc3")).isTrue();
        assertThat(task.supports("cavp")).isFalse();
        Path media = copy(0, true);
        Path bare = copy(1, false);
        assertThat(task.inputs(media)).containsExactly(media.resolveSibling("clip-00000.json"));
        Mc3Config config = new Mc3BlockFactory().config(d.outputs(), d.notes());
        assertThat(config.dimension()).isEqualTo(288);
        assertThat(config.stepChannels()).isEqualTo(8);
        assertThat(config.localFrames()).isTrue();
        int dim = config.dimension();
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(new Mc3BlockFactory(config)))
                .load(ModelDescriptors.toSpec(json, d, ModelSpec.Options.DEFAULT));
                Mc3Embedder embedder = new Mc3Embedder(model, config)) {
            for (Path clip : List.of(media, bare)) {
                Path out = Files.createDirectories(dir.resolve("out").resolve(clip.getFileName().toString()));
                ClipResult r = task.run(new ClipInput("c", clip, model, d, Map.of(), 0, out), null);
                ClipEmbedding e = ClipEmbedding.read(out);
                assertThat(e.modalities()).containsExactly("audio", "video", "text");
                assertThat(e.dimension()).isEqualTo(dim);
                for (int k = 0; k < 3; k++) {
                    double n = 0;
                    for (int j = 0; j < dim; j++) {
                        n += e.values()[k * dim + j] * e.values()[k * dim + j];
                    }
                    assertThat(n).isCloseTo(1.0, within(1e-4));
                }
                assertThat(r.metrics()).containsKeys("simAudioVideo", "simAudioText", "simVideoText", "consensus");
                float[] text = java.util.Arrays.copyOfRange(e.values(), 2 * dim, 3 * dim);
                if (clip == bare) {
                    assertThat(r.metrics()).containsEntry("narrated", 0.0);
                    assertThat(text).containsExactly(embedder.embedText(""), within(1e-5f));
                } else {
                    assertThat(r.metrics()).containsEntry("narrated", 1.0);
                    assertThat(text).containsExactly(embedder.embedText(io.avlens.analysis.embedding.AvShapesLabels
                            .narration(media.resolveSibling("clip-00000.json"))), within(1e-5f));
                }
            }
        }
    }

    @Test
    void heldOutClipsAreRetrievedFarAboveChance() throws Exception {
        try (Mc3Embedder embedder = Mc3Embedder.open(installed(), 1)) {
            float[][] audio = new float[CLIPS][];
            float[][] video = new float[CLIPS][];
            float[][] text = new float[CLIPS][];
            for (int i = 0; i < CLIPS; i++) {
                ClipEmbedding e = embedder.embed(copy(i, true));
                int dim = e.dimension();
                audio[i] = java.util.Arrays.copyOfRange(e.values(), 0, dim);
                video[i] = java.util.Arrays.copyOfRange(e.values(), dim, 2 * dim);
                text[i] = java.util.Arrays.copyOfRange(e.values(), 2 * dim, 3 * dim);
            }
            // chance: 1 of 8 at rank 1
            assertThat(hitsAtOne(video, audio)).as("video->audio hits at rank 1 of %d", CLIPS).isGreaterThanOrEqualTo(5);
            // a typed query with an unknown word still lands nearest a clip whose narration says it
            float[] query = embedder.embedText("Glass wedge slidin' across the floor!!");
            assertThat(Mc3Embedder.similarity(query, text[1])).isGreaterThan(Mc3Embedder.similarity(query, text[6]));
        }
    }

    private static int hitsAtOne(float[][] queries, float[][] gallery) {
        int hits = 0;
        for (int i = 0; i < queries.length; i++) {
            int best = 0;
            for (int j = 1; j < gallery.length; j++) {
                if (Mc3Embedder.similarity(queries[i], gallery[j]) > Mc3Embedder.similarity(queries[i], gallery[best])) {
                    best = j;
                }
            }
            hits += best == i ? 1 : 0;
        }
        return hits;
    }
}
