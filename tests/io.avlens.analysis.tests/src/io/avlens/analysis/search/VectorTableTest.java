package io.avlens.analysis.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorTableTest {

    @Test
    void readsAFloat32MatrixAndNamesTheFileOfEveryBadOne(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.npy");
        Npy.write(good, FloatTensor.wrap(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        VectorTable t = VectorTable.readNpy(good);
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.dimension()).isEqualTo(3);
        assertThat(t.row(1)).containsExactly(4, 5, 6);

        Path cube = dir.resolve("cube.npy");
        Npy.write(cube, FloatTensor.wrap(new int[] {1, 2, 3}, new float[6]));
        assertThatThrownBy(() -> VectorTable.readNpy(cube)).hasMessageContaining("cube.npy")
                .hasMessageContaining("2-D").hasMessageContaining("[1, 2, 3]");

        Path ints = dir.resolve("ints.npy");
        Npy.write(ints, NpyArray.ofInts(new int[] {2, 2}, new int[] {1, 2, 3, 4}));
        assertThatThrownBy(() -> VectorTable.readNpy(ints)).hasMessageContaining("ints.npy")
                .hasMessageContaining("float32").hasMessageContaining("int32");

        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, FloatTensor.wrap(new int[] {2, 2}, new float[] {0, 0, Float.NaN, 1}));
        assertThatThrownBy(() -> VectorTable.readNpy(nan)).hasMessageContaining("nan.npy")
                .hasMessageContaining("row 1").hasMessageContaining("finite");

        Path empty = dir.resolve("empty.npy");
        Npy.write(empty, FloatTensor.wrap(new int[] {0, 4}, new float[0]));
        assertThatThrownBy(() -> VectorTable.readNpy(empty)).hasMessageContaining("empty.npy")
                .hasMessageContaining("empty");

        Path text = dir.resolve("notes.npy");
        Files.writeString(text, "not numpy at all");
        assertThatThrownBy(() -> VectorTable.readNpy(text)).hasMessageContaining("notes.npy");
    }

    @Test
    void normalisedRowsHaveUnitLengthAndZeroRowsStayZero() {
        VectorTable t = VectorTable.of(new float[] {3, 4, 0, 0}, 2, 2).normalized();
        assertThat(t.row(0)).containsExactly(0.6f, 0.8f);
        assertThat(t.row(1)).containsExactly(0f, 0f);
    }
}
