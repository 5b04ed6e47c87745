package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.descriptor.ModelDescriptors;

/**
 * SHA-256 of media and weights files, remembered per (path, size, modification time) so a file is read once until
 * it changes: in memory for the life of the runner, and on disk under {@code <cache>/hashes/} so the next process
 * (the next {@code avlens run}) does not read it again either. A changed file has a new size or time and is hashed
 * anew. Thread-safe.
 */
final class FileHashes {

    private record Stamp(long size, long modified) {
    }

    private record Known(Stamp stamp, String sha256) {
    }

    private final Map<Path, Known> memory = new ConcurrentHashMap<>();

    /**
     * The file's SHA-256, lower-case hex.
     *
     * @param folder where hashes are kept on disk, or null for memory only
     * @throws IOException when the file cannot be read
     */
    String sha256(Path file, Path folder) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new IOException("not a file");
        }
        Stamp stamp = new Stamp(a.size(), a.lastModifiedTime().toMillis());
        Known known = memory.get(absolute);
        if (known != null && known.stamp().equals(stamp)) {
            return known.sha256();
        }
        Path record = folder == null ? null : folder.resolve(digest(absolute.toString()));
        String sha = record == null ? null : read(record, stamp);
        if (sha == null) {
            sha = ModelDescriptors.sha256(absolute);
            if (record != null) {
                write(record, stamp, sha);
            }
        }
        memory.put(absolute, new Known(stamp, sha));
        return sha;
    }

    /** SHA-256 of a file's content, lower-case hex (not remembered). */
    static String digestOf(Path file) throws IOException {
        return ModelDescriptors.sha256(file);
    }

    /** SHA-256 of a text, lower-case hex. */
    static String digest(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String read(Path record, Stamp stamp) {
        try {
            String[] parts = Files.readString(record, StandardCharsets.UTF_8).strip().split(" ");
            if (parts.length == 3 && Long.parseLong(parts[0]) == stamp.size()
                    && Long.parseLong(parts[1]) == stamp.modified() && parts[2].matches("[0-9a-f]{64}")) {
                return parts[2];
            }
        } catch (IOException | NumberFormatException e) {
            // missing or damaged: hash the file again
        }
        return null;
    }

    private static void write(Path record, Stamp stamp, String sha) {
        try {
            Files.createDirectories(record.getParent());
            byte[] line = (stamp.size() + " " + stamp.modified() + " " + sha + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(record, out -> out.write(line));
        } catch (IOException e) {
            // only a speed-up: the next run hashes the file again
        }
    }
}
