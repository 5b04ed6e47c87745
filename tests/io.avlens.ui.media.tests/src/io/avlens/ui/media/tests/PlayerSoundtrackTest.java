package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.avlens.media.AudioSignal;
import io.avlens.ui.media.internal.Player;
import io.avlens.ui.testing.Ui;

/** The player's soundtrack switch: the clock goes on at the same media time, only the samples change. */
class PlayerSoundtrackTest {

    private static AudioSignal tone(float value, double seconds, int rate) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        java.util.Arrays.fill(s, value);
        return new AudioSignal(s, rate);
    }

    @Test
    void switchingWhilePlayingKeepsTheClockAndPadsAShorterSound() {
        try (Player player = new Player(tone(0.1f, 2, 16_000), 2)) {
            player.play(0.5, 1);
            Ui.sleep(150);
            double before = player.position();
            player.setAudio(tone(0.2f, 1, 16_000));
            double after = player.position();
            assertThat(player.isPlaying()).isTrue();
            assertThat(after).as("the clock after the switch").isBetween(before, before + 0.04);
            assertThat(player.audio().samples()).as("padded to the clip").hasSize(32_000);
            assertThat(player.audio().samples()[100]).isEqualTo(0.2f);
            assertThat(player.audio().samples()[20_000]).as("silence after the shorter sound").isZero();
            Ui.sleep(100);
            assertThat(player.position()).as("the clock goes on").isGreaterThan(after);
            assertThat(player.lastSwitchNanos()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aSoundAtAnotherRateIsRefused() {
        try (Player player = new Player(tone(0.1f, 1, 16_000), 1)) {
            assertThatThrownBy(() -> player.setAudio(tone(0.1f, 1, 48_000)))
                    .hasMessageContaining("48000 Hz").hasMessageContaining("16000 Hz");
        }
    }
}
