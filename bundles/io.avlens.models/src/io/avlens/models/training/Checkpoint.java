package io.avlens.models.training;

import io.avlens.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training's {@value #FILE} in its output folder: the family, the seed, the step, then the family's state
 * (parameters and optimizer moments, written by its {@link TrainingLoop.Trainee}); since AV Lens 0.2 also the
 * engine's intra-op thread count the run computes with (0: none recorded), because a threaded engine sums in an
 * order that depends on it. Replaced atomically, so an
 * interrupted write leaves the previous checkpoint. Checkpoints of AV Lens 0.1 (CAVP only, no family) are read as
 * family {@code cavp}. Stateless.
 */
public final class Checkpoint {

    /** The checkpoint's file name in an output folder. */
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x41565452; // "AVTR"
    private static final int CAVP_MAGIC = 0x41564350; // "AVCP": before trainers were families
    /** With the engine's thread count after the step: a resumed run computes with the count of the first. */
    private static final int THREADS_MAGIC = 0x41565432; // "AVT2"

    /**
     * What a checkpoint is of.
     *
     * @param family the trainer's family id
     * @param seed   the run's seed
     * @param step   steps done
     */
    public record Header(String family, long seed, int step) {
    }

    /** Writes the state of {@code family}'s run. */
    public interface StateWriter {
        /** Writes the trainee's state after the header. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the state back. */
    public interface StateReader {
        /** Reads what the writer wrote; {@code source} names the file in errors. */
        void read(DataInputStream in, String source) throws IOException;
    }

    private Checkpoint() {
    }

    /**
     * The header of {@code outDir}'s checkpoint, or null when there is none.
     *
     * @throws IOException naming the file when it is not a training checkpoint
     */
    public static Header header(Path outDir) throws IOException {
        Path file = outDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return header(data, file);
        }
    }

    /** The step of {@code outDir}'s checkpoint, or -1 when there is none. */
    public static int step(Path outDir) throws IOException {
        Header h = header(outDir);
        return h == null ? -1 : h.step();
    }

    /**
     * The engine thread count {@code outDir}'s checkpoint was computed with, or 0 when it records none (written
     * before 0.2, or by a family without a threaded engine) or there is no checkpoint.
     */
    public static int threads(Path outDir) throws IOException {
        Path file = outDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int[] threads = new int[1];
            header(data, file, threads);
            return threads[0];
        }
    }

    private static Header header(DataInputStream data, Path file) throws IOException {
        return header(data, file, new int[1]);
    }

    private static Header header(DataInputStream data, Path file, int[] threads) throws IOException {
        try {
            int magic = data.readInt();
            if (magic != MAGIC && magic != CAVP_MAGIC && magic != THREADS_MAGIC) {
                throw new IOException(file + ": not a training checkpoint");
            }
            String family = magic == CAVP_MAGIC ? "cavp" : data.readUTF();
            long seed = data.readLong();
            Header h = new Header(family, seed, data.readInt());
            threads[0] = magic == THREADS_MAGIC ? data.readInt() : 0;
            return h;
        } catch (EOFException e) {
            throw new IOException(file + ": not a training checkpoint (too short)", e);
        }
    }

    /** Replaces {@code outDir}'s checkpoint atomically. */
    public static void write(Path outDir, Header header, StateWriter state) throws IOException {
        write(outDir, header, 0, state);
    }

    /** Replaces {@code outDir}'s checkpoint atomically, recording the engine's thread count (0: none). */
    public static void write(Path outDir, Header header, int threads, StateWriter state) throws IOException {
        AtomicFiles.write(outDir.resolve(FILE), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            data.writeInt(threads > 0 ? THREADS_MAGIC : MAGIC);
            data.writeUTF(header.family());
            data.writeLong(header.seed());
            data.writeInt(header.step());
            if (threads > 0) {
                data.writeInt(threads);
            }
            state.write(data);
            data.flush();
        });
    }

    /**
     * Restores a run from {@code outDir}'s checkpoint; returns its step.
     *
     * @throws IOException naming the file when it is of another family or seed, or beyond {@code steps}
     */
    public static int read(Path outDir, String family, long seed, int steps, StateReader state) throws IOException {
        Path file = outDir.resolve(FILE);
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in));
            Header h = header(data, file);
            if (!h.family().equals(family)) {
                throw new IOException(file + ": checkpoint of family " + h.family() + ", this run trains " + family
                        + "; use another output folder");
            }
            if (h.seed() != seed) {
                throw new IOException(file + ": checkpoint of seed " + h.seed() + ", this run has seed " + seed
                        + "; use another output folder");
            }
            if (h.step() > steps) {
                throw new IOException(file + ": checkpoint of step " + h.step() + ", beyond the " + steps
                        + " steps of this run; set at least " + h.step() + " steps to continue it");
            }
            state.read(data, file.toString());
            return h.step();
        }
    }
}
