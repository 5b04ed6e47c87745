package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.Profiles;
import io.avlens.core.profile.VideoSpec;

/**
 * Decoding to a profile, checked frame by frame on clips whose frames carry their own index: frame {@code i} of
 * the output must be exactly the source frame displayed at {@code i / fps}.
 */
class FrameReaderTest {

    private static final VideoSpec AVSHAPES = Profiles.AVSHAPES_SMALL.video();

    @TempDir
    Path dir;

    @Test
    void thirtyFramesASecondBecomeEight() throws IOException {
        assertResampledExactly(30, 1, 90);
    }

    @Test
    void twentyFiveFramesASecondBecomeEight() throws IOException {
        assertResampledExactly(25, 1, 75);
    }

    @Test
    void tenFramesASecondBecomeEight() throws IOException {
        assertResampledExactly(10, 1, 30);
    }

    @Test
    void ntscRateBecomesEight() throws IOException {
        assertResampledExactly(30_000, 1001, 90);
    }

    @Test
    void fourFramesASecondAreRepeatedToEight() throws IOException {
        assertResampledExactly(4, 1, 12);
    }

    /** Source at {@code num/den} fps: output frame i must show source frame floor(i/8 · num/den). */
    private void assertResampledExactly(int num, int den, int frames) throws IOException {
        double fps = num / (double) den;
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip" + num + ".mp4"), 128, fps, frames, 12);
        VideoFrames v = new FrameReader(AVSHAPES).read(clip);
        int expectedCount = AVSHAPES.frameCount(frames / fps);
        assertThat(v.count()).isEqualTo(expectedCount);
        assertThat(v.tensor().shape()).containsExactly(expectedCount, 64, 64, 3);
        float[] values = v.tensor().toArray();
        for (int i = 0; i < v.count(); i++) {
            int expected = (int) ((long) i * num / (8L * den));
            assertThat(IndexedClips.index(values, i * 64 * 64 * 3, 64, 64)).as("frame %d at %s fps", i, fps)
                    .isEqualTo(expected);
            assertThat(v.time(i)).isEqualTo(i / 8.0);
            assertThat(v.sourceTime(i)).as("source time of frame %d", i).isCloseTo(expected / fps, within(1e-4));
        }
        assertThat(v.tensor().stats().min()).isGreaterThanOrEqualTo(0);
        assertThat(v.tensor().stats().max()).isLessThanOrEqualTo(1);
    }

    @Test
    void aTimeRangeStartsAtItsOwnTime() throws IOException {
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 128, 30, 90, 12);
        VideoFrames v = new FrameReader(AVSHAPES).read(clip, 1.3, 1.0);
        assertThat(v.count()).isEqualTo(8);
        float[] values = v.tensor().toArray();
        for (int i = 0; i < v.count(); i++) {
            double t = 1.3 + i / 8.0;
            assertThat(v.time(i)).isCloseTo(t, within(1e-12));
            assertThat(IndexedClips.index(values, i * 64 * 64 * 3, 64, 64)).as("frame at %.3f s", t)
                    .isEqualTo((int) Math.floor(t * 30 + 1e-4));
        }
    }

    @Test
    void aWindowGivesTheSameFramesAsTheWholeRead() throws IOException {
        // the window starts mid-GOP: the reader seeks to the keyframe before and decodes forward
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 128, 30, 90, 12);
        FrameReader reader = new FrameReader(AVSHAPES);
        VideoFrames whole = reader.read(clip);
        VideoFrames window = reader.read(clip, 1.0, 1.0);
        assertThat(window.count()).isEqualTo(8);
        for (int i = 0; i < window.count(); i++) {
            assertThat(window.tensor().slice(i)).as("window frame %d", i).isEqualTo(whole.tensor().slice(i + 8));
        }
    }

    @Test
    void aWindowRunningPastTheEndIsCutThere() throws IOException {
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 128, 30, 90, 12);
        VideoFrames v = new FrameReader(AVSHAPES).read(clip, 2.5, 2.0);
        assertThat(v.count()).isEqualTo(4);
        assertThat(IndexedClips.index(v.tensor().toArray(), 3 * 64 * 64 * 3, 64, 64)).isEqualTo(86);
    }

    @Test
    void decodingOnSeveralThreadsGivesTheSameFrames() throws IOException {
        Path clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 128, 25, 50, 12);
        assertThat(new FrameReader(AVSHAPES, 0).read(clip).tensor())
                .isEqualTo(new FrameReader(AVSHAPES, 1).read(clip).tensor());
    }

    @Test
    void argbPixelsAreTheTensorValues() throws IOException {
        Path clip = IndexedClips.bordered(dir.resolve("b.mp4"), 320, 180, 40, 10, 10, 10);
        VideoFrames v = new FrameReader(new VideoSpec(8, 64, 64, FrameFit.STRETCH)).read(clip);
        int[] argb = v.argb(3);
        assertThat(argb).hasSize(64 * 64);
        for (int p = 0; p < argb.length; p += 37) {
            int y = p / 64;
            int x = p % 64;
            assertThat(argb[p] >>> 24).isEqualTo(0xff);
            assertThat(argb[p] >> 16 & 0xff).isEqualTo(Math.round(v.tensor().get(3, y, x, 0) * 255));
            assertThat(argb[p] >> 8 & 0xff).isEqualTo(Math.round(v.tensor().get(3, y, x, 1) * 255));
            assertThat(argb[p] & 0xff).isEqualTo(Math.round(v.tensor().get(3, y, x, 2) * 255));
        }
    }

    @Test
    void aLosslessSourceDecodesToItsExactPixels() throws IOException {
        // FFV1 in 4:4:4 at the output size: no loss, no scaling, so the bands come out exactly black and white
        Path clip = IndexedClips.indexed(dir.resolve("clip.mkv"), "matroska", "ffv1", 64, 64, 8, 16, 8);
        VideoFrames v = new FrameReader(AVSHAPES).read(clip);
        assertThat(v.count()).isEqualTo(16);
        for (int i = 0; i < 16; i++) {
            for (int y = 0; y < 64; y++) {
                int bit = IndexedClips.BITS - 1 - y * IndexedClips.BITS / 64;
                float expected = (i >> bit & 1) == 1 ? 1f : 0f;
                assertThat(v.tensor().get(i, y, 31, 1)).as("frame %d row %d", i, y).isEqualTo(expected);
            }
        }
    }
}
