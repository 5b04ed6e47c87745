package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.QueryEncoder;
import io.avlens.models.internal.ShippedModels;
import io.avlens.runner.task.ClipInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CavpEmbedder} and {@link CavpQueryEncoders} on a held-out AV-Shapes clip (4 s, 8 fps, 64 px): the embed
 * task's vectors are the similarity task's per-step features pooled as CAVP pools them (computed here on their own),
 * a whole-file query is the task's row, a span pools only the steps it covers, and bad spans name the file.
 */
class CavpEmbedderTest {

    @TempDir
    Path dir;

    private Path clip() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        for (String ext : new String[] {".mp4", ".json"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/clip-00001" + ext)) {
                Files.copy(in, media.resolve("clip-00001" + ext));
            }
        }
        return media.resolve("clip-00001.mp4");
    }

    /** Steps {@code [first, end)} of {@code [T, C]} features: each row unit length, max per channel, unit length. */
    private static float[] pool(FloatTensor f, int first, int end) {
        int c = f.dim(1);
        double[] max = new double[c];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] x = f.toArray();
        for (int t = first; t < end; t++) {
            double n = 0;
            for (int j = 0; j < c; j++) {
                n += x[t * c + j] * (double) x[t * c + j];
            }
            for (int j = 0; j < c; j++) {
                max[j] = Math.max(max[j], x[t * c + j] / Math.sqrt(n));
            }
        }
        double n = Arrays.stream(max).map(v -> v * v).sum();
        float[] out = new float[c];
        for (int j = 0; j < c; j++) {
            out[j] = (float) (max[j] / Math.sqrt(n));
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j]).as("value %d", j).isCloseTo(expected[j], within(1e-5f));
        }
    }

    @Test
    void wholeFilesAndSpansArePooledPerStepFeatures() throws Exception {
        Path media = clip();
        Path models = dir.resolve("models");
        new ShippedModels(List.of(new CavpShippedModel())).install(models);
        ModelCatalog.Entry entry = ModelCatalog.scan(models).byId("cavp-small").orElseThrow();
        FloatTensor audio;
        FloatTensor video;
        ClipEmbedding row;
        try (LoadedModel model = DjlInferenceServices.cpu(List.of(new CavpBlockFactory())).load(
                ModelDescriptors.toSpec(entry.file(), entry.descriptor(), ModelSpec.Options.DEFAULT))) {
            Path sim = Files.createDirectories(dir.resolve("sim"));
            new CavpSimilarityTask().run(new ClipInput("clip-00001", media, model, entry.descriptor(), Map.of(), 0,
                    sim), null);
            audio = Npy.read(sim.resolve("audio.npy")).toFloatTensor();
            video = Npy.read(sim.resolve("video.npy")).toFloatTensor();
            Path emb = Files.createDirectories(dir.resolve("embed"));
            new CavpEmbedTask().run(new ClipInput("clip-00001", media, model, entry.descriptor(), Map.of(), 0, emb),
                    null);
            row = ClipEmbedding.read(emb);
        }
        int steps = audio.dim(0);
        assertThat(steps).isEqualTo(32);
        int c = audio.dim(1);
        assertThat(row.modalities()).containsExactly("audio", "video");
        assertClose(Arrays.copyOfRange(row.values(), 0, c), pool(audio, 0, steps));
        assertClose(Arrays.copyOfRange(row.values(), c, 2 * c), pool(video, 0, steps));

        try (QueryEncoder encoder = new CavpQueryEncoders().open(entry.file())) {
            assertThat(encoder.encodesText()).isFalse();
            assertThat(encoder.encodesSpans()).isTrue();
            assertThatThrownBy(() -> encoder.text("a metal ball")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("no language encoder");
            assertClose(encoder.media(media).values(), row.values());
            assertClose(encoder.span(media, 0, 4).values(), row.values());
            // 1.0-2.5 s: frames 8 to 19 (each shows 1/8 s)
            ClipEmbedding span = encoder.span(media, 1.0, 2.5);
            assertClose(Arrays.copyOfRange(span.values(), 0, c), pool(audio, 8, 20));
            assertClose(Arrays.copyOfRange(span.values(), c, 2 * c), pool(video, 8, 20));
            // a span inside one frame is that frame; one past the end is cut at it
            assertClose(Arrays.copyOfRange(encoder.span(media, 1.01, 1.02).values(), 0, c), pool(audio, 8, 9));
            assertClose(Arrays.copyOfRange(encoder.span(media, 3.5, 9).values(), 0, c), pool(audio, 28, 32));

            assertThatThrownBy(() -> encoder.span(media, 4.2, 5)).isInstanceOf(IOException.class)
                    .hasMessageContaining(media.toString()).hasMessageContaining("holds no video frame");
            assertThatThrownBy(() -> encoder.span(media, 2, 1)).isInstanceOf(IOException.class)
                    .hasMessageContaining(media.toString()).hasMessageContaining("0 <= start < end");
            assertThatThrownBy(() -> encoder.media(dir.resolve("missing.mp4"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("missing.mp4");
        }
        assertThat(new CavpQueryEncoders().supports("cavp")).isTrue();
        assertThat(new CavpQueryEncoders().supports("mc3")).isFalse();
        assertThat(new CavpQueryEncoders().encodesText()).isFalse();
        assertThatThrownBy(() -> CavpEmbedder.pooled(audio, 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
