package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseClip;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;

/** Checks that a trained run's descriptor, read by the inference service, rebuilds the network that was trained. */
final class InferencePath {

    private InferencePath() {
    }

    /**
     * The image features of the test clip through {@link DenseAvHeatmaps} (the path of {@code avlens heatmap} and
     * {@code eval --task localize}) equal, within 1e-4, those of network {@code c} holding the run's weights (its
     * frames with {@code c}'s image channels).
     *
     * @param descriptor the run's {@code denseav-small.json}, its weights beside it
     * @param dir        a scratch folder; the clip is copied to {@code dir/media/clip-00000.mp4}
     * @return the features the inference path computed
     */
    static DenseFeatures assertSameImageFeatures(Path descriptor, DenseAvConfig c, Path dir) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        try (InputStream in = InferencePath.class.getResourceAsStream("/resources/avshapes-speech/clip-00000.mp4")) {
            Files.copy(in, media);
        }
        DenseFeatures f;
        try (DenseAvHeatmaps dense = DenseAvHeatmaps.open(descriptor, 1)) {
            f = dense.compute(media, dir.resolve("out")).features();
        }
        DenseClip clip = DenseClip.decode(media, c);
        try (DenseAvModel direct = DenseAvModel.initialised(c);
                InputStream w = Files.newInputStream(descriptor.resolveSibling("denseav-small.params"));
                NDManager m = direct.manager().newSubManager()) {
            direct.readParameters(w, "denseav-small.params");
            int channels = c.imageChannels();
            float[] image = direct.block().encodeImage(direct.store(), m.create(clip.frames(0, 32, channels),
                    new Shape(32, 64, 64, channels)), false).toFloatArray();
            float[] got = f.image().toArray();
            assertThat(got).hasSameSizeAs(image);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).as("image feature %d", i).isCloseTo(image[i], Offset.offset(1e-4f));
            }
        }
        return f;
    }
}
