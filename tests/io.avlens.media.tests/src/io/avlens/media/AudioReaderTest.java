package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.media.MediaException.Problem;

/** Decoding to mono float at a model's rate, checked on tones whose content is known exactly. */
class AudioReaderTest {

    /** TestMedia's tone: 440 Hz at amplitude 8000/32768. */
    private static final double TONE_RMS = 8000 / 32768.0 / Math.sqrt(2);

    @TempDir
    Path dir;

    @Test
    void resamplesAToneKeepingItsPitchLevelAndLength() throws IOException {
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE,
                22_050, 1.5);
        AudioSignal signal = AudioReader.read(wav, 16_000);
        assertThat(signal.sampleRate()).isEqualTo(16_000);
        assertThat(signal.samples().length).isCloseTo(24_000, within(240));
        assertThat(signal.rms()).isCloseTo(TONE_RMS, within(0.005));
        assertThat(risingZeroCrossings(signal.samples())).isCloseTo(660, within(3));
        double atTone = goertzel(signal.samples(), 16_000, 440);
        assertThat(atTone).isGreaterThan(100 * goertzel(signal.samples(), 16_000, 1_000));
    }

    @Test
    void atTheFileRateTheSamplesAreTheFileSamples() throws IOException {
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE,
                22_050, 0.5);
        float[] s = AudioReader.read(wav, 22_050).samples();
        assertThat(s).hasSize(11_025);
        for (int i = 0; i < s.length; i += 97) {
            double expected = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 22_050)) / 32768.0;
            assertThat((double) s[i]).as("sample %d", i).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void reportsTheSamplesDecodedAgainstTheStreamsLengthAndStopsWhenAsked() throws IOException {
        Path wav = TestMedia.write(dir.resolve("tone.wav"), "wav", null, 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE,
                22_050, 1.5);
        java.util.List<long[]> calls = new java.util.ArrayList<>();
        AudioSignal signal = AudioReader.read(wav, 16_000, (done, expected) -> calls.add(new long[] {done, expected}));
        assertThat(calls).hasSizeGreaterThan(1);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
        }
        long[] last = calls.get(calls.size() - 1);
        assertThat(last[0]).isEqualTo(signal.samples().length);
        assertThat(last[1]).as("1.5 s at 16 kHz").isCloseTo(24_000L, within(240L));
        assertThat(AudioReader.read(wav, 16_000).samples()).isEqualTo(signal.samples());

        int[] frames = {0};
        java.util.concurrent.CancellationException stopped = catchThrowableOfType(
                java.util.concurrent.CancellationException.class,
                () -> AudioReader.read(wav, 16_000, (done, expected) -> ++frames[0] < 2));
        assertThat(stopped).hasMessageContaining("tone.wav").hasMessageContaining("stopped after");
        assertThat(frames[0]).isEqualTo(2);
    }

    @Test
    void stereoIsMixedToMono() throws IOException {
        Path wav = dir.resolve("stereo.wav");
        int rate = 16_000;
        short[] interleaved = new short[2 * rate];
        for (int i = 0; i < rate; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            interleaved[2 * i] = v;
            interleaved[2 * i + 1] = (short) -v; // opposite phase: the mono mix cancels
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(wav.toFile(), 2)) {
            recorder.setFormat("wav");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleRate(rate);
            recorder.start();
            recorder.recordSamples(rate, 2, ShortBuffer.wrap(interleaved));
            recorder.stop();
        }
        AudioSignal mono = AudioReader.read(wav, rate);
        assertThat(mono.samples()).hasSize(rate);
        assertThat(mono.rms()).isLessThan(0.001);
    }

    @Test
    void readsTheAacTrackOfAnMp4() throws IOException {
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 64, 48, 8, 2.0);
        AudioSignal signal = AudioReader.read(clip, 16_000);
        assertThat(signal.durationSeconds()).isCloseTo(2.0, within(0.07));
        assertThat(risingZeroCrossings(signal.samples())).isCloseTo(880, within(12));
    }

    @Test
    void aFileWithoutSoundIsReported() throws IOException {
        Path silent = TestMedia.write(dir.resolve("silent.mp4"), "mp4", "mpeg4", 32, 32, 10, -1, 0, 1.0);
        MediaException e = catchThrowableOfType(MediaException.class, () -> AudioReader.read(silent, 16_000));
        assertThat(e.problem()).isEqualTo(Problem.NO_AUDIO);
        assertThat(e.getMessage()).isEqualTo(silent + ": holds no audio stream");
    }

    static int risingZeroCrossings(float[] s) {
        int n = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Magnitude of one DFT bin at {@code frequency} (Goertzel). */
    static double goertzel(float[] s, int rate, double frequency) {
        double w = 2 * Math.PI * frequency / rate;
        double coefficient = 2 * Math.cos(w);
        double prev = 0;
        double prev2 = 0;
        for (float v : s) {
            double next = v + coefficient * prev - prev2;
            prev2 = prev;
            prev = next;
        }
        return Math.sqrt(prev * prev + prev2 * prev2 - coefficient * prev * prev2);
    }
}
