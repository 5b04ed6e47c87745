package io.avlens.media;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.Profiles;
import io.avlens.core.profile.VideoSpec;
import io.avlens.media.MediaException.Problem;

/**
 * Every way a file can be unusable for {@link FrameReader} and {@link FrameSource}: a typed problem, a message
 * that starts with the file and says what is wrong.
 */
class FrameReaderBadInputTest {

    private static final FrameReader READER = new FrameReader(Profiles.AVSHAPES_SMALL.video());

    @TempDir
    Path dir;

    @Test
    void aMissingFile() {
        assertBoth(dir.resolve("nowhere.mp4"), Problem.NOT_FOUND, "no such file");
    }

    @Test
    void anEmptyFile() throws IOException {
        assertBoth(Files.createFile(dir.resolve("empty.mp4")), Problem.EMPTY, "the file is empty");
    }

    @Test
    void aTextFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "a shopping list, not a video\n".repeat(50));
        assertBoth(text, Problem.UNREADABLE, "is not a media file FFmpeg can read");
    }

    @Test
    void anMp4CutBeforeItsIndex() throws IOException {
        // FFmpegFrameRecorder writes the index (moov) last: a cut file cannot even be opened
        byte[] whole = Files.readAllBytes(TestMedia.mp4(dir.resolve("whole.mp4"), 64, 48, 8, 2.0));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 3));
        assertBoth(cut, Problem.UNREADABLE, "corrupt, truncated");
    }

    @Test
    void anMp4CutAfterItsIndex() throws IOException {
        // with the index first the file opens and says 3 s, but the frames stop about halfway
        byte[] whole = Files.readAllBytes(IndexedClips.indexed(dir.resolve("whole.mp4"), "mp4", "libopenh264", 128,
                128, 30, 90, 12, true));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        assertProblem(cut, Problem.UNREADABLE, "truncated or corrupt", READER::read);
        assertThat(READER.read(cut, 0, 0.5).count()).as("the part before the cut is readable").isEqualTo(4);
        try (FrameSource source = FrameSource.open(cut)) {
            assertThat(IndexedClips.index(source.frameAt(0.2, 64, 64).argb(), 64, 64)).isEqualTo(6);
            MediaException e = catchThrowableOfType(MediaException.class, () -> source.frameAt(2.9, 64, 64));
            assertThat(e.problem()).isEqualTo(Problem.UNREADABLE);
            assertThat(e.getMessage()).startsWith(cut + ": the video stops at ");
        }
    }

    @Test
    void aWaveFileHasNoVideo() throws IOException {
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE,
                22_050, 1.5);
        assertBoth(wav, Problem.NO_VIDEO, "holds no video stream");
    }

    @Test
    void aVideoWithoutFrames() throws IOException {
        Path y4m = Files.writeString(dir.resolve("none.y4m"), "YUV4MPEG2 W64 H64 F25:1 Ip A1:1 C420jpeg\n");
        assertBoth(y4m, Problem.ZERO_LENGTH, "no duration");
    }

    @Test
    void aCodecWithoutDecoder() throws IOException {
        // an MPEG-4 AVI whose codec tag is replaced by one no FFmpeg knows
        Path avi = dir.resolve("clip.avi");
        IndexedClips.indexed(avi, "avi", "mpeg4", 64, 64, 25, 10, 10);
        String bytes = new String(Files.readAllBytes(avi), ISO_8859_1);
        assertThat(bytes).contains("FMP4");
        Path unknown = Files.write(dir.resolve("unknown.avi"), bytes.replace("FMP4", "QQQQ").getBytes(ISO_8859_1));
        assertBoth(unknown, Problem.UNSUPPORTED_CODEC, "cannot decode (none, tag QQQQ)");
    }

    @Test
    void anAbsurdFrameSize() throws IOException {
        assertBoth(y4m("wide.y4m", 17_000, 16, "25:1"), Problem.IMPLAUSIBLE, "frame size 17000x16 is not plausible");
    }

    @Test
    void anAbsurdFrameRate() throws IOException {
        assertBoth(y4m("fast.y4m", 16, 16, "5000:1"), Problem.IMPLAUSIBLE, "frame rate 5000.000 fps");
    }

    @Test
    void aTimeRangeOutsideTheVideo() throws IOException {
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 64, 10, 30, 10);
        assertProblem(clip, Problem.OUT_OF_RANGE, "the time range 5.000 s + 1.000 s lies outside the video (0 to "
                + "3.000 s)", f -> READER.read(f, 5, 1));
        assertProblem(clip, Problem.OUT_OF_RANGE, "lies outside the video", f -> READER.read(f, 3.0, 1));
        assertProblem(clip, Problem.OUT_OF_RANGE, "lies outside the video", f -> READER.read(f, -0.5, 1));
        assertThatThrownBy(() -> READER.read(clip, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> READER.read(clip, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framesThatDoNotFitInMemory() throws IOException {
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 64, 10, 30, 10);
        FrameReader huge = new FrameReader(new VideoSpec(1000, 1024, 1024, FrameFit.STRETCH));
        assertProblem(clip, Problem.TOO_LONG, "3000 frames of 1024x1024 do not fit in memory", huge::read);
    }

    /** Something done to a file. */
    @FunctionalInterface
    private interface Action {
        void accept(Path file) throws IOException;
    }

    private Path y4m(String name, int width, int height, String rate) throws IOException {
        byte[] header = ("YUV4MPEG2 W" + width + " H" + height + " F" + rate + " Ip A1:1 C420jpeg\nFRAME\n")
                .getBytes(US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + width * height * 3 / 2);
        return Files.write(dir.resolve(name), file);
    }

    /** The same problem from the reader and from a frame source. */
    private static void assertBoth(Path file, Problem problem, String words) {
        assertProblem(file, problem, words, READER::read);
        assertProblem(file, problem, words, f -> FrameSource.open(f).close());
    }

    private static void assertProblem(Path file, Problem problem, String words, Action action) {
        MediaException e = catchThrowableOfType(MediaException.class, () -> action.accept(file));
        assertThat(e).as("reading %s", file).isNotNull();
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file + ": ").contains(words);
    }
}
