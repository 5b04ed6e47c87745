package io.avlens.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.Profiles;

/** The benchmark's bookkeeping (its speeds are reported, never asserted). */
class DecodeBenchmarkTest {

    @TempDir
    Path dir;

    private Path clip() throws IOException {
        Path file = dir.resolve("clip.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 160, 90, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(30);
            recorder.start();
            Frame frame = new Frame(160, 90, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < 45; i++) {
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }

    @Test
    void measuresTheReaderAndSaysWhenThereIsNoReference() throws Exception {
        DecodeBenchmark.Result r = DecodeBenchmark.run(clip(), Profiles.AVSHAPES_SMALL.video(), 1, 2,
                Optional.empty());
        assertThat(r.sourceFrames()).isEqualTo(45);
        assertThat(r.runs()).isEqualTo(2);
        assertThat(r.threads()).isEqualTo(1);
        assertThat(r.readerSeconds()).isPositive();
        assertThat(r.readerFramesPerSecond()).isEqualTo(45 / r.readerSeconds());
        assertThat(r.referenceAvailable()).isFalse();
        assertThat(r.reference()).startsWith("unavailable");
        assertThat(r.ratio()).isNaN();
    }

    @Test
    void comparesWithTheCommandLineWhenItIsInstalled() throws Exception {
        Optional<Path> ffmpeg = DecodeBenchmark.findOnPath("ffmpeg");
        DecodeBenchmark.Result r = DecodeBenchmark.run(clip(), Profiles.AVSHAPES_SMALL.video(), 1, 1, ffmpeg);
        assertThat(r.referenceAvailable()).isEqualTo(ffmpeg.isPresent());
        if (ffmpeg.isPresent()) {
            assertThat(r.reference()).startsWith("ffmpeg ").contains(ffmpeg.get().toString());
            assertThat(r.cliSeconds()).isPositive().isLessThanOrEqualTo(r.cliWallSeconds());
            assertThat(r.ratio()).isEqualTo(r.cliSeconds() / r.readerSeconds());
        }
    }

    @Test
    void aMissingExecutableIsNotFoundOnThePath() {
        assertThat(DecodeBenchmark.findOnPath("no-such-tool-avlens")).isEmpty();
    }
}
