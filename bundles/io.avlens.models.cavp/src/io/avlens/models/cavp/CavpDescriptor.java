package io.avlens.models.cavp;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.avlens.models.training.TrainedDescriptors;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The descriptor written beside trained weights ({@code cavp-small.json}) in AV Lens's model descriptor format
 * ({@link ModelDescriptors}: {@code source: builtin}, {@code family: cavp}, the profile, the inputs and outputs with
 * symbolic shapes, the weights file and its SHA-256), so the inference service loads trained CAVP weights like any
 * imported model. How the weights were made is kept in extra fields the descriptor reader ignores:
 * {@code format}, {@code engine}, {@code parameters}, {@code training} and, once measured, {@code evaluation}; each
 * tensor also says its dtype and meaning.
 */
public final class CavpDescriptor {

    /** The model id of the weights {@link CavpTrainer} writes. */
    public static final String MODEL_ID = "cavp-small";

    private static final Map<String, String> MEANINGS = Map.of(
            "mel", "log-mel in [0,1] (LogMelSpectrogram at the profile), mel band first; M = T * mel frames per step",
            "frames", "RGB in [0,1] (FrameReader at the profile)",
            "audio", "per-step audio features, L2-normalised",
            "video", "per-step video features, L2-normalised",
            "logitScale", "ln(1/temperature)");

    private CavpDescriptor() {
    }

    /**
     * The descriptor of CAVP weights of these sizes.
     *
     * @param weights the weights file name, relative to the descriptor
     * @param sha256  its SHA-256, lower-case hex
     */
    public static ModelDescriptor descriptor(CavpConfig c, String weights, String sha256) {
        List<TensorSpec> inputs = List.of(
                new TensorSpec("mel", new ShapeSpec(List.of(ShapeSpec.Dim.of("B"), ShapeSpec.Dim.of(c.melBins()),
                        ShapeSpec.Dim.of("M")))),
                new TensorSpec("frames", new ShapeSpec(List.of(ShapeSpec.Dim.of("B"), ShapeSpec.Dim.of("T"),
                        ShapeSpec.Dim.of(c.frameHeight()), ShapeSpec.Dim.of(c.frameWidth()), ShapeSpec.Dim.of(3)))));
        ShapeSpec features = new ShapeSpec(List.of(ShapeSpec.Dim.of("B"), ShapeSpec.Dim.of("T"),
                ShapeSpec.Dim.of(c.channels())));
        List<TensorSpec> outputs = List.of(new TensorSpec("audio", features), new TensorSpec("video", features),
                new TensorSpec("logitScale", new ShapeSpec(List.of(ShapeSpec.Dim.of(1)))));
        return new ModelDescriptor(MODEL_ID, CavpBlockFactory.FAMILY, ModelDescriptor.Source.BUILTIN, weights, sha256,
                c.profile(), ModelDescriptor.defaultModalities(c.profile()), inputs, outputs,
                Map.of("origin", "AV Lens's own CAVP-small (io.avlens.models.cavp), trained with `avlens train`"),
                true); // features are per step: a short clip is padded (black frames, silence) to one window
    }

    /** The descriptor JSON of a training run's weights, with the run's settings under {@code training}. */
    static String json(CavpModel model, Path weights, TrainSpec spec, String source, int steps) throws IOException {
        JsonObject training = new JsonObject();
        training.addProperty("data", source);
        training.addProperty("steps", steps);
        training.addProperty("batchSize", spec.batchSize());
        training.addProperty("learningRate", spec.learningRate());
        training.addProperty("lambda", spec.lambda());
        training.addProperty("mergeProbability", spec.mergeProbability());
        training.addProperty("seed", spec.seed());
        training.addProperty("temperature", model.temperature());
        JsonObject o = json(descriptor(model.config(), weights.getFileName().toString(), sha256(weights)),
                model.parameterCount(), training, null);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /**
     * The descriptor as JSON with the provenance fields the reader ignores.
     *
     * @param evaluation the held-out measurement, or null
     */
    static JsonObject json(ModelDescriptor d, long parameters, JsonObject training, JsonObject evaluation) {
        JsonObject o = TrainedDescriptors.json(d, MEANINGS, parameters);
        o.add("training", training);
        if (evaluation != null) {
            o.add("evaluation", evaluation);
        }
        return o;
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        return ModelDescriptors.sha256(file);
    }

    /** Hex SHA-256 of a stream's remaining bytes. */
    public static String sha256(InputStream in) throws IOException {
        return ModelDescriptors.sha256(in);
    }
}
