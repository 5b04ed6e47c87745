package io.avlens.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyFormatException;

/** Volumes written and read back; bad files are reported naming the file and the problem. */
class SimilarityFilesTest {

    @TempDir
    Path dir;

    private static SimilarityVolume small() {
        return SimilarityVolume.of(FloatTensor.of(new int[] {2, 3}, 0.5f, -1, 0.25f, 1, 0, -0.125f),
                TimeBase.ofRate(4), new TimeBase(0.5, 0.5));
    }

    @Test
    void npyRoundTripsExactly() throws IOException {
        Path file = dir.resolve("s.npy");
        SimilarityFiles.writeNpy(file, small());
        assertThat(SimilarityFiles.readNpy(file)).isEqualTo(small().values());
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
    }

    @Test
    void csvHasTimesInTheHeaderAndFirstColumn() throws IOException {
        Path file = dir.resolve("s.csv");
        SimilarityFiles.writeCsv(file, small());
        assertThat(Files.readAllLines(file)).containsExactly(
                "audio_s\\video_s,0.500000,1.000000,1.500000",
                "0.000000,0.5,-1.0,0.25",
                "0.250000,1.0,0.0,-0.125");
    }

    @Test
    void float64AndIntegerArraysAreRead() throws IOException {
        Path file = dir.resolve("d.npy");
        Npy.write(file, NpyArray.ofDoubles(new int[] {1, 2}, new double[] {0.25, -2}));
        assertThat(SimilarityFiles.readNpy(file).toArray()).containsExactly(0.25f, -2f);
    }

    @Test
    void wrongRankAndNonNpyFilesAreRejectedNamingTheFile() throws IOException {
        Path cube = dir.resolve("cube.npy");
        Npy.write(cube, FloatTensor.zeros(2, 2, 2));
        assertThatThrownBy(() -> SimilarityFiles.readNpy(cube)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining(cube.toString()).hasMessageContaining("[2, 2, 2]");
        Path text = dir.resolve("notes.npy");
        Files.write(text, List.of("time,similarity", "0.0,0.5", "0.125,0.25"));
        assertThatThrownBy(() -> SimilarityFiles.readNpy(text)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("magic");
    }
}
