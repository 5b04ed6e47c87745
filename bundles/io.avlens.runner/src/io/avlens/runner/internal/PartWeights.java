package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.runner.ModelRef;

/**
 * The weights of a model's parts, hashed and checked against the SHA-256 its descriptor gives each part.
 * {@link #sha256()} names the whole model in cache keys: for a model of one file its weights' SHA-256 (as before
 * models had parts), for a model made of parts the SHA-256 of its {@code role=sha256} lines.
 *
 * @param shaByRole each part's weights SHA-256, by role in the descriptor's order
 * @param sha256    what the model's weights are known by
 */
record PartWeights(Map<String, String> shaByRole, String sha256) {

    /** A check that failed, in the user's words. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Hashes (with {@code hashes}' cache of file hashes) and checks every part's weights.
     *
     * @throws Mismatch naming the file when one cannot be read or is not what the descriptor says
     */
    static PartWeights of(ModelRef model, FileHashes hashes, Path hashesFolder) throws Mismatch {
        ModelDescriptor d = model.descriptor();
        Map<String, String> byRole = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (ModelDescriptor.Component part : d.parts()) {
            Path file = d.hasParts() ? ModelDescriptors.partWeights(model.descriptorFile(), part) : model.weights();
            String what = d.hasParts() ? "the " + part.role() + " part of model " + model.id() : "model " + model.id();
            String sha;
            try {
                sha = hashes.sha256(file, hashesFolder);
            } catch (IOException e) {
                throw new Mismatch(file + ": the weights of " + what + " cannot be read: " + e.getMessage(), e);
            }
            if (part.sha256() != null && !part.sha256().equals(sha)) {
                throw new Mismatch(file + ": SHA-256 is " + sha + " but the descriptor of " + what + " ("
                        + model.descriptorFile() + ") says " + part.sha256()
                        + "; the file was changed or belongs to another model: import the model again", null);
            }
            byRole.put(part.role(), sha);
            lines.add(part.role() + "=" + sha + "\n");
        }
        if (!d.hasParts()) {
            return new PartWeights(byRole, byRole.values().iterator().next());
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            lines.forEach(l -> md.update(l.getBytes(StandardCharsets.UTF_8)));
            return new PartWeights(byRole, HexFormat.of().formatHex(md.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
