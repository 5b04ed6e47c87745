package io.avlens.models.cavp;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The descriptor written beside trained weights ({@code cavp-small.json}): id, family, profile, the inputs and
 * outputs with their shapes, the weights file and its SHA-256, and how it was trained.
 */
public final class CavpDescriptor {

    private CavpDescriptor() {
    }

    static String json(CavpModel model, Path weights, TrainSpec spec, String source, int steps) throws IOException {
        CavpConfig c = model.config();
        JsonObject o = new JsonObject();
        o.addProperty("id", "cavp-small");
        o.addProperty("family", "cavp");
        o.addProperty("profile", c.profile().id());
        o.addProperty("format", "djl-block-params");
        o.addProperty("engine", "PyTorch (DJL 0.35.1)");
        o.addProperty("weights", weights.getFileName().toString());
        o.addProperty("sha256", sha256(weights));
        o.addProperty("parameters", model.parameterCount());
        JsonArray inputs = new JsonArray();
        inputs.add(tensor("mel", "[B, " + c.melBins() + ", T*" + c.melPerStep() + "]",
                "log-mel in [0,1] (LogMelSpectrogram at the profile), mel band first"));
        inputs.add(tensor("frames", "[B, T, " + c.frameHeight() + ", " + c.frameWidth() + ", 3]",
                "RGB in [0,1] (FrameReader at the profile)"));
        o.add("inputs", inputs);
        JsonArray outputs = new JsonArray();
        outputs.add(tensor("audio", "[B, T, " + c.channels() + "]", "per-step audio features, L2-normalised"));
        outputs.add(tensor("video", "[B, T, " + c.channels() + "]", "per-step video features, L2-normalised"));
        outputs.add(tensor("logitScale", "[1]", "ln(1/temperature)"));
        o.add("outputs", outputs);
        JsonObject training = new JsonObject();
        training.addProperty("data", source);
        training.addProperty("steps", steps);
        training.addProperty("batchSize", spec.batchSize());
        training.addProperty("learningRate", spec.learningRate());
        training.addProperty("lambda", spec.lambda());
        training.addProperty("mergeProbability", spec.mergeProbability());
        training.addProperty("seed", spec.seed());
        training.addProperty("temperature", model.temperature());
        o.add("training", training);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonObject tensor(String name, String shape, String meaning) {
        JsonObject t = new JsonObject();
        t.addProperty("name", name);
        t.addProperty("shape", shape);
        t.addProperty("dtype", "float32");
        t.addProperty("meaning", meaning);
        return t;
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Hex SHA-256 of a stream's remaining bytes. */
    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
