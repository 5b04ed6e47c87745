package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.internal.ShippedModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity task on held-out AV-Shapes clips with known lags (dataset seed 2, lags in [−1, 1] s), run through
 * the inference service, against CAVP-small's direct DJL path and the sync estimator computed here independently.
 */
class CavpSimilarityTaskTest {

    private static final String[] CLIPS = {"clip-00000", "clip-00001", "clip-00002"};

    @TempDir
    Path dir;

    private Path copyClip(String id, boolean withSidecar) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        for (String ext : withSidecar ? new String[] {".mp4", ".json"} : new String[] {".mp4"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/" + id + ext)) {
                Files.copy(in, media.resolve(id + ext));
            }
        }
        return media.resolve(id + ".mp4");
    }

    private ModelCatalog.Entry installed() throws Exception {
        Path models = dir.resolve("models");
        new ShippedModels(List.of(new CavpShippedModel())).install(models);
        return ModelCatalog.scan(models).byId("cavp-small").orElseThrow();
    }

    private static LoadedModel load(ModelCatalog.Entry e) throws Exception {
        return DjlInferenceServices.cpu(List.of(new CavpBlockFactory()))
                .load(ModelDescriptors.toSpec(e.file(), e.descriptor(), ModelSpec.Options.DEFAULT));
    }

    private ClipInput input(String id, Path media, LoadedModel model, ModelDescriptor d, Map<String, Object> params)
            throws Exception {
        return new ClipInput(id, media, model, d, params, 0, Files.createDirectories(dir.resolve("out").resolve(id)));
    }

    @Test
    void volumesAndLagsMatchTheDirectPathAndTheKnownLags() throws Exception {
        CavpSimilarityTask task = new CavpSimilarityTask();
        assertThat(task.kind()).isEqualTo("similarity");
        assertThat(task.supports("cavp")).isTrue();
        assertThat(task.supports("denseav")).isFalse();
        assertThat(task.inputs(dir.resolve("media/clip-00000.mp4"))).as("the sidecar is part of the cache key")
                .containsExactly(dir.resolve("media/clip-00000.json"));
        ModelCatalog.Entry entry = installed();
        List<ClipResult> results = new ArrayList<>();
        double errors = 0;
        try (LoadedModel model = load(entry); CavpModel direct = CavpModel.bundled()) {
            SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8));
            for (String id : CLIPS) {
                Path mp4 = copyClip(id, true);
                ClipInput in = input(id, mp4, model, entry.descriptor(), Map.of());
                ClipResult r = task.run(in, new NullProgressMonitor());
                results.add(r);

                // the reference: the direct DJL path on the same clip, the estimator run here
                ClipTensors clip = new AvShapesData(direct.config()).clip(mp4, Files.createDirectories(
                        dir.resolve("cache")));
                CavpFeatures f = direct.features(clip);
                SyncEstimate e = estimator.estimate(f.volume(8));
                double trueLag = clip.lagSeconds();
                assertThat(trueLag).as("the fixture clips are lagged").isNotZero();

                assertThat(r.clipId()).isEqualTo(id);
                assertThat(r.metrics().get("lagSeconds")).isEqualTo(e.lagSeconds());
                assertThat(r.metrics().get("confidence")).isCloseTo(e.confidence(), within(1e-4));
                assertThat(r.metrics().get("steps")).isEqualTo(32.0);
                assertThat(r.metrics().get("trueLagSeconds")).isEqualTo(trueLag);
                assertThat(r.metrics().get("absErrorSeconds")).isCloseTo(Math.abs(e.lagSeconds() - trueLag),
                        within(1e-12));
                assertThat(r.metrics().get("withinOneFrame")).as("%s: true %.3f s, estimate %.3f s", id, trueLag,
                        e.lagSeconds()).isEqualTo(1.0);
                errors += Math.abs(e.lagSeconds() - trueLag);

                assertThat(r.artifacts()).extracting(TaskArtifact::file)
                        .containsExactly("audio.npy", "video.npy", "similarity.npy");
                assertThat(r.artifacts()).extracting(TaskArtifact::kind)
                        .containsExactly("embedding", "embedding", "similarityVolume");
                FloatTensor volume = SimilarityFiles.readNpy(in.outputFolder().resolve("similarity.npy"));
                assertThat(volume.shape()).containsExactly(32, 32);
                float[] expected = f.volume(8).values().toArray();
                float[] actual = volume.toArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
                }
                FloatTensor audio = Npy.read(in.outputFolder().resolve("audio.npy")).toFloatTensor();
                assertThat(audio.shape()).containsExactly(32, 64);
                for (int i = 0; i < f.audio().length; i++) {
                    assertThat(audio.getFlat(i)).isCloseTo(f.audio()[i], within(1e-5f));
                }
            }
        }
        Map<String, Double> s = task.summarize(results);
        assertThat(s.get("clips")).isEqualTo(3.0);
        assertThat(s.get("clipsWithKnownLag")).isEqualTo(3.0);
        assertThat(s.get("accuracyWithinOneFrame")).isEqualTo(1.0);
        assertThat(s.get("maeSeconds")).isCloseTo(errors / 3, within(1e-12));
        assertThat(s.get("meanConfidence")).isCloseTo(results.stream()
                .mapToDouble(r -> r.metrics().get("confidence")).average().orElseThrow(), within(1e-12));
    }

    @Test
    void withoutASidecarThereIsNoTruthAndTheLagRangeIsAParameter() throws Exception {
        ModelCatalog.Entry entry = installed();
        Path mp4 = copyClip("clip-00000", false);
        try (LoadedModel model = load(entry)) {
            ClipResult r = new CavpSimilarityTask().run(input("c", mp4, model, entry.descriptor(),
                    Map.of("maxLagSeconds", 0.25)), new NullProgressMonitor());
            assertThat(r.metrics()).containsOnlyKeys("lagSeconds", "confidence", "steps");
            assertThat(Math.abs(r.metrics().get("lagSeconds"))).isLessThanOrEqualTo(0.25);
            Map<String, Double> s = new CavpSimilarityTask().summarize(List.of(r));
            assertThat(s.get("clipsWithKnownLag")).isZero();
            assertThat(s.get("accuracyWithinOneFrame")).isNaN();
            assertThat(s.get("meanConfidence")).isEqualTo(r.metrics().get("confidence"));
        }
    }

    @Test
    void aClipShorterThanTheWindowIsPaddedAndSaysByHowMuch() throws Exception {
        ModelCatalog.Entry entry = installed();
        assertThat(entry.descriptor().padShort()).as("cavp-small pads short clips").isTrue();
        Path mp4 = copyClip("clip-00001", false);
        // the 4 s clip against a 6 s window: 2 s (16 steps at 8 fps) of black frames and silence are added
        PreprocessingProfile p = entry.descriptor().profile();
        ModelDescriptor longer = entry.descriptor().withProfile(new PreprocessingProfile(p.id() + "-6s", p.video(),
                p.sampleRate(), p.mel(), 6.0));
        try (LoadedModel model = load(entry)) {
            ClipInput in = input("s", mp4, model, longer, Map.of());
            ClipResult r = new CavpSimilarityTask().run(in, new NullProgressMonitor());
            assertThat(r.metrics()).containsEntry("paddedSeconds", 2.0).containsEntry("steps", 48.0);
            assertThat(SimilarityFiles.readNpy(in.outputFolder().resolve("similarity.npy")).shape())
                    .containsExactly(48, 48);
            ClipResult whole = new CavpSimilarityTask().run(input("w", mp4, model, entry.descriptor(), Map.of()),
                    new NullProgressMonitor());
            assertThat(whole.metrics()).doesNotContainKey("paddedSeconds").containsEntry("steps", 32.0);
        }
    }

    @Test
    void aFileThatIsNoClipFailsNamingIt() throws Exception {
        ModelCatalog.Entry entry = installed();
        Path bad = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        try (LoadedModel model = load(entry)) {
            assertThatThrownBy(() -> new CavpSimilarityTask().run(input("n", bad, model, entry.descriptor(),
                    Map.of()), new NullProgressMonitor())).isInstanceOf(TaskException.class)
                    .hasMessageStartingWith(bad.toString());
            Path mp4 = copyClip("clip-00002", true);
            assertThatThrownBy(() -> new CavpSimilarityTask().run(input("m", mp4, model, entry.descriptor(),
                    Map.of("maxLagSeconds", -1.0)), new NullProgressMonitor())).isInstanceOf(TaskException.class)
                    .hasMessageContaining("maxLagSeconds");
        }
    }
}
