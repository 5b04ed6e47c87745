package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingExports;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CommandException;
import io.avlens.core.io.FileTrees;

/**
 * The folder {@code avlens embed --out E/} writes: the table ({@link EmbeddingFiles}), {@code consensus.npy}
 * anchored on the model's anchor ({@link EmbeddingTable#consensusAnchor()}), {@code items.parquet}
 * ({@link ItemsParquet}) and the TensorBoard-projector export. Everything is written first into a hidden folder
 * inside {@code E/} ({@code .staging-…}, on the same disk) and moved into place only when complete, file by file
 * (renames, which need no space), {@code embeddings.json} last (an older one is removed first): a folder holding the
 * JSON always holds a complete table of one run, and a write that fails (a full disk) leaves the table that was there
 * before whole.
 */
final class EmbeddingOutput {

    /** The start of the hidden folder inside E/ that a table is written into before it is moved into place. */
    static final String STAGING = ".staging-";

    private EmbeddingOutput() {
    }

    /**
     * Checks, before anything runs, that {@code out} may receive a table: new, empty, or holding a table (which is
     * replaced).
     *
     * @throws CommandException (exit 2) naming the folder otherwise
     */
    static void checkTarget(Path out) throws CommandException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandException(out + ": is a file, not a folder; --out needs a new or empty folder, or one"
                    + " holding an embedding table to replace");
        }
        if (Files.isDirectory(out) && !EmbeddingFiles.isTable(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.anyMatch(p -> !p.getFileName().toString().startsWith(STAGING))) {
                    throw new CommandException(out + ": holds other files and no embedding table ("
                            + EmbeddingFiles.DESCRIPTION + "); choose a new or empty folder, nothing was written");
                }
            } catch (IOException e) {
                throw new CommandException(out + ": cannot list the folder: " + e.getMessage());
            }
        }
        OutputPaths.checkWritableUnder(out, out.toAbsolutePath().normalize());
    }

    /**
     * Writes everything; {@code extra} goes into {@code embeddings.json}. {@code table} is the one the runner's embed
     * stage wrote ({@link io.avlens.models.embedding.EmbeddingTableTask}), whose labels already carry each pair's
     * similarity and the agreement ({@link EmbeddingExports#withScores}), so nothing is scored again here.
     */
    static void write(Path out, EmbeddingTable table, JsonObject extra) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        boolean created = !Files.exists(target);
        Files.createDirectories(target);
        Path staging = Files.createTempDirectory(target, STAGING);
        boolean installed = false;
        try {
            EmbeddingExports.writeProjector(staging, table);
            float[] consensus = null;
            if (EmbeddingExports.writeConsensus(staging, table)) {
                consensus = table.consensus(table.consensusAnchor());
            }
            ItemsParquet.write(staging.resolve(ItemsParquet.FILE), table, consensus);
            EmbeddingFiles.write(staging, table, extra);
            install(staging, target);
            installed = true;
        } finally {
            FileTrees.deleteQuietly(staging);
            if (created && !installed) {
                FileTrees.deleteQuietly(target);
            }
        }
    }

    /** Moves the complete table in {@code staging} into {@code out}, its {@code embeddings.json} last. */
    private static void install(Path staging, Path out) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(EmbeddingFiles.DESCRIPTION)); // no complete table until the last move
        if (!Files.exists(staging.resolve(EmbeddingExports.CONSENSUS))) {
            Files.deleteIfExists(out.resolve(EmbeddingExports.CONSENSUS));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()
                            .equals(EmbeddingFiles.DESCRIPTION)).thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        for (Path file : files) {
            Path to = out.resolve(staging.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.move(file, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
