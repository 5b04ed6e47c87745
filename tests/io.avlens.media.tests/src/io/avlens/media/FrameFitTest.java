package io.avlens.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.FrameFitter.Placement;

/**
 * The three ways of fitting a 16:9 source (320×180: red left and blue right borders 40 px wide, green top and
 * bottom bands 10 px high, grey inside) into 64×64.
 */
class FrameFitTest {

    /** Colour error allowed inside a region (H.264 and 4:2:0 chroma), 0–255 scale. */
    private static final int TOLERANCE = 24;

    @TempDir
    Path dir;
    private Path clip;

    @BeforeEach
    void writeClip() throws IOException {
        clip = IndexedClips.bordered(dir.resolve("bordered.mp4"), 320, 180, 40, 10, 8, 4);
    }

    private FloatTensor frame(FrameFit fit) throws IOException {
        VideoFrames v = new FrameReader(new VideoSpec(8, 64, 64, fit)).read(clip);
        assertThat(v.count()).isEqualTo(4);
        return v.tensor().slice(2);
    }

    @Test
    void centreCropCutsTheSideBordersAndKeepsTheFullHeight() throws IOException {
        FloatTensor f = frame(FrameFit.CENTER_CROP);
        // 180x180 of the middle is kept: the 40 px side borders lie in the 70 px cut from each side
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(isNear(f, y, x, IndexedClips.LEFT) || isNear(f, y, x, IndexedClips.RIGHT))
                        .as("border colour at %d,%d", x, y).isFalse();
            }
        }
        // the green bands (10 of 180 rows, 3.6 of 64) are kept
        assertColour(f, 1, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 62, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 32, 0, IndexedClips.CENTRE);
        assertColour(f, 32, 63, IndexedClips.CENTRE);
    }

    @Test
    void letterboxKeepsEverythingBetweenExactlyBlackBars() throws IOException {
        FloatTensor f = frame(FrameFit.LETTERBOX);
        // 320x180 scaled to 64x36, rows 14..49; rows 0..13 and 50..63 are bars
        for (int y = 0; y < 64; y++) {
            if (y >= 14 && y < 50) {
                continue;
            }
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(f.get(y, x, c)).as("bar pixel %d,%d", x, y).isZero();
                }
            }
        }
        assertColour(f, 15, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 48, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 32, 3, IndexedClips.LEFT);
        assertColour(f, 32, 60, IndexedClips.RIGHT);
        assertColour(f, 32, 32, IndexedClips.CENTRE);
        assertThat(isNear(f, 14, 32, new int[] {0, 0, 0})).as("first picture row is not black").isFalse();
        assertThat(isNear(f, 49, 32, new int[] {0, 0, 0})).as("last picture row is not black").isFalse();
    }

    @Test
    void stretchKeepsEverythingAndFillsTheFrame() throws IOException {
        FloatTensor f = frame(FrameFit.STRETCH);
        // borders 40/320 of the width: 8 columns; bands 10/180 of the height: 3.6 rows
        assertColour(f, 32, 3, IndexedClips.LEFT);
        assertColour(f, 32, 60, IndexedClips.RIGHT);
        assertColour(f, 1, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 62, 32, IndexedClips.TOP_BOTTOM);
        assertColour(f, 32, 32, IndexedClips.CENTRE);
        assertColour(f, 32, 12, IndexedClips.CENTRE);
    }

    @Test
    void placementsFollowTheDisplayAspectRatio() {
        assertThat(Placement.of(1920, 1080, 1, 224, 224, FrameFit.CENTER_CROP))
                .isEqualTo(new Placement(420, 0, 1080, 1080, 0, 0, 224, 224));
        assertThat(Placement.of(1080, 1920, 1, 224, 224, FrameFit.CENTER_CROP))
                .isEqualTo(new Placement(0, 420, 1080, 1080, 0, 0, 224, 224));
        assertThat(Placement.of(320, 180, 1, 64, 64, FrameFit.LETTERBOX))
                .isEqualTo(new Placement(0, 0, 320, 180, 0, 14, 64, 36));
        assertThat(Placement.of(180, 320, 1, 64, 64, FrameFit.LETTERBOX))
                .isEqualTo(new Placement(0, 0, 180, 320, 14, 0, 36, 64));
        assertThat(Placement.of(320, 180, 1, 64, 64, FrameFit.STRETCH))
                .isEqualTo(new Placement(0, 0, 320, 180, 0, 0, 64, 64));
        // anamorphic: 720x576 stored with 16:11 pixels is displayed 1047x576, wider than 16:9; 16:9 of the
        // display is 1024x576, which is 704 stored pixels
        assertThat(Placement.of(720, 576, 16 / 11.0, 640, 360, FrameFit.CENTER_CROP))
                .isEqualTo(new Placement(8, 0, 704, 576, 0, 0, 640, 360));
        // same aspect: nothing cut, no bars
        assertThat(Placement.of(640, 360, 1, 64, 36, FrameFit.CENTER_CROP))
                .isEqualTo(new Placement(0, 0, 640, 360, 0, 0, 64, 36));
        assertThat(Placement.of(640, 360, 1, 64, 36, FrameFit.LETTERBOX))
                .isEqualTo(new Placement(0, 0, 640, 360, 0, 0, 64, 36));
    }

    private static void assertColour(FloatTensor f, int y, int x, int[] rgb) {
        assertThat(isNear(f, y, x, rgb)).as("colour at x=%d y=%d is %d,%d,%d, expected %d,%d,%d", x, y,
                Math.round(f.get(y, x, 0) * 255), Math.round(f.get(y, x, 1) * 255), Math.round(f.get(y, x, 2) * 255),
                rgb[0], rgb[1], rgb[2]).isTrue();
    }

    private static boolean isNear(FloatTensor f, int y, int x, int[] rgb) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs(f.get(y, x, c) * 255 - rgb[c]) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
