package io.avlens.models.difffoley;

import com.google.gson.JsonObject;
import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.cavp.CavpModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Untrained Diff-Foley weights of any size with their descriptor, in the layout the trainer writes: what tests,
 * benchmarks and the commands built on the generator use before (or without) trained weights. The parts are
 * initialised from the engine's random seed set to {@code seed}; the video part is CAVP-small's shipped weights.
 * Stateless.
 */
public final class DiffFoleyWeights {

    private DiffFoleyWeights() {
    }

    /**
     * Writes random-initialised denoiser and classifier weights, CAVP-small's weights and
     * {@code diff-foley-small.json} into {@code dir}; returns the descriptor file.
     *
     * @throws IOException when the folder cannot be written
     */
    public static Path random(DiffFoleyConfig config, Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        DjlSetup.engine().setRandomSeed((int) seed);
        Path denoiser = dir.resolve(DiffFoleyDescriptor.DENOISER_WEIGHTS);
        Path classifier = dir.resolve(DiffFoleyDescriptor.CLASSIFIER_WEIGHTS);
        try (DiffFoleyPart<DenoiserBlock> d = DiffFoleyPart.denoiser(config);
                DiffFoleyPart<AlignmentClassifierBlock> c = DiffFoleyPart.classifier(config)) {
            AtomicFiles.write(denoiser, d::save);
            AtomicFiles.write(classifier, c::save);
        }
        Path video = dir.resolve(DiffFoleyDescriptor.VIDEO_WEIGHTS);
        try (InputStream in = CavpModel.class.getResourceAsStream(CavpModel.BUNDLED_WEIGHTS)) {
            if (in == null) {
                throw new IOException("CAVP-small's shipped weights " + CavpModel.BUNDLED_WEIGHTS + " are missing");
            }
            AtomicFiles.write(video, in::transferTo);
        }
        JsonObject training = new JsonObject();
        training.addProperty("note", "untrained: random weights from seed " + seed);
        String json = DiffFoleyDescriptor.json(DiffFoleyDescriptor.descriptor(config, ModelDescriptors.sha256(video),
                ModelDescriptors.sha256(denoiser), ModelDescriptors.sha256(classifier)), training);
        Path file = dir.resolve(DiffFoleyDescriptor.MODEL_ID + ".json");
        AtomicFiles.write(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        return file;
    }
}
