package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.models.denseav.DenseAvBlockFactory;
import io.avlens.models.denseav.DenseAvHeatmapTask;
import io.avlens.models.denseav.DenseClip;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ModelParts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-part DenseAV model whose audio part reads the raw waveform, the layout of the official DenseAV's export
 * ({@code tools/export/export_denseav.py}): the heatmap task feeds it the clip's samples and takes the audio time base
 * from what it returns. The audio part is a mock ({@code resources/denseav-waveform-mock/make_mock.py}) whose every
 * value is the RMS of 1,000 samples times a known factor, so the test recomputes them from the decoded sound; and what
 * {@code export_denseav.py} writes from a mock of the official repository runs through the task at the
 * {@code denseav} profile.
 */
class DenseAvWaveformPartTest {

    @TempDir
    Path dir;

    private Path copy(String resource, Path folder) throws Exception {
        Path target = Files.createDirectories(folder).resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = getClass().getResourceAsStream("/resources/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void theWaveformPartGetsTheSamplesAndSetsTheAudioTimeBase() throws Exception {
        Path dense = dir.resolve("models/denseav-small-imported");
        Path denseJson = copy("denseav-small-imported/model.json", dense);
        copy("denseav-small-imported/denseav-small-image.pt", dense);
        Path mock = dir.resolve("models/denseav-waveform-mock");
        Path mockJson = copy("denseav-waveform-mock/model.json", mock);
        copy("denseav-waveform-mock/waveform-audio.pt", mock);
        Path media = copy("avshapes-speech/clip-00000.mp4", dir.resolve("media"));
        ModelDescriptor d = ModelDescriptors.read(denseJson);
        ModelDescriptor m = ModelDescriptors.read(mockJson);
        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        try (LoadedModel image = service.load(ModelDescriptors.toSpec(denseJson, d, d.parts().get(0),
                ModelSpec.Options.DEFAULT));
                LoadedModel audio = service.load(ModelDescriptors.toSpec(mockJson, m, ModelSpec.Options.DEFAULT))) {
            Path out = Files.createDirectories(dir.resolve("out"));
            ClipResult r = new DenseAvHeatmapTask().run(new ClipInput("clip-00000", media,
                    ModelParts.of(Map.of("image", image, "audio", audio)), d, Map.of(), 0, out),
                    new NullProgressMonitor());
            // 4 s of 16 kHz sound in steps of 1,000 samples: 64 steps, 16 per second
            assertThat(r.metrics()).containsEntry("frames", 32.0).containsEntry("audioSteps", 64.0)
                    .containsEntry("heads", 2.0).doesNotContainKey("paddedSeconds");
            DenseFeatures f = DenseFeatureFiles.read(out);
            assertThat(f.audio().shape()).containsExactly(2, 16, 1, 64);
            assertThat(f.image().shape()).containsExactly(32, 2, 16, 16, 16);
            assertThat(f.audioTime().step()).isEqualTo(0.0625);
            assertThat(f.frameTime().step()).isEqualTo(0.125);

            float[] x = AudioReader.read(media, 16_000).samples();
            float[] a = f.audio().toArray();
            boolean[] voiced = f.voicedMask();
            for (int t = 0; t < 64; t++) {
                double sum = 0;
                for (int i = t * 1000; i < (t + 1) * 1000; i++) {
                    sum += x[i] * x[i];
                }
                double rms = Math.sqrt(sum / 1000);
                assertThat(voiced[t]).as("step %d", t).isEqualTo(rms >= DenseClip.SILENCE_RMS);
                for (int k = 0; k < 2; k++) {
                    for (int c = 0; c < 16; c++) {
                        assertThat(a[(k * 16 + c) * 64 + t]).as("head %d channel %d step %d", k, c, t)
                                .isCloseTo((float) ((1 + 16 * k + c) * rms), within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void whatTheOfficialExportWritesRunsThroughTheTask() throws Exception {
        Path folder = dir.resolve("models/denseav-sound-and-language");
        for (String f : new String[] {"model.json", "image.pt", "audio.pt"}) {
            copy("denseav-official-mock/" + f, folder);
        }
        Path media = copy("avshapes-speech/clip-00000.mp4", dir.resolve("media"));
        ModelCatalog catalog = ModelCatalog.scan(dir.resolve("models"));
        assertThat(catalog.problems()).isEmpty();
        ModelCatalog.Entry e = catalog.byId("denseav-sound-and-language").orElseThrow();
        assertThat(e.descriptor().profile().id()).isEqualTo("denseav");
        assertThat(new DenseAvHeatmapTask().supports(e.descriptor().family())).isTrue();
        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelDescriptor.Component c : e.descriptor().parts()) {
                loaded.put(c.role(), service.load(ModelDescriptors.toSpec(e.file(), e.descriptor(), c,
                        ModelSpec.Options.DEFAULT)));
            }
            Path out = Files.createDirectories(dir.resolve("official"));
            ClipResult r = new DenseAvHeatmapTask().run(new ClipInput("clip-00000", media, ModelParts.of(loaded),
                    e.descriptor(), Map.of(), 0, out), new NullProgressMonitor());
            // 4 s at the denseav profile: 4 frames of 224 x 224; the mock's audio makes one step per 320 samples
            assertThat(r.metrics()).containsEntry("frames", 4.0).containsEntry("audioSteps", 200.0)
                    .containsEntry("heads", 2.0);
            DenseFeatures f = DenseFeatureFiles.read(out);
            assertThat(f.image().shape()).containsExactly(4, 2, 4, 14, 14);
            assertThat(f.audio().shape()).containsExactly(2, 4, 4, 200);
            assertThat(f.frameTime().step()).isEqualTo(1.0);
            assertThat(f.audioTime().step()).isCloseTo(0.02, within(1e-12));
        } finally {
            loaded.values().forEach(LoadedModel::close);
        }
    }
}
