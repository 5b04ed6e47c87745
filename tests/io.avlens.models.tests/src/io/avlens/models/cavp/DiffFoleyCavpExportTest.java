package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioReader;
import io.avlens.media.FrameReader;
import io.avlens.media.dsp.LogMelSpectrogram;
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
 * What {@code tools/export/export_diff_foley_cavp.py} writes from a mock of the official Diff-Foley repository
 * ({@code resources/diff-foley-cavp-mock/}) runs through CAVP's similarity task as one model of two parts at the
 * {@code diff-foley-cavp} profile, whose 15.625 log-mel frames per video frame are no whole number: every feature is
 * recomputed here from the decoded frames and log-mel, so a wrong layout (channels first or last, rows or columns), a
 * wrong mel cut or a wrong audio time base fails.
 */
class DiffFoleyCavpExportTest {

    private static final int EMBED = 512;

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
    void theOfficialExportRunsAsOneModelOfTwoPartsWithTheSoundOnItsOwnSteps() throws Exception {
        Path folder = dir.resolve("models/diff-foley-cavp");
        for (String f : new String[] {"model.json", "video.pt", "audio.pt"}) {
            copy("diff-foley-cavp-mock/" + f, folder);
        }
        Path media = copy("avshapes-lagged/clip-00000.mp4", dir.resolve("media"));
        copy("avshapes-lagged/clip-00000.json", dir.resolve("media"));
        ModelCatalog catalog = ModelCatalog.scan(dir.resolve("models"));
        assertThat(catalog.problems()).isEmpty();
        ModelCatalog.Entry e = catalog.byId("diff-foley-cavp").orElseThrow();
        PreprocessingProfile profile = e.descriptor().profile();
        assertThat(profile.id()).isEqualTo(Profiles.DIFF_FOLEY_CAVP.id());
        assertThat(e.descriptor().parts()).extracting(ModelDescriptor.Component::role)
                .containsExactlyInAnyOrder("video", "audio");
        CavpSimilarityTask task = new CavpSimilarityTask();
        assertThat(task.supports(e.descriptor().family())).isTrue();

        InferenceService service = DjlInferenceServices.cpu(List.of());
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelDescriptor.Component c : e.descriptor().parts()) {
                loaded.put(c.role(), service.load(ModelDescriptors.toSpec(e.file(), e.descriptor(), c,
                        ModelSpec.Options.DEFAULT)));
            }
            Path out = Files.createDirectories(dir.resolve("out"));
            ClipResult r = task.run(new ClipInput("clip-00000", media, ModelParts.of(loaded), e.descriptor(),
                    Map.of(), 0, out), new NullProgressMonitor());

            // 4 s at 4 fps: 16 frames; their 250 log-mel frames; the mock's audio part makes one step per 16 frames
            assertThat(r.metrics()).containsEntry("steps", 16.0).containsKey("lagSeconds")
                    .containsKey("trueLagSeconds").doesNotContainKey("paddedSeconds");
            assertThat(r.metrics().get(CavpSimilarityTask.AUDIO_STEP_SECONDS)).isCloseTo(4.0 / 15, within(1e-9));
            FloatTensor video = Npy.read(out.resolve("video.npy")).toFloatTensor();
            FloatTensor audio = Npy.read(out.resolve("audio.npy")).toFloatTensor();
            assertThat(video.shape()).containsExactly(16, EMBED);
            assertThat(audio.shape()).containsExactly(15, EMBED);
            assertThat(SimilarityFiles.readNpy(out.resolve("similarity.npy")).shape()).containsExactly(15, 16);

            // the video part: colour c % 3 over the rows of band (c / 3) % 8 of the squashed 224 x 224 frame
            FloatTensor frames = new FrameReader(profile.video()).read(media).tensor();
            assertThat(frames.shape()).containsExactly(16, 224, 224, 3);
            float[] fv = frames.toArray();
            for (int t = 0; t < 16; t++) {
                double[] expected = new double[EMBED];
                for (int c = 0; c < EMBED; c++) {
                    int colour = c % 3;
                    int band = (c / 3) % 8;
                    double sum = 0;
                    for (int y = band * 28; y < band * 28 + 28; y++) {
                        for (int x = 0; x < 224; x++) {
                            sum += fv[((t * 224 + y) * 224 + x) * 3 + colour];
                        }
                    }
                    expected[c] = sum / (28 * 224) * (1 + c / (double) EMBED);
                }
                assertRow(video, t, unit(expected), "frame " + t);
            }

            // the audio part: bin c % 128 averaged over the log-mel frames [16 u, 16 u + 16)
            FloatTensor mel = LogMelSpectrogram.of(profile).compute(AudioReader.read(media, profile.sampleRate()));
            float[] mv = mel.toArray();
            int cols = mel.dim(1);
            assertThat(cols).isGreaterThanOrEqualTo(250);
            for (int u = 0; u < 15; u++) {
                double[] expected = new double[EMBED];
                for (int c = 0; c < EMBED; c++) {
                    double sum = 0;
                    for (int m = 16 * u; m < 16 * u + 16; m++) {
                        sum += mv[(c % 128) * cols + m];
                    }
                    expected[c] = sum / 16 * (1 + c / (double) EMBED);
                }
                assertRow(audio, u, unit(expected), "audio step " + u);
            }
        } finally {
            loaded.values().forEach(LoadedModel::close);
        }
    }

    private static double[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / n;
        }
        return u;
    }

    private static void assertRow(FloatTensor features, int row, double[] expected, String what) {
        float[] all = features.toArray();
        int c = features.dim(1);
        for (int i = 0; i < c; i++) {
            assertThat((double) all[row * c + i]).as("%s channel %d", what, i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
