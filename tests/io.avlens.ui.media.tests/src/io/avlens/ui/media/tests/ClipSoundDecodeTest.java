package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;
import io.avlens.media.WavWriter;
import io.avlens.ui.media.internal.ClipSound;

/** Decoding a clip's sound in a job: the stream's thousandths as units, and a cancel that stops the decode. */
class ClipSoundDecodeTest {

    @TempDir
    Path dir;

    /** Counts the work reported and can be cancelled after some of it. */
    private static final class Recording extends NullProgressMonitor {
        int total;
        int worked;
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void beginTask(String name, int totalWork) {
            total = totalWork;
        }

        @Override
        public void worked(int work) {
            worked += work;
            if (worked >= cancelAfter) {
                setCanceled(true);
            }
        }
    }

    private Path tone(double seconds) throws IOException {
        float[] s = new float[(int) (seconds * 16_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        Path wav = dir.resolve("tone.wav");
        WavWriter.write(wav, new AudioSignal(s, 16_000), WavWriter.Encoding.PCM_16);
        return wav;
    }

    @Test
    void theDecodeReportsItsWholeWorkInSteps() throws IOException, MediaException {
        Path wav = tone(3);
        Recording monitor = new Recording();
        AudioSignal sound = ClipSound.decode(wav, 16_000, SubMonitor.convert(monitor, 1));
        assertThat(sound.samples()).hasSize(48_000);
        assertThat(monitor.total).isPositive();
        assertThat(monitor.worked).as("all of it, reported as the stream was read").isEqualTo(monitor.total);
    }

    @Test
    void aCancelStopsTheDecodePartWay() throws IOException {
        Path wav = tone(3);
        Recording monitor = new Recording();
        monitor.cancelAfter = 1;
        assertThatThrownBy(() -> ClipSound.decode(wav, 16_000, SubMonitor.convert(monitor, 1)))
                .isInstanceOf(OperationCanceledException.class).hasMessageContaining("tone.wav");
        assertThat(monitor.worked).as("stopped before the end of the stream").isLessThan(monitor.total);
    }
}
