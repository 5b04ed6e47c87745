package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;

class VideoWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesFramesAndSoundThatReadBack() throws Exception {
        Path file = dir.resolve("out.mp4");
        int w = 32;
        int h = 16;
        float[] tone = new float[16_000 * 2];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        try (VideoWriter writer = new VideoWriter(file, w, h, 8, 16_000)) {
            for (int k = 0; k < 16; k++) {
                int[] argb = new int[w * h];
                java.util.Arrays.fill(argb, k < 8 ? 0xffff0000 : 0xff0000ff);
                writer.frame(argb);
            }
            writer.finish(tone);
        }
        MediaInfo info = MediaProbe.probe(file);
        assertThat(info.video().width()).isEqualTo(w);
        assertThat(info.video().height()).isEqualTo(h);
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.15));
        VideoFrames frames = new FrameReader(new VideoSpec(8, w, h, FrameFit.STRETCH)).read(file);
        assertThat(frames.count()).isEqualTo(16);
        int first = frames.argb(0)[w * h / 2];
        int last = frames.argb(15)[w * h / 2];
        assertThat((first >> 16) & 0xff).as("red first").isGreaterThan(200);
        assertThat(last & 0xff).as("blue last").isGreaterThan(200);
        AudioSignal sound = AudioReader.read(file, 16_000);
        assertThat(sound.rms()).isCloseTo(0.5 / Math.sqrt(2), within(0.05));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(file);
        }
    }

    @Test
    void anUnfinishedFileLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("half.mp4");
        try (VideoWriter writer = new VideoWriter(file, 16, 16, 8, 0)) {
            writer.frame(new int[256]);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }
}
