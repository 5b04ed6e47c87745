package io.avlens.inference.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.InferenceException;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;

/**
 * Reads and writes {@link ModelDescriptor}s as JSON, checks the weights' SHA-256 and turns a descriptor into a
 * {@link ModelSpec}. The profile is written as the id of a known profile ({@link Profiles}) when it is one, else
 * as an object with the profile's fields; shapes are arrays of sizes and symbols ({@code ["B", 3, 224, 224]}).
 */
public final class ModelDescriptors {

    /** The usual file name of a descriptor, next to the weights. */
    public static final String FILE_NAME = "model.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ModelDescriptors() {
    }

    /**
     * Reads a descriptor.
     *
     * @throws InferenceException naming the file and what is wrong with it
     */
    public static ModelDescriptor read(Path file) throws InferenceException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InferenceException(file + ": no such model descriptor");
        } catch (IOException e) {
            throw new InferenceException(file + ": cannot read the model descriptor: " + e.getMessage(), e);
        }
        try {
            return fromJson(JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException
                | NullPointerException | ClassCastException e) {
            throw new InferenceException(file + ": not a valid model descriptor: " + JsonProblems.describe(e), e);
        }
    }

    /** Writes a descriptor (atomically: a half-written file never replaces a good one). */
    public static void write(Path file, ModelDescriptor d) throws IOException {
        byte[] bytes = GSON.toJson(toJson(d)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The descriptor as JSON. */
    public static JsonObject toJson(ModelDescriptor d) {
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", ModelDescriptor.FORMAT_VERSION);
        o.addProperty("id", d.id());
        o.addProperty("family", d.family());
        if (!d.hasParts()) {
            o.addProperty("source", d.source().name().toLowerCase(Locale.ROOT));
            o.addProperty("weights", d.weights());
            if (d.sha256() != null) {
                o.addProperty("sha256", d.sha256());
            }
        }
        boolean known = Profiles.byId(d.profile().id()).filter(d.profile()::equals).isPresent();
        o.add("profile", known ? new JsonPrimitive(d.profile().id()) : GSON.toJsonTree(d.profile()));
        if (d.padShort()) {
            o.addProperty("padShort", true);
        }
        JsonArray modalities = new JsonArray();
        d.modalities().stream().sorted().forEach(m -> modalities.add(m.name().toLowerCase(Locale.ROOT)));
        o.add("modalities", modalities);
        if (d.hasParts()) {
            JsonArray parts = new JsonArray();
            for (ModelDescriptor.Component c : d.components()) {
                JsonObject part = new JsonObject();
                part.addProperty("role", c.role());
                part.addProperty("source", c.source().name().toLowerCase(Locale.ROOT));
                part.addProperty("weights", c.weights());
                if (c.sha256() != null) {
                    part.addProperty("sha256", c.sha256());
                }
                part.add("inputs", tensors(c.inputs()));
                part.add("outputs", tensors(c.outputs()));
                parts.add(part);
            }
            o.add("components", parts);
        } else {
            o.add("inputs", tensors(d.inputs()));
            o.add("outputs", tensors(d.outputs()));
        }
        if (!d.notes().isEmpty()) {
            JsonObject notes = new JsonObject();
            d.notes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> notes.addProperty(e.getKey(), e.getValue()));
            o.add("notes", notes);
        }
        return o;
    }

    /**
     * A descriptor from JSON.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static ModelDescriptor fromJson(JsonObject o) {
        int version = o.has("formatVersion") ? o.get("formatVersion").getAsInt() : 1;
        if (version > ModelDescriptor.FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + version + " is newer than this AV Lens reads ("
                    + ModelDescriptor.FORMAT_VERSION + ")");
        }
        List<ModelDescriptor.Component> parts = new ArrayList<>();
        if (o.has("components")) {
            for (JsonElement e : o.getAsJsonArray("components")) {
                JsonObject c = e.getAsJsonObject();
                String role = string(c, "role");
                try {
                    parts.add(new ModelDescriptor.Component(role, source(string(c, "source")),
                            string(c, "weights"),
                            c.has("sha256") ? c.get("sha256").getAsString().toLowerCase(Locale.ROOT) : null,
                            tensors(c, "inputs"), tensors(c, "outputs")));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("part '" + role + "': " + ex.getMessage(), ex);
                }
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("'components' is empty; list the model's parts or leave it out");
            }
        }
        boolean single = parts.isEmpty();
        ModelDescriptor.Source src = single || o.has("source") ? source(string(o, "source")) : null;
        Set<ModelDescriptor.Modality> modalities = EnumSet.noneOf(ModelDescriptor.Modality.class);
        if (o.has("modalities")) {
            for (JsonElement m : o.getAsJsonArray("modalities")) {
                modalities.add(ModelDescriptor.Modality.valueOf(m.getAsString().toUpperCase(Locale.ROOT)));
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        if (o.has("notes")) {
            o.getAsJsonObject("notes").entrySet().forEach(e -> notes.put(e.getKey(), e.getValue().getAsString()));
        }
        return new ModelDescriptor(string(o, "id"), string(o, "family"), src,
                single || o.has("weights") ? string(o, "weights") : null,
                o.has("sha256") ? o.get("sha256").getAsString().toLowerCase(Locale.ROOT) : null,
                profile(o.get("profile")), modalities, tensors(o, "inputs"), tensors(o, "outputs"), notes,
                o.has("padShort") && o.get("padShort").getAsBoolean(), parts);
    }

    private static ModelDescriptor.Source source(String source) {
        return switch (source.toLowerCase(Locale.ROOT)) {
            case "builtin" -> ModelDescriptor.Source.BUILTIN;
            case "torchscript" -> ModelDescriptor.Source.TORCHSCRIPT;
            default -> throw new IllegalArgumentException("source must be builtin or torchscript, not '" + source + "'");
        };
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** SHA-256 of a stream's remaining bytes, lower-case hex; the stream is read to its end, not closed. */
    public static String sha256(InputStream in) throws IOException {
        try {
            DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The weights file of a descriptor read from {@code descriptorFile}, after checking it exists and matches its
     * SHA-256 (when the descriptor has one).
     *
     * @throws InferenceException naming the weights file and the problem
     */
    public static Path verifiedWeights(Path descriptorFile, ModelDescriptor d) throws InferenceException {
        return verifiedWeights(descriptorFile, d, d.parts().get(0));
    }

    /** Where the weights of one part of {@code d} are (relative names resolved against the descriptor's folder). */
    public static Path partWeights(Path descriptorFile, ModelDescriptor.Component part) {
        return descriptorFile.toAbsolutePath().getParent().resolve(part.weights()).normalize();
    }

    /**
     * The weights file of one part of a descriptor, after checking it exists and matches its SHA-256 (when given).
     *
     * @throws InferenceException naming the weights file and the problem
     */
    public static Path verifiedWeights(Path descriptorFile, ModelDescriptor d, ModelDescriptor.Component part)
            throws InferenceException {
        Path weights = partWeights(descriptorFile, part);
        String what = d.hasParts() ? "the " + part.role() + " part of model " + d.id() : "model " + d.id();
        if (!Files.isRegularFile(weights)) {
            throw new InferenceException(weights + ": the weights of " + what + " are missing");
        }
        if (part.sha256() != null) {
            String actual;
            try {
                actual = sha256(weights);
            } catch (IOException e) {
                throw new InferenceException(weights + ": cannot read the weights: " + e.getMessage(), e);
            }
            if (!actual.equals(part.sha256())) {
                throw new InferenceException(weights + ": SHA-256 is " + actual + " but " + descriptorFile
                        + " says " + part.sha256() + " (" + what + "); the file was changed or belongs to another"
                        + " model");
            }
        }
        return weights;
    }

    /**
     * The spec to load the model of a descriptor with (weights verified first).
     *
     * @throws InferenceException when the weights are missing or changed, or the model is made of parts (load each
     *                            with {@link #toSpec(Path, ModelDescriptor, ModelDescriptor.Component,
     *                            ModelSpec.Options)})
     */
    public static ModelSpec toSpec(Path descriptorFile, ModelDescriptor d, ModelSpec.Options options)
            throws InferenceException {
        if (d.hasParts()) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is made of parts "
                    + d.components().stream().map(ModelDescriptor.Component::role).toList()
                    + "; it is loaded part by part");
        }
        return toSpec(descriptorFile, d, d.parts().get(0), options);
    }

    /**
     * The spec to load one part of a descriptor with (its weights verified first): a TorchScript file, or a block of
     * the model's family. A part's spec is named {@code id/role}; a model of one file keeps its id.
     */
    public static ModelSpec toSpec(Path descriptorFile, ModelDescriptor d, ModelDescriptor.Component part,
            ModelSpec.Options options) throws InferenceException {
        Path weights = verifiedWeights(descriptorFile, d, part);
        ModelSpec.Source source = part.source() == ModelDescriptor.Source.TORCHSCRIPT
                ? new ModelSpec.TorchScript(weights)
                : new ModelSpec.Builtin(d.family(), weights, d.hasParts() ? part.role() : null, d.notes());
        return new ModelSpec(d.hasParts() ? d.id() + "/" + part.role() : d.id(), source, part.inputs(),
                part.outputs(), options);
    }

    private static PreprocessingProfile profile(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("'profile' is missing");
        }
        if (e.isJsonPrimitive()) {
            String id = e.getAsString();
            return Profiles.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown profile '" + id
                    + "'; known: " + Profiles.all().stream().map(PreprocessingProfile::id).toList()
                    + " (or give the profile's fields as an object)"));
        }
        return GSON.fromJson(e, PreprocessingProfile.class);
    }

    private static JsonArray tensors(List<TensorSpec> specs) {
        JsonArray a = new JsonArray();
        for (TensorSpec t : specs) {
            JsonObject o = new JsonObject();
            o.addProperty("name", t.name());
            JsonArray shape = new JsonArray();
            for (ShapeSpec.Dim d : t.shape().dims()) {
                if (d.isSymbolic()) {
                    shape.add(d.symbol());
                } else {
                    shape.add(d.size());
                }
            }
            o.add("shape", shape);
            a.add(o);
        }
        return a;
    }

    private static List<TensorSpec> tensors(JsonObject o, String field) {
        List<TensorSpec> out = new ArrayList<>();
        if (!o.has(field)) {
            return out;
        }
        for (JsonElement e : o.getAsJsonArray(field)) {
            JsonObject t = e.getAsJsonObject();
            List<ShapeSpec.Dim> dims = new ArrayList<>();
            for (JsonElement d : t.getAsJsonArray("shape")) {
                JsonPrimitive p = d.getAsJsonPrimitive();
                dims.add(p.isNumber() ? ShapeSpec.Dim.of(p.getAsInt()) : ShapeSpec.Dim.of(p.getAsString()));
            }
            out.add(new TensorSpec(string(t, "name"), new ShapeSpec(dims)));
        }
        return out;
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull() || e.getAsString().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return e.getAsString();
    }
}
