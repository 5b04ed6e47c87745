package io.avlens.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreprocessingProfileTest {

    @Test
    void avshapesSmallHasEightMelFramesPerVideoFrame() {
        PreprocessingProfile p = Profiles.AVSHAPES_SMALL;
        assertThat(p.melFramesPerSecond()).isEqualTo(64.0);
        assertThat(p.melFramesPerSecond() / p.video().fps()).isEqualTo(8.0);
        assertThat(p.video().frameCount(p.clipSeconds())).isEqualTo(32);
        assertThat(p.mel().frameCount(4 * 16_000)).isEqualTo(257); // centred frames: one more than 256
    }

    @Test
    void diffFoleyProfileMatchesTheOfficialNumbers() {
        PreprocessingProfile p = Profiles.DIFF_FOLEY_CAVP;
        assertThat(p.video().fps()).isEqualTo(4.0);
        assertThat(p.video().width()).isEqualTo(224);
        assertThat(p.video().fit()).as("the official demo squashes frames with Resize((224, 224))")
                .isEqualTo(FrameFit.STRETCH);
        assertThat(p.mel().bins()).isEqualTo(128);
        assertThat(p.mel().nFft()).isEqualTo(1024);
        assertThat(p.mel().hop()).isEqualTo(256);
        assertThat(p.mel().fmin()).isEqualTo(125.0);
        assertThat(p.mel().fmax()).isEqualTo(7600.0);
        assertThat(p.video().frameCount(p.clipSeconds())).isEqualTo(32);
    }

    @Test
    void everyKnownProfileIsFoundById() {
        for (PreprocessingProfile p : Profiles.all()) {
            assertThat(Profiles.byId(p.id())).contains(p);
        }
        assertThat(Profiles.byId("nope")).isEmpty();
    }

    @Test
    void frameCountCoversTheDurationWithoutAFrameAtTheEnd() {
        VideoSpec v = new VideoSpec(8, 64, 64, FrameFit.LETTERBOX);
        assertThat(v.frameCount(4.0)).isEqualTo(32);
        assertThat(v.frameCount(4.01)).isEqualTo(33);
        assertThat(v.frameCount(0)).isZero();
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new MelSpec(500, 250, 64, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> new MelSpec(512, 600, 64, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB))
                .hasMessageContaining("hop");
        assertThatThrownBy(() -> new MelSpec(512, 250, 300, 0, 8000, MelScale.HTK, true, 1, LogCompression.NONE))
                .hasMessageContaining("mel bins");
        assertThatThrownBy(() -> new MelSpec(512, 250, 64, 900, 800, MelScale.HTK, true, 1, LogCompression.NONE))
                .hasMessageContaining("fmin");
        assertThatThrownBy(() -> new VideoSpec(8, 100_000, 64, FrameFit.STRETCH)).hasMessageContaining("100000×64");
        assertThatThrownBy(() -> new VideoSpec(0, 64, 64, FrameFit.STRETCH)).hasMessageContaining("fps");
        MelSpec wide = new MelSpec(512, 250, 64, 0, 11_025, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB);
        assertThatThrownBy(() -> new PreprocessingProfile("x", null, 16_000, wide, 4))
                .hasMessageContaining("x: mel fmax 11025.0 Hz is above the Nyquist frequency 8000.0");
        assertThatThrownBy(() -> new PreprocessingProfile(" ", null, 16_000, null, 4)).hasMessageContaining("id");
    }
}
