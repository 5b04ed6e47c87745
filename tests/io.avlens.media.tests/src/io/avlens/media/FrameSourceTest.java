package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random access for views, on a 3 s clip at 30 fps whose frames carry their index, with a keyframe every 12
 * frames (0.4 s): every request must give the frame displayed at that time, whatever came before it.
 */
class FrameSourceTest {

    private static final double FPS = 30;
    private static final int FRAMES = 90;

    @TempDir
    Path dir;
    private Path clip;

    @BeforeEach
    void writeClip() throws IOException {
        clip = IndexedClips.indexedMp4(dir.resolve("clip.mp4"), 128, FPS, FRAMES, 12);
    }

    /** The index of the frame displayed at {@code t}. */
    private static int expected(double t) {
        return Math.min(FRAMES - 1, Math.max(0, (int) Math.floor(t * FPS + 1e-4)));
    }

    private static int index(DisplayFrame f) {
        return IndexedClips.index(f.argb(), f.width(), f.height());
    }

    @Test
    void describesTheVideo() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            assertThat(source.duration()).isCloseTo(3.0, within(1e-6));
            assertThat(source.fps()).isCloseTo(30, within(1e-9));
            assertThat(source.width()).isEqualTo(128);
            assertThat(source.height()).isEqualTo(128);
        }
    }

    @Test
    void givesTheFrameDisplayedAtRandomTimes() throws IOException {
        Random random = new Random(42);
        try (FrameSource source = FrameSource.open(clip)) {
            for (int n = 0; n < 60; n++) {
                double t = random.nextDouble() * 3.0;
                DisplayFrame f = source.frameAt(t, 64, 64);
                assertThat(index(f)).as("frame at %.4f s", t).isEqualTo(expected(t));
                assertThat(f.time()).isCloseTo(expected(t) / FPS, within(1e-4));
            }
        }
    }

    @Test
    void steppingForwardDecodesOnwardWithoutSeeking() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            for (int step = 0; step < 2 * FRAMES; step++) {
                double t = step / (2 * FPS);
                assertThat(index(source.frameAt(t, 64, 64))).as("frame at %.4f s", t).isEqualTo(expected(t));
            }
            assertThat(source.seeks()).isZero();
        }
    }

    @Test
    void steppingBackwardSeeksAndStillGivesEachFrame() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            for (int k = FRAMES - 1; k >= 0; k--) {
                double t = (k + 0.5) / FPS;
                assertThat(index(source.frameAt(t, 64, 64))).as("frame at %.4f s", t).isEqualTo(k);
            }
            assertThat(source.seeks()).isPositive();
        }
    }

    @Test
    void aLongJumpForwardSeeksToTheKeyframeBefore() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            assertThat(index(source.frameAt(0.05, 64, 64))).isEqualTo(1);
            int before = source.seeks();
            assertThat(index(source.frameAt(2.55, 64, 64))).isEqualTo(76);
            assertThat(source.seeks()).isEqualTo(before + 1);
            assertThat(index(source.frameAt(2.6, 64, 64))).isEqualTo(78);
            assertThat(source.seeks()).isEqualTo(before + 1);
        }
    }

    @Test
    void aRepeatedRequestIsServedFromTheCache() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            DisplayFrame first = source.frameAt(1.01, 64, 64);
            assertThat(source.frameAt(1.02, 64, 64)).isSameAs(first); // same source frame (30), same size
            assertThat(source.frameAt(1.02, 32, 32)).isNotSameAs(first);
        }
    }

    @Test
    void timesOutsideTheVideoShowItsFirstAndLastFrames() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            assertThat(index(source.frameAt(-5, 64, 64))).isZero();
            assertThat(index(source.frameAt(99, 64, 64))).isEqualTo(FRAMES - 1);
            assertThat(index(source.frameAt(3.0, 64, 64))).isEqualTo(FRAMES - 1);
            assertThat(index(source.frameAt(0, 64, 64))).isZero();
        }
    }

    @Test
    void scalesIntoTheBoxKeepingTheAspectRatio() throws IOException {
        Path wide = IndexedClips.bordered(dir.resolve("wide.mp4"), 320, 180, 40, 10, 10, 10);
        try (FrameSource source = FrameSource.open(wide)) {
            DisplayFrame f = source.frameAt(0.5, 100, 100);
            assertThat(f.width()).isEqualTo(100);
            assertThat(f.height()).isEqualTo(56);
            DisplayFrame g = source.frameAt(0.5, 1000, 90);
            assertThat(g.width()).isEqualTo(160);
            assertThat(g.height()).isEqualTo(90);
            int left = g.argb()[45 * 160 + 5];
            int centre = g.argb()[45 * 160 + 80];
            assertThat(left >>> 24).isEqualTo(0xff);
            assertThat(left >> 16 & 0xff).as("red of the left border").isGreaterThan(220);
            assertThat(left & 0xff).as("blue of the left border").isLessThan(40);
            assertThat(centre >> 8 & 0xff).as("green of the grey centre").isBetween(110, 146);
        }
    }

    @Test
    void aClosedSourceRefusesRequests() throws IOException {
        FrameSource source = FrameSource.open(clip);
        source.close();
        source.close();
        assertThatThrownBy(() -> source.frameAt(1, 64, 64)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void impossibleSizesAreRefused() throws IOException {
        try (FrameSource source = FrameSource.open(clip)) {
            assertThatThrownBy(() -> source.frameAt(1, 0, 64)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> source.frameAt(Double.NaN, 64, 64))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
