package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.avlens.ui.media.Transport;
import io.avlens.ui.media.internal.PlaybackDriver;
import io.avlens.ui.media.internal.Player;
import io.avlens.ui.testing.Ui;

/**
 * The Video view's transport on its own: a silent 2 s clip at 8 fps on the system clock, and a host that records
 * what the view would be told.
 */
class PlaybackDriverTest {

    private final Player player = new Player(null, 2.0);
    private final List<Double> moves = new ArrayList<>();
    private final List<Boolean> playing = new ArrayList<>();
    private double position;
    private boolean gone;

    private final PlaybackDriver.Host host = new PlaybackDriver.Host() {
        @Override
        public Player player() {
            return gone ? null : player;
        }

        @Override
        public double position() {
            return position;
        }

        @Override
        public double fps() {
            return 8;
        }

        @Override
        public double duration() {
            return 2.0;
        }

        @Override
        public void moveTo(double t) {
            position = t;
            moves.add(t);
        }

        @Override
        public void playingChanged(boolean on) {
            playing.add(on);
        }

        @Override
        public boolean disposed() {
            return gone;
        }
    };

    private final PlaybackDriver driver = Ui.sync(() -> new PlaybackDriver(Ui.display(), host));

    @AfterEach
    void close() {
        player.close();
    }

    @Test
    void stepsLandOnFrameStartsAndStopAtTheClipsEnds() {
        position = 0.30; // inside frame 2 (0.25-0.375)
        Ui.run(() -> driver.perform(Transport.Command.STEP_FORWARD));
        assertThat(position).isEqualTo(0.375);
        Ui.run(() -> driver.perform(Transport.Command.STEP_BACK));
        Ui.run(() -> driver.perform(Transport.Command.STEP_BACK));
        assertThat(position).isEqualTo(0.125);
        position = 0.01;
        Ui.run(() -> driver.perform(Transport.Command.STEP_BACK));
        assertThat(position).as("not before the first frame").isZero();
        position = 1.95; // the last of 16 frames starts at 1.875
        Ui.run(() -> driver.perform(Transport.Command.STEP_FORWARD));
        assertThat(position).as("not past the last frame").isEqualTo(1.875);
        assertThat(playing).as("stepping never starts playback").isEmpty();
    }

    @Test
    void playTicksTheCursorOnUntilPausedAndJAndLDoubleTheSpeedUpToFour() {
        position = 0.5;
        Ui.run(() -> driver.perform(Transport.Command.TOGGLE));
        assertThat(player.isPlaying()).isTrue();
        assertThat(playing).containsExactly(true);
        Ui.waitUntil("the tick to move the cursor", 10, () -> Ui.sync(() -> moves.size() >= 3));
        assertThat(Ui.sync(() -> position)).isGreaterThan(0.5);

        Ui.run(() -> driver.perform(Transport.Command.FORWARD));
        assertThat(player.speed()).isEqualTo(2);
        Ui.run(() -> driver.perform(Transport.Command.FORWARD));
        Ui.run(() -> driver.perform(Transport.Command.FORWARD));
        assertThat(player.speed()).as("at most 4x").isEqualTo(4);
        Ui.run(() -> driver.perform(Transport.Command.REVERSE));
        assertThat(player.speed()).as("reverse from forwards starts at -1").isEqualTo(-1);

        Ui.run(() -> driver.perform(Transport.Command.PAUSE));
        assertThat(player.isPlaying()).isFalse();
        double stoppedAt = Ui.sync(() -> position);
        assertThat(Ui.sync(() -> playing.get(playing.size() - 1))).isFalse();
        Ui.sleep(150);
        assertThat(Ui.sync(() -> position)).as("no tick after the pause").isCloseTo(stoppedAt, within(1e-9));
    }

    @Test
    void seekingWhilePlayingKeepsPlayingAndAClosedClipStopsTheTick() {
        position = 0.2;
        Ui.run(() -> driver.perform(Transport.Command.TOGGLE));
        Ui.run(() -> driver.seek(1.5));
        assertThat(player.isPlaying()).isTrue();
        assertThat(player.position()).isBetween(1.5, 1.7);
        Ui.run(() -> {
            driver.stop();
            gone = true;
        });
        int seen = Ui.sync(moves::size);
        Ui.sleep(150);
        assertThat(Ui.sync(moves::size)).as("the tick ended with the clip").isEqualTo(seen);
        Ui.run(() -> driver.perform(Transport.Command.TOGGLE)); // no clip: nothing happens
        assertThat(playing).containsExactly(true);
    }
}
