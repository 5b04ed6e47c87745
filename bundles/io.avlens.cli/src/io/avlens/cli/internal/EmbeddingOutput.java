package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingExports;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CommandException;

/**
 * The folder {@code avlens embed --out E/} writes: the table ({@link EmbeddingFiles}), {@code consensus.npy}
 * anchored on the model's anchor ({@link EmbeddingTable#consensusAnchor()}), {@code items.parquet}
 * ({@link ItemsParquet}) and the TensorBoard-projector export. Each file is written atomically and
 * {@code embeddings.json} last (an older one is removed first), so a folder holding the JSON always holds a complete
 * table of one run.
 */
final class EmbeddingOutput {

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
                if (s.findAny().isPresent()) {
                    throw new CommandException(out + ": holds other files and no embedding table ("
                            + EmbeddingFiles.DESCRIPTION + "); choose a new or empty folder, nothing was written");
                }
            } catch (IOException e) {
                throw new CommandException(out + ": cannot list the folder: " + e.getMessage());
            }
        }
    }

    /**
     * Writes everything; {@code extra} goes into {@code embeddings.json}. {@code table} is the one the runner's embed
     * stage wrote ({@link io.avlens.models.embedding.EmbeddingTableTask}), whose labels already carry each pair's
     * similarity and the agreement ({@link EmbeddingExports#withScores}), so nothing is scored again here.
     */
    static void write(Path out, EmbeddingTable table, JsonObject extra) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(EmbeddingFiles.DESCRIPTION));
        EmbeddingExports.writeProjector(out, table);
        float[] consensus = null;
        if (EmbeddingExports.writeConsensus(out, table)) {
            consensus = table.consensus(table.consensusAnchor());
        } else {
            Files.deleteIfExists(out.resolve(EmbeddingExports.CONSENSUS));
        }
        ItemsParquet.write(out.resolve(ItemsParquet.FILE), table, consensus);
        EmbeddingFiles.write(out, table, extra);
    }
}
