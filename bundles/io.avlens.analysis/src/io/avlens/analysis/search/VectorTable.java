package io.avlens.analysis.search;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyDtype;
import io.avlens.core.tensor.NpyFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A search gallery: {@code rows × dimension} float32 vectors, row-major ({@code values[r * dimension + j]}), all
 * finite. Immutable: {@link #values()} is the table's own array, which callers must not change.
 */
public final class VectorTable {

    private final float[] values;
    private final int rows;
    private final int dimension;

    private VectorTable(float[] values, int rows, int dimension) {
        this.values = values;
        this.rows = rows;
        this.dimension = dimension;
    }

    /**
     * Wraps {@code values} (taken, not copied).
     *
     * @throws IllegalArgumentException when the length is not {@code rows * dimension} or a value is not finite
     */
    public static VectorTable of(float[] values, int rows, int dimension) {
        Objects.requireNonNull(values, "values");
        if (rows <= 0 || dimension <= 0 || (long) rows * dimension != values.length) {
            throw new IllegalArgumentException(rows + " rows x " + dimension + " dimensions do not fit " + values.length
                    + " values (both must be > 0)");
        }
        int bad = firstNonFinite(values);
        if (bad >= 0) {
            throw new IllegalArgumentException("row " + bad / dimension + " holds " + values[bad]
                    + "; a gallery needs finite values");
        }
        return new VectorTable(values, rows, dimension);
    }

    /** One modality of an embedding table as a gallery (a copy), row i being the table's item i. */
    public static VectorTable ofModality(EmbeddingTable table, String modality) {
        return of(table.modalityVectors(table.modality(modality)), table.size(), table.dimension());
    }

    /**
     * Reads an {@code [N, D]} array from a {@code .npy} file (float32, or float64 converted to float32).
     *
     * @throws IOException naming the file when it is not a NumPy array, has another rank or dtype, is empty or holds
     *                     a value that is not finite
     */
    public static VectorTable readNpy(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        int[] shape = array.shape();
        if (shape.length != 2) {
            throw new NpyFormatException(file.toString(), "a search gallery must be a 2-D array [N, D]; this one has "
                    + "shape " + Arrays.toString(shape));
        }
        if (array.dtype() != NpyDtype.FLOAT32 && array.dtype() != NpyDtype.FLOAT64) {
            throw new NpyFormatException(file.toString(), "a search gallery must be float32 (or float64); this one is "
                    + array.dtype().numpyName());
        }
        if (shape[0] == 0 || shape[1] == 0) {
            throw new NpyFormatException(file.toString(), "the array " + Arrays.toString(shape) + " is empty");
        }
        float[] values = array.toFloatTensor().toArray();
        int bad = firstNonFinite(values);
        if (bad >= 0) {
            throw new NpyFormatException(file.toString(), "row " + bad / shape[1] + " holds " + values[bad]
                    + "; a gallery needs finite values");
        }
        return new VectorTable(values, shape[0], shape[1]);
    }

    public int rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    /** The table's own array (do not change it). */
    public float[] values() {
        return values;
    }

    /** A copy of row r. */
    public float[] row(int r) {
        Objects.checkIndex(r, rows);
        return Arrays.copyOfRange(values, r * dimension, (r + 1) * dimension);
    }

    /** A copy whose rows have unit length (zero rows stay zero), for cosine similarity by inner product. */
    public VectorTable normalized() {
        float[] out = values.clone();
        for (int r = 0; r < rows; r++) {
            normalize(out, r * dimension, dimension);
        }
        return new VectorTable(out, rows, dimension);
    }

    /** Scales {@code v[offset, offset + n)} to unit length in place; a zero vector stays zero. */
    static void normalize(float[] v, int offset, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += (double) v[offset + j] * v[offset + j];
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int j = 0; j < n; j++) {
                v[offset + j] *= scale;
            }
        }
    }

    private static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
