package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandException;
import io.avlens.core.io.IoErrors;
import io.avlens.inference.descriptor.JsonProblems;
import io.avlens.runner.ModelRef;

/**
 * Writes an evaluation into a model descriptor ({@code --write-descriptor}): the descriptor's {@code evaluation}
 * member is replaced (in place, the other members untouched and in their order), the file written to a temporary
 * file beside it and moved over it, so a reader sees the old file or the new one, never half of one. The descriptor
 * must be one of the evaluated weights: when it states a {@code sha256}, it must be theirs.
 */
final class DescriptorEvaluation {

    private DescriptorEvaluation() {
    }

    /**
     * Checks, before anything is computed, that {@code file} is a model descriptor of {@code model}'s weights.
     *
     * @return the descriptor's JSON
     * @throws CommandException (exit 2) naming the file when it is missing, not a JSON object, not a model
     *                          descriptor, or describes other weights
     */
    static JsonObject check(Path file, ModelRef model) throws CommandException {
        JsonObject descriptor;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new CommandException(file + ": not a model descriptor (a JSON object)");
            }
            descriptor = e.getAsJsonObject();
        } catch (IOException e) {
            throw new CommandException(file + ": cannot read the descriptor (" + IoErrors.describe(e) + ")");
        } catch (JsonParseException e) {
            throw new CommandException(file + ": not a model descriptor (" + JsonProblems.describe(e) + ")");
        }
        if (!descriptor.has("id") || !descriptor.has("family")) {
            throw new CommandException(file + ": not a model descriptor (it lacks \"" + (descriptor.has("id") ? "family"
                    : "id") + "\"); name the model's .json file");
        }
        JsonElement sha = descriptor.get("sha256");
        String evaluated = model.descriptor().sha256();
        if (sha != null && sha.isJsonPrimitive() && evaluated != null && !sha.getAsString().equals(evaluated)) {
            throw new CommandException(file + ": describes weights with SHA-256 " + sha.getAsString()
                    + ", not those of model " + model.id() + " (" + evaluated + "); write into that model's own"
                    + " descriptor");
        }
        return descriptor;
    }

    /**
     * @throws CommandException (exit 2) naming the file when it is missing, not a JSON object, describes other
     *                          weights or cannot be written
     */
    static void write(Path file, JsonObject evaluation, ModelRef model) throws CommandException {
        JsonObject descriptor = check(file, model);
        descriptor.add("evaluation", evaluation);
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(descriptor) + "\n";
        Path temp = null;
        try {
            temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // the temporary file is all that is left behind
            }
            throw new CommandException(file + ": cannot write the evaluation: " + IoErrors.describe(e));
        }
    }
}
