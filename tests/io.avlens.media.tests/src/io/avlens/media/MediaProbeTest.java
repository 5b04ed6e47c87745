package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.media.MediaException.Problem;

/** Probing media files made here with FFmpeg, and every way a file can be unusable. */
class MediaProbeTest {

    @TempDir
    Path dir;

    @Test
    void describesAnH264AacClip() throws IOException {
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 64, 48, 8, 2.0);
        MediaInfo info = MediaProbe.probe(clip);
        assertThat(info.path()).isEqualTo(clip);
        assertThat(info.container()).contains("mp4");
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.15));
        assertThat(info.video()).isNotNull();
        assertThat(info.video().width()).isEqualTo(64);
        assertThat(info.video().height()).isEqualTo(48);
        assertThat(info.video().fps()).isCloseTo(8.0, within(1e-6));
        assertThat(info.video().codec()).isEqualTo("h264");
        assertThat(info.video().frames()).isEqualTo(16);
        assertThat(info.audio()).isNotNull();
        assertThat(info.audio().sampleRate()).isEqualTo(16_000);
        assertThat(info.audio().channels()).isEqualTo(1);
        assertThat(info.audio().codec()).isEqualTo("aac");
    }

    @Test
    void aClipWithoutSoundHasNoAudio() throws IOException {
        Path clip = TestMedia.write(dir.resolve("silent.mp4"), "mp4", "mpeg4", 32, 32, 10, -1, 0, 1.0);
        MediaInfo info = MediaProbe.probe(clip);
        assertThat(info.hasVideo()).isTrue();
        assertThat(info.video().codec()).isEqualTo("mpeg4");
        assertThat(info.video().frames()).isEqualTo(10);
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void aWaveFileHasNoVideo() throws IOException {
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE,
                22_050, 1.5);
        MediaInfo info = MediaProbe.probe(wav);
        assertThat(info.hasVideo()).isFalse();
        assertThat(info.audio().sampleRate()).isEqualTo(22_050);
        assertThat(info.audio().codec()).isEqualTo("pcm_s16le");
        assertThat(info.durationSeconds()).isCloseTo(1.5, within(0.01));
    }

    @Test
    void aMissingFileIsNotFound() {
        assertProblem(dir.resolve("nowhere.mp4"), Problem.NOT_FOUND, "no such file");
    }

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        assertProblem(Files.createFile(dir.resolve("empty.mp4")), Problem.EMPTY, "the file is empty (0 bytes)");
    }

    @Test
    void aTextFileNamedTxtIsNotTakenForTextArtVideo() throws IOException {
        // FFmpeg's tty demuxer opens .txt files as 640x400 "ansi" video; AV Lens says what the file is
        Path text = Files.writeString(dir.resolve("notes.txt"), "a shopping list, not a video\n".repeat(50));
        assertProblem(text, Problem.UNREADABLE, "is a text file, not a clip (FFmpeg would draw it as ansi text art)");
    }

    @Test
    void aTextFileIsUnreadable() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "a shopping list, not a video\n".repeat(50));
        assertProblem(text, Problem.UNREADABLE, "is not a media file FFmpeg can read");
    }

    @Test
    void aTruncatedClipIsUnreadable() throws IOException {
        byte[] whole = Files.readAllBytes(TestMedia.mp4(dir.resolve("whole.mp4"), 64, 48, 8, 2.0));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 3));
        assertProblem(cut, Problem.UNREADABLE, "corrupt, truncated");
    }

    @Test
    void aFolderIsNotAMediaFile() {
        assertProblem(dir, Problem.UNREADABLE, "is a folder");
    }

    @Test
    void ffmpegReportsItsVersion() {
        assertThat(MediaProbe.ffmpegVersion()).startsWith("8.0");
    }

    private static void assertProblem(Path file, Problem problem, String words) {
        MediaException e = catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(file));
        assertThat(e).as("probing %s", file).isNotNull();
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file + ": ").contains(words);
    }
}
