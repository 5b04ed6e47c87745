package io.avlens.analysis.similarity;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyFormatException;

/**
 * Similarity volumes on disk: NumPy {@code .npy} (float32 {@code [Ta, Tv]}, rows audio time, as {@code numpy.load}
 * reads it) and CSV for spreadsheets. Writes are atomic (the file appears whole or not at all); errors name the
 * file. Stateless and thread-safe.
 */
public final class SimilarityFiles {

    private SimilarityFiles() {
    }

    /**
     * Reads a {@code [Ta, Tv]} array of any NumPy dtype AV Lens reads (float, integer, bool) as float32.
     *
     * @throws NpyFormatException when the file is not an .npy file or not a non-empty 2-D real array; the message
     *                            names the file and the problem
     * @throws IOException        when it cannot be read
     */
    public static FloatTensor readNpy(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        int[] shape = array.shape();
        if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new NpyFormatException(file.toString(), "a similarity volume must be a non-empty 2-D array "
                    + "[audio steps, video steps], but this one has shape " + Arrays.toString(shape));
        }
        return array.toFloatTensor();
    }

    /** Writes {@code volume.values()} as float32 .npy, atomically. */
    public static void writeNpy(Path file, SimilarityVolume volume) throws IOException {
        Npy.write(file, volume.values());
    }

    /**
     * Writes CSV, atomically: a header {@code audio_s\video_s} followed by the video times, then one line per audio
     * step, its time followed by its similarities.
     */
    public static void writeCsv(Path file, SimilarityVolume volume) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder("audio_s\\video_s");
            for (int j = 0; j < volume.videoSteps(); j++) {
                line.append(',').append(seconds(volume.videoTime(j)));
            }
            w.write(line.append('\n').toString());
            for (int i = 0; i < volume.audioSteps(); i++) {
                line.setLength(0);
                line.append(seconds(volume.audioTime(i)));
                for (int j = 0; j < volume.videoSteps(); j++) {
                    line.append(',').append(volume.get(i, j));
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

    private static String seconds(double t) {
        return String.format(Locale.ROOT, "%.6f", t);
    }
}
