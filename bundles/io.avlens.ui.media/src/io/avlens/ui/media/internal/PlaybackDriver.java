package io.avlens.ui.media.internal;

import org.eclipse.swt.widgets.Display;

import io.avlens.ui.media.Transport;

/**
 * The Video view's transport: play, pause, faster either way, frame steps, and the tick that moves the picture and
 * every cursor while the sound card's clock runs. It owns the timing and none of the widgets: the view gives it the
 * clip's {@link Player} and clock through a {@link Host} and shows what it is told. UI thread only.
 */
public final class PlaybackDriver {

    /** What the driver needs of the view that shows the clip. */
    public interface Host {

        /** The player of the clip on show, or null when none is. */
        Player player();

        /** Where the view's clock stands, seconds. */
        double position();

        /** The clip's frame rate (a default for a clip without video). */
        double fps();

        /** The clip's duration, seconds. */
        double duration();

        /** Shows the instant {@code t} and moves every cursor of the clip there. */
        void moveTo(double t);

        /** Playback started or stopped: the play button and the labels follow. */
        void playingChanged(boolean playing);

        /** Whether the view is gone (the tick stops). */
        boolean disposed();
    }

    /** Playback ticks per second: the cursor and the picture move at this rate. */
    static final int TICK_MILLIS = 33;
    /** The fastest J/L speed, either way. */
    static final double MAX_SPEED = 4;

    private final Display display;
    private final Host host;
    private boolean ticking;

    public PlaybackDriver(Display display, Host host) {
        this.display = display;
        this.host = host;
    }

    /** Carries out a playback command; nothing without a clip. */
    public void perform(Transport.Command command) {
        Player player = host.player();
        if (player == null) {
            return;
        }
        double speed = player.isPlaying() ? player.speed() : 0;
        switch (command) {
            case TOGGLE -> {
                if (player.isPlaying()) {
                    pause();
                } else {
                    play(1);
                }
            }
            case PAUSE -> pause();
            case FORWARD -> play(speed > 0 ? Math.min(MAX_SPEED, speed * 2) : 1);
            case REVERSE -> play(speed < 0 ? Math.max(-MAX_SPEED, speed * 2) : -1);
            case STEP_FORWARD -> step(1);
            case STEP_BACK -> step(-1);
            default -> throw new IllegalStateException(command.toString());
        }
    }

    /** Moves playback to {@code t} without stopping it (scrubbing or another view's cursor while playing). */
    public void seek(double t) {
        Player player = host.player();
        if (player != null && player.isPlaying()) {
            player.play(t, player.speed());
        }
    }

    /** The clip was closed: a pending tick does nothing. */
    public void stop() {
        ticking = false;
    }

    private void play(double speed) {
        host.player().play(host.position(), speed);
        host.playingChanged(true);
        if (!ticking) {
            ticking = true;
            display.timerExec(TICK_MILLIS, this::tick);
        }
    }

    private void pause() {
        double t = host.player().stop();
        host.playingChanged(false);
        host.moveTo(t);
    }

    /** One frame earlier or later than the frame at the cursor, placed on that frame's start time. */
    private void step(int frames) {
        if (host.player().isPlaying()) {
            pause();
        }
        double fps = host.fps();
        long index = Math.round(Math.floor(host.position() * fps + 1e-6)) + frames;
        double last = Math.max(0, Math.ceil(host.duration() * fps - 1e-9) - 1);
        host.moveTo(Math.max(0, Math.min(last, index)) / fps);
    }

    private void tick() {
        Player player = host.player();
        if (!ticking || host.disposed() || player == null) {
            ticking = false;
            return;
        }
        host.moveTo(player.position());
        if (player.isPlaying()) {
            display.timerExec(TICK_MILLIS, this::tick);
        } else {
            ticking = false;
            host.playingChanged(false);
        }
    }
}
