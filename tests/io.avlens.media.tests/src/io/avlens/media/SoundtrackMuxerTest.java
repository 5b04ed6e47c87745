package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.media.MediaException.Problem;

/**
 * Putting a soundtrack onto its video, read back with FFmpeg: the video untouched frame for frame, the sound an
 * AAC track exactly as long as the video that still is the tone that went in.
 */
class SoundtrackMuxerTest {

    /** One AAC frame, samples: the allowed error of the track length (priming and padding). */
    private static final int AAC_FRAME = 1024;

    @TempDir
    Path dir;

    private static AudioSignal tone(int rate, double seconds, double frequency) {
        float[] s = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return new AudioSignal(s, rate);
    }

    /** A tone gliding from 300 Hz up by {@code rise} Hz a second: unlike a steady tone, it matches at one lag only. */
    private static AudioSignal sweep(int rate, double seconds, double rise) {
        float[] s = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * (300 * t + rise / 2 * t * t)));
        }
        return new AudioSignal(s, rate);
    }

    @Test
    void copiesTheVideoAndEncodesAShorterSoundtrackPaddedToItsLength() throws IOException {
        // the source has sound of its own (TestMedia's 440 Hz tone), which the soundtrack replaces
        Path source = TestMedia.mp4(dir.resolve("source.mp4"), 128, 96, 25, 3.0);
        AudioSignal soundtrack = sweep(16_000, 2.0, 1000);
        Path out = dir.resolve("out.mp4");
        SoundtrackMuxer.Result result = SoundtrackMuxer.mux(source, soundtrack, out);

        assertThat(result.videoCopied()).isTrue();
        assertThat(result.file()).isEqualTo(out.toAbsolutePath());
        assertThat(result.samples()).isEqualTo(48_000);
        MediaInfo before = MediaProbe.probe(source);
        MediaInfo after = MediaProbe.probe(out);
        assertThat(after.container()).contains("mp4");
        assertThat(after.video().codec()).isEqualTo("h264");
        assertThat(after.video().frames()).isEqualTo(before.video().frames()).isEqualTo(75);
        assertThat(after.audio().codec()).isEqualTo("aac");
        assertThat(after.audio().sampleRate()).isEqualTo(16_000);
        assertThat(after.audio().channels()).isEqualTo(1);
        // the copied stream decodes to bit-identical frames
        VideoSpec native25 = new VideoSpec(25, 128, 96, FrameFit.STRETCH);
        assertThat(new FrameReader(native25).read(out).tensor()).isEqualTo(new FrameReader(native25).read(source)
                .tensor());

        float[] back = AudioReader.read(out, 16_000).samples();
        assertThat(back.length).isCloseTo(48_000, within(AAC_FRAME));
        // the first 2 s are the sweep, in place, and the last second silence (padding)
        double[] match = bestMatch(Arrays.copyOf(back, 30_000), soundtrack.samples(), 2 * AAC_FRAME);
        assertThat(match[0]).as("correlation").isGreaterThan(0.98);
        assertThat(match[1]).as("lag, samples").isCloseTo(0, within(2.0));
        assertThat(new AudioSignal(Arrays.copyOfRange(back, 34_000, 46_000), 16_000).rms()).isLessThan(0.002);
        assertThat(Files.readAllBytes(source)).as("source untouched").isNotEmpty();
        assertThat(listing()).containsExactlyInAnyOrder("source.mp4", "out.mp4");
    }

    @Test
    void aLongerSoundtrackIsCutAtTheEndOfTheVideo() throws IOException {
        Path source = IndexedClips.indexedMp4(dir.resolve("source.mp4"), 64, 30, 60, 12);
        AudioSignal soundtrack = sweep(22_050, 5.0, 600);
        SoundtrackMuxer.Result result = SoundtrackMuxer.mux(source, soundtrack, dir.resolve("out.mp4"));
        assertThat(result.seconds()).isCloseTo(2.0, within(1e-9));
        assertThat(result.samples()).isEqualTo(44_100);
        float[] back = AudioReader.read(result.file(), 22_050).samples();
        assertThat(back.length).isCloseTo(44_100, within(AAC_FRAME));
        double[] match = bestMatch(Arrays.copyOf(back, 40_000), soundtrack.samples(), 2 * AAC_FRAME);
        assertThat(match[0]).isGreaterThan(0.98);
        assertThat(match[1]).isCloseTo(0, within(2.0));
        VideoFrames frames = new FrameReader(new VideoSpec(30, 64, 64, FrameFit.STRETCH)).read(result.file());
        assertThat(frames.count()).isEqualTo(60);
        for (int i = 0; i < 60; i++) {
            assertThat(IndexedClips.index(frames.tensor().toArray(), i * 64 * 64 * 3, 64, 64)).isEqualTo(i);
        }
    }

    @Test
    void aRateAacDoesNotDefineIsResampledTo48kHz() throws IOException {
        Path source = IndexedClips.indexedMp4(dir.resolve("source.mp4"), 64, 10, 20, 10);
        AudioSignal soundtrack = sweep(10_000, 2.0, 1000);
        SoundtrackMuxer.Result result = SoundtrackMuxer.mux(source, soundtrack, dir.resolve("out.mp4"));
        assertThat(result.sampleRate()).isEqualTo(48_000);
        assertThat(MediaProbe.probe(result.file()).audio().sampleRate()).isEqualTo(48_000);
        AudioSignal back = AudioReader.read(result.file(), 10_000);
        assertThat(back.samples().length).isCloseTo(20_000, within(AAC_FRAME));
        double[] match = bestMatch(Arrays.copyOf(back.samples(), 18_000), soundtrack.samples(), 1000);
        assertThat(match[0]).isGreaterThan(0.98);
        assertThat(match[1]).isCloseTo(0, within(2.0));
    }

    @Test
    void aCodecMp4CannotHoldIsReencodedFrameForFrame() throws IOException {
        // Ut Video (lossless, common in AVI) has no MP4 mapping
        Path source = IndexedClips.indexed(dir.resolve("source.avi"), "avi", "utvideo", 64, 64, 25, 50, 10);
        SoundtrackMuxer.Result result = SoundtrackMuxer.mux(source, tone(16_000, 2.0, 1000), dir.resolve("o.mp4"));
        assertThat(result.videoCopied()).isFalse();
        MediaInfo info = MediaProbe.probe(result.file());
        assertThat(info.video().codec()).isEqualTo("h264");
        assertThat(info.video().frames()).isEqualTo(50);
        assertThat(info.audio().codec()).isEqualTo("aac");
        VideoFrames frames = new FrameReader(new VideoSpec(25, 64, 64, FrameFit.STRETCH)).read(result.file());
        for (int i = 0; i < frames.count(); i++) {
            assertThat(IndexedClips.index(frames.tensor().toArray(), i * 64 * 64 * 3, 64, 64)).isEqualTo(i);
        }
        assertThat(listing()).containsExactlyInAnyOrder("source.avi", "o.mp4");
    }

    @Test
    void theSourceItselfCanBeReplaced() throws IOException {
        Path source = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 64, 10, 20, 10);
        SoundtrackMuxer.mux(source, tone(16_000, 2.0, 1000), source);
        MediaInfo info = MediaProbe.probe(source);
        assertThat(info.video().frames()).isEqualTo(20);
        assertThat(info.audio().codec()).isEqualTo("aac");
        assertThat(listing()).containsExactly("clip.mp4");
    }

    @Test
    void aTruncatedSourceFailsAndLeavesTheOutputAsItWas() throws IOException {
        // the index is at the start, so FFmpeg opens the file and finds the end missing only while copying
        byte[] whole = Files.readAllBytes(IndexedClips.indexed(dir.resolve("whole.mp4"), "mp4", "libopenh264", 128,
                128, 30, 90, 12, true));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        Path out = Files.writeString(dir.resolve("out.mp4"), "the previous result");
        MediaException e = catchThrowableOfType(MediaException.class,
                () -> SoundtrackMuxer.mux(cut, tone(16_000, 1, 1000), out));
        assertThat(e.problem()).isEqualTo(Problem.UNREADABLE);
        assertThat(e.getMessage()).startsWith(cut + ": the video stops at ").contains("truncated");
        assertThat(Files.readString(out)).isEqualTo("the previous result");
        assertThat(listing()).containsExactlyInAnyOrder("whole.mp4", "cut.mp4", "out.mp4");
    }

    @Test
    void badSourcesAreReportedAndNothingIsWritten() throws IOException {
        AudioSignal sound = tone(16_000, 1, 1000);
        Path out = dir.resolve("out.mp4");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video\n".repeat(40));
        assertThat(catchThrowableOfType(MediaException.class, () -> SoundtrackMuxer.mux(text, sound, out))
                .problem()).isEqualTo(Problem.UNREADABLE);
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0,
                org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE, 16_000, 1);
        assertThat(catchThrowableOfType(MediaException.class, () -> SoundtrackMuxer.mux(wav, sound, out))
                .problem()).isEqualTo(Problem.NO_VIDEO);
        assertThat(catchThrowableOfType(MediaException.class,
                () -> SoundtrackMuxer.mux(dir.resolve("missing.mp4"), sound, out)).problem())
                .isEqualTo(Problem.NOT_FOUND);
        assertThat(listing()).containsExactlyInAnyOrder("notes.mp4", "tone.wav");
    }

    @Test
    void aFolderAsOutputIsRefused() throws IOException {
        Path source = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 64, 10, 10, 10);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        IOException e = catchThrowableOfType(IOException.class,
                () -> SoundtrackMuxer.mux(source, tone(16_000, 1, 1000), folder));
        assertThat(e.getMessage()).startsWith(folder.toAbsolutePath() + ": ");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /**
     * The largest normalised cross-correlation of {@code a} with {@code b} shifted by lags in
     * {@code [-maxLag, maxLag]}, and that lag: {@code {correlation, lag}}.
     */
    static double[] bestMatch(float[] a, float[] b, int maxLag) {
        double[] best = {-1, 0};
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
                ab += a[i] * (double) b[i + lag];
                aa += a[i] * (double) a[i];
                bb += b[i + lag] * (double) b[i + lag];
            }
            double r = aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
            if (r > best[0]) {
                best = new double[] {r, lag};
            }
        }
        return best;
    }
}
