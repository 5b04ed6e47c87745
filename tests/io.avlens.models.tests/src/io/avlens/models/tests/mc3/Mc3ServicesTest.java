package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;

import io.avlens.analysis.embedding.ClipEmbedding;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The MC3 family is plugged in by DS alone: block factory, {@code embed} task, trainer (with the consensus weight
 * as an option, for the ablation) and shipped model are services, and the DS-wired runner runs a clip of kind
 * {@code embed} with the shipped mc3-small.
 */
class Mc3ServicesTest {

    @TempDir
    Path dir;

    static <T> List<T> services(Class<T> type) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(Mc3ServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            return List.copyOf(tracker.getTracked().values());
        } finally {
            tracker.close();
        }
    }

    @Test
    void theFamilyIsRegisteredByDs() throws Exception {
        assertThat(services(BuiltinBlockFactory.class)).extracting(BuiltinBlockFactory::family).contains("mc3");
        assertThat(services(ClipTask.class)).anyMatch(t -> t.kind().equals("embed") && t.supports("mc3"));
        assertThat(services(FamilyTrainer.class)).filteredOn(t -> t.family().equals("mc3"))
                .singleElement().satisfies(t -> {
                    assertThat(t.modelName()).isEqualTo("mc3-small");
                    assertThat(t.options()).extracting(o -> o.name()).containsExactly("batch", "consensus",
                            "margin", "mu", "width", "anchor", "step-channels", "local-frames", "mine-every",
                            "mine-share", "mine-pool");
                });
        assertThat(services(ShippedModel.class)).extracting(ShippedModel::id).contains("mc3-small");
        assertThat(services(BuiltinModels.class)).singleElement()
                .satisfies(b -> assertThat(b.ids()).contains("mc3-small"));
    }

    @Test
    void theRunnerRunsAnEmbedClipWithTheShippedModel() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        for (String ext : new String[] {".mp4", ".json"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-mc3/clip-00000" + ext)) {
                Files.copy(in, media.resolveSibling("clip-00000" + ext));
            }
        }
        BuiltinModels.Installed installed = services(BuiltinModels.class).get(0).install(dir.resolve("models"))
                .stream().filter(m -> m.id().equals("mc3-small")).findFirst().orElseThrow();
        var descriptor = ModelDescriptors.read(installed.descriptor());
        ModelRef model = new ModelRef(descriptor, installed.descriptor(),
                ModelDescriptors.verifiedWeights(installed.descriptor(), descriptor));
        ModelRunner runner = services(ModelRunner.class).get(0);
        ClipOutcome outcome = runner.runClip(new ClipRequest("embed", model, new ClipRef("clip-00000", media),
                Map.of(), 0), RunSettings.defaults(dir.resolve("data")).withCacheFolder(null), null);
        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        ClipEmbedding e = ClipEmbedding.read(outcome.folder());
        assertThat(e.modalities()).containsExactly("audio", "video", "text");
        assertThat(e.values()).hasSize(3 * 288);
        assertThat(outcome.metrics()).containsEntry("narrated", 1.0).containsKey("consensus");
        // the shipped weights were trained with the text as anchor: the text's consensus, and the embedding names it
        Map<String, Double> m = outcome.metrics();
        assertThat(m.get("consensus")).isEqualTo(Math.min(m.get("simAudioText"), m.get("simVideoText")));
        assertThat(e.consensusAnchor()).isEqualTo("text");

        // the same weights under a descriptor that says they were trained with the audio anchor
        String json = Files.readString(installed.descriptor());
        assertThat(json).contains("\"consensusAnchor\": \"text\"");
        Path audio = installed.descriptor().resolveSibling("audio-anchor.json");
        String noted = json.replace("\"consensusAnchor\": \"text\"", "\"consensusAnchor\": \"audio\"");
        assertThat(noted).isNotEqualTo(json);
        Files.writeString(audio, noted);
        var audioDescriptor = ModelDescriptors.read(audio);
        ClipOutcome byAudio = runner.runClip(new ClipRequest("embed", new ModelRef(audioDescriptor, audio,
                ModelDescriptors.verifiedWeights(audio, audioDescriptor)), new ClipRef("clip-00000", media), Map.of(),
                0), RunSettings.defaults(dir.resolve("data2")).withCacheFolder(null), null);
        assertThat(byAudio.state()).as(byAudio.message()).isEqualTo(RunState.SUCCEEDED);
        Map<String, Double> a = byAudio.metrics();
        assertThat(a.get("consensus")).isEqualTo(Math.min(a.get("simAudioVideo"), a.get("simAudioText")));
        assertThat(a.get("simAudioVideo")).isEqualTo(m.get("simAudioVideo"));
        assertThat(ClipEmbedding.read(byAudio.folder()).consensusAnchor()).isEqualTo("audio");
    }
}
