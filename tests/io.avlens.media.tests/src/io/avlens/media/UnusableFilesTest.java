package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.media.MediaException.Problem;

/**
 * Files a user may hand AV Lens that are no clip: every message names the file and says what is wrong in words,
 * never JavaCV's advice to programmers, and a named pipe or a device is recognised without opening it (which would
 * block or never end).
 */
class UnusableFilesTest {

    private static final FrameReader READER = new FrameReader(new VideoSpec(8, 16, 16, FrameFit.CENTER_CROP));

    @TempDir
    Path dir;

    @Test
    void randomBytesNamedMp4() throws IOException {
        byte[] noise = new byte[8192];
        new Random(3).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);
        for (MediaException e : all(file)) {
            assertWords(e, file, Problem.UNREADABLE, "is not a media file FFmpeg can read", "no video or audio");
            assertThat(e.getMessage()).contains("(FFmpeg: ");
        }
    }

    @Test
    void anMp4CutInHalf() throws IOException {
        byte[] whole = Files.readAllBytes(TestMedia.mp4(dir.resolve("whole.mp4"), 64, 48, 8, 2.0));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        for (MediaException e : all(cut)) {
            assertWords(e, cut, Problem.UNREADABLE, "is truncated or damaged: its MP4/QuickTime boxes run to byte ",
                    "but the file ends at byte " + String.format(java.util.Locale.ROOT, "%,d", whole.length / 2));
        }
    }

    @Test
    void anMp4WithItsIndexFirstCutInHalfIsTruncatedForTheProbe() throws IOException {
        byte[] whole = Files.readAllBytes(IndexedClips.indexed(dir.resolve("whole.mp4"), "mp4", "libopenh264", 64,
                64, 30, 30, 12, true));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        MediaException e = catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(cut));
        assertWords(e, cut, Problem.UNREADABLE, "is truncated or damaged", "boxes run to byte");
    }

    @Test
    void aNamedPipeIsNotOpened() throws Exception {
        Path fifo = dir.resolve("pipe.mp4");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        for (MediaException e : all(fifo)) {
            assertWords(e, fifo, Problem.NOT_A_FILE, "is a named pipe (FIFO), not a file");
        }
    }

    @Test
    void devicesAreNotFiles() {
        for (String device : new String[] {"/dev/null", "/dev/zero"}) {
            for (MediaException e : all(Path.of(device))) {
                assertWords(e, Path.of(device), Problem.NOT_A_FILE, "is a device, not a file");
            }
        }
    }

    /** The error of the probe, the frame reader, the frame source and the audio reader. */
    private static MediaException[] all(Path file) {
        return new MediaException[] {
            catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(file)),
            catchThrowableOfType(MediaException.class, () -> READER.read(file)),
            catchThrowableOfType(MediaException.class, () -> FrameSource.open(file).close()),
            catchThrowableOfType(MediaException.class, () -> AudioReader.read(file, 16_000))};
    }

    private static void assertWords(MediaException e, Path file, Problem problem, String... words) {
        assertThat(e).as("reading %s", file).isNotNull();
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file + ": ").contains(words)
                .doesNotContain("setFormat", "FFmpegLogCallback", "avformat_open_input", "JavaCV");
    }
}
