package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV files AV Lens writes, read back by FFmpeg. */
class WavWriterTest {

    @TempDir
    Path dir;

    private static AudioSignal chirp(int rate, double seconds) {
        float[] s = new float[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            s[i] = (float) (0.6 * Math.sin(2 * Math.PI * (200 + 1500 * t) * t));
        }
        return new AudioSignal(s, rate);
    }

    @Test
    void floatWavRoundTripsExactly() throws IOException {
        AudioSignal signal = chirp(16_000, 0.5);
        Path file = dir.resolve("chirp.wav");
        WavWriter.write(file, signal, WavWriter.Encoding.FLOAT_32);
        MediaInfo info = MediaProbe.probe(file);
        assertThat(info.audio().codec()).isEqualTo("pcm_f32le");
        assertThat(info.audio().sampleRate()).isEqualTo(16_000);
        assertThat(AudioReader.read(file, 16_000).samples()).containsExactly(signal.samples());
    }

    @Test
    void pcmWavRoundTripsWithinHalfAQuantisationStep() throws IOException {
        AudioSignal signal = chirp(16_000, 0.5);
        Path file = dir.resolve("chirp16.wav");
        WavWriter.write(file, signal, WavWriter.Encoding.PCM_16);
        assertThat(MediaProbe.probe(file).audio().codec()).isEqualTo("pcm_s16le");
        float[] back = AudioReader.read(file, 16_000).samples();
        assertThat(back).hasSameSizeAs(signal.samples());
        for (int i = 0; i < back.length; i++) {
            assertThat((double) back[i]).as("sample %d", i).isCloseTo(signal.samples()[i], within(0.5 / 32768 + 1e-9));
        }
    }

    @Test
    void pcmClipsOutOfRangeSamples() throws IOException {
        Path file = dir.resolve("loud.wav");
        WavWriter.write(file, new AudioSignal(new float[] {1.5f, -2f, 0.5f, Float.NaN}, 8_000),
                WavWriter.Encoding.PCM_16);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(b.capacity() - 8);
        assertThat(b.getShort(44)).isEqualTo((short) 32767);
        assertThat(b.getShort(46)).isEqualTo((short) -32768);
        assertThat(b.getShort(48)).isEqualTo((short) 16384);
        assertThat(b.getShort(50)).isZero();
    }
}
