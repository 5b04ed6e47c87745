package io.avlens.ui.media.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import io.avlens.core.time.TimeRange;
import io.avlens.media.AudioSignal;

/**
 * Plays a clip and keeps its media clock. At normal speed with a sound device the <em>audio drives the clock</em>:
 * the position is what the sound card has played, so frames drawn at {@link #position()} stay in sync with what is
 * heard. Without a device (a headless test machine), at other speeds or backwards, the clock is the system's
 * monotonic time. A loop range repeats seamlessly: audio keeps streaming across the wrap, and the clock maps the
 * device's frame counter back to media time through the anchors written at each wrap. Another sound of the same time
 * base can replace the clip's while playing ({@link #setAudio}): the clock goes on at the same media time, only what
 * is heard changes (the device's queued audio is dropped, so the new sound is heard within a chunk or two).
 *
 * <p>Thread-safe; audio is written on a daemon thread of its own.
 */
public final class Player implements AutoCloseable {

    /** Seconds of audio written per chunk: small for a responsive stop, large enough not to starve. */
    private static final double CHUNK_SECONDS = 0.02;

    private volatile AudioSignal audio;
    /** Set by {@link #setAudio} while the sound card drives the clock: the audio thread switches at its next chunk. */
    private boolean switchPending;
    private long switchRequested;
    private volatile long lastSwitchNanos = -1;
    private final double duration;
    private final Object lock = new Object();
    private Thread worker;
    private volatile boolean playing;
    private volatile double speed = 1;
    private volatile TimeRange loop;
    private volatile String audioProblem;
    private volatile String audioDetail = "";
    /** System-clock mode: media time at {@link #startNanos}. */
    private double startTime;
    private long startNanos;
    /** Audio mode: (device frame, media time) pairs, oldest first. */
    private final Deque<double[]> anchors = new ArrayDeque<>();
    private SourceDataLine line;
    private boolean audioClock;
    private double stoppedAt;

    /**
     * @param audio    the clip's sound (mono), or {@code null} for a silent clip
     * @param duration the clip's duration, seconds
     */
    public Player(AudioSignal audio, double duration) {
        this.audio = audio;
        this.duration = Math.max(0, duration);
    }

    /**
     * Plays {@code sound} instead of the current sound from now on, keeping the playback position: playing, the clock
     * continues at the same media time; stopped, the next {@link #play} uses it. A shorter sound is padded with
     * silence to the clip's duration.
     *
     * @throws IllegalArgumentException when its sample rate differs from the current sound's
     */
    public void setAudio(AudioSignal sound) {
        AudioSignal current = audio;
        if (current != null && current.sampleRate() != sound.sampleRate()) {
            throw new IllegalArgumentException("a soundtrack at " + sound.sampleRate() + " Hz cannot replace one at "
                    + current.sampleRate() + " Hz");
        }
        int length = (int) Math.ceil(duration * sound.sampleRate());
        AudioSignal padded = sound.samples().length >= length ? sound
                : new AudioSignal(java.util.Arrays.copyOf(sound.samples(), length), sound.sampleRate());
        long requested = System.nanoTime();
        synchronized (lock) {
            audio = padded;
            if (playing && audioClock) {
                switchPending = true;
                switchRequested = requested;
            } else {
                lastSwitchNanos = System.nanoTime() - requested;
            }
        }
    }

    /** The sound played now, or null for a silent clip. */
    public AudioSignal audio() {
        return audio;
    }

    /**
     * Nanoseconds the last {@link #setAudio} took until the new sound was being written to the device (or, without
     * one, until it was in place); -1 before any switch and while one is pending.
     */
    public long lastSwitchNanos() {
        return lastSwitchNanos;
    }

    /** Whether playback is running. */
    public boolean isPlaying() {
        return playing;
    }

    /** Playback speed; negative plays backwards. */
    public double speed() {
        return speed;
    }

    /** Why sound is not heard (no device, not at normal speed), or {@code null} when it is. */
    public String audioProblem() {
        return audioProblem;
    }

    /** Java Sound's words for why no device could be opened; empty when one was. */
    public String audioDetail() {
        return audioDetail;
    }

    /** Whether the sound card drives the clock right now. */
    public boolean audioDrivesClock() {
        synchronized (lock) {
            return playing && audioClock;
        }
    }

    /** Repeats {@code range} while playing; {@code null} plays to the end. */
    public void setLoop(TimeRange range) {
        loop = range == null || range.duration() <= 0 ? null : range;
    }

    /** The loop range, or {@code null}. */
    public TimeRange loop() {
        return loop;
    }

    /**
     * Starts playing from {@code from} at {@code newSpeed} (1 = normal with sound; other speeds are silent). Playing
     * already, it restarts from there.
     */
    public void play(double from, double newSpeed) {
        if (newSpeed == 0 || !Double.isFinite(newSpeed)) {
            throw new IllegalArgumentException("speed must be finite and non-zero: " + newSpeed);
        }
        stop();
        synchronized (lock) {
            speed = newSpeed;
            double start = clampStart(from, newSpeed);
            startTime = start;
            startNanos = System.nanoTime();
            anchors.clear();
            switchPending = false;
            audioClock = newSpeed == 1 && audio != null && openLine();
            if (audio == null) {
                audioProblem = "the clip has no sound";
            } else if (newSpeed != 1) {
                audioProblem = "silent at " + formatSpeed(newSpeed);
            } else if (audioClock) {
                audioProblem = null;
            }
            playing = true;
            if (audioClock) {
                anchors.add(new double[] {line.getLongFramePosition(), start});
                worker = new Thread(() -> stream(start), "AV Lens audio");
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    /** Stops and returns the position where playback stopped. */
    public double stop() {
        Thread w;
        synchronized (lock) {
            if (!playing) {
                return stoppedAt;
            }
            stoppedAt = position();
            playing = false;
            w = worker;
            worker = null;
        }
        if (w != null) {
            try {
                w.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (line != null) {
                line.stop();
                line.flush();
            }
        }
        return stoppedAt;
    }

    /**
     * The media time being shown or heard now: from the sound card while audio drives the clock, else from the
     * system clock; wraps inside the loop range and stops at the ends.
     */
    public double position() {
        synchronized (lock) {
            if (!playing) {
                return stoppedAt;
            }
            double t;
            if (audioClock) {
                t = audioTime(line.getLongFramePosition());
            } else {
                t = startTime + speed * (System.nanoTime() - startNanos) / 1e9;
                TimeRange l = loop;
                if (l != null && t > l.end() && speed > 0) {
                    t = l.start() + (t - l.start()) % l.duration();
                } else if (l != null && t < l.start() && speed < 0) {
                    t = l.end() - (l.end() - t) % l.duration();
                }
            }
            if (t >= duration || t <= 0 && speed < 0) {
                playing = false;
                stoppedAt = Math.max(0, Math.min(duration, t));
                return stoppedAt;
            }
            return Math.max(0, t);
        }
    }

    /** The media time of device frame {@code played}, from the anchors; holds the lock. */
    private double audioTime(long played) {
        double[] anchor = anchors.peekFirst();
        for (double[] a : anchors) {
            if (a[0] <= played) {
                anchor = a;
            }
        }
        return anchor[1] + (played - anchor[0]) / (double) audio.sampleRate();
    }

    /** Streams samples to the line until stopped, wrapping at the loop end, closing the stream at the clip end. */
    private void stream(double start) {
        float[] samples = audio.samples();
        int rate = audio.sampleRate();
        int chunk = Math.max(64, (int) (rate * CHUNK_SECONDS));
        byte[] pcm = new byte[chunk * 2];
        int next = (int) Math.round(start * rate);
        long written = 0;
        long firstFrame;
        synchronized (lock) {
            firstFrame = line.getLongFramePosition();
            line.start();
        }
        while (playing) {
            synchronized (lock) {
                if (switchPending) {
                    // drop what the device still queues of the old sound; go on from the media time heard now
                    double now = audioTime(line.getLongFramePosition());
                    line.flush();
                    firstFrame = line.getLongFramePosition();
                    written = 0;
                    anchors.clear();
                    anchors.add(new double[] {firstFrame, now});
                    next = (int) Math.round(now * rate);
                    samples = audio.samples();
                    switchPending = false;
                    lastSwitchNanos = System.nanoTime() - switchRequested;
                }
            }
            TimeRange l = loop;
            int end = l == null ? samples.length : Math.min(samples.length, (int) Math.round(l.end() * rate));
            if (next >= end) {
                if (l == null) {
                    break;
                }
                next = (int) Math.round(l.start() * rate);
                synchronized (lock) {
                    anchors.add(new double[] {firstFrame + written, l.start()});
                    if (anchors.size() > 8) {
                        anchors.removeFirst();
                    }
                }
            }
            int n = Math.min(chunk, end - next);
            for (int i = 0; i < n; i++) {
                int v = Math.round(Math.max(-1f, Math.min(1f, samples[next + i])) * 32767f);
                pcm[2 * i] = (byte) v;
                pcm[2 * i + 1] = (byte) (v >> 8);
            }
            line.write(pcm, 0, 2 * n); // blocks while the device buffer is full: this paces the thread
            written += n;
            next += n;
        }
        if (playing) {
            line.drain(); // let the end of the clip be heard, then stop the clock at the end
            synchronized (lock) {
                if (playing) {
                    playing = false;
                    stoppedAt = duration;
                }
            }
        }
    }

    private boolean openLine() {
        if (line != null) {
            return true;
        }
        AudioFormat format = new AudioFormat(audio.sampleRate(), 16, 1, true, false);
        try {
            SourceDataLine l = AudioSystem.getSourceDataLine(format);
            l.open(format, (int) (audio.sampleRate() * 0.1) * 2);
            line = l;
            audioProblem = null;
            return true;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            audioProblem = "no sound device: playing silently";
            audioDetail = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            return false;
        }
    }

    private double clampStart(double from, double newSpeed) {
        TimeRange l = loop;
        double t = Math.max(0, Math.min(duration, from));
        if (l != null && !l.contains(t)) {
            return newSpeed > 0 ? l.start() : l.end();
        }
        if (newSpeed > 0 && t >= duration - 1e-6) {
            return 0; // at the end, play from the start
        }
        return t;
    }

    private static String formatSpeed(double s) {
        return (s < 0 ? "−" : "") + (Math.abs(s) == Math.rint(Math.abs(s)) ? String.valueOf((int) Math.abs(s))
                : String.valueOf(Math.abs(s))) + "× " + (s < 0 ? "backwards" : "speed");
    }

    @Override
    public void close() {
        stop();
        synchronized (lock) {
            if (line != null) {
                line.close();
                line = null;
            }
        }
    }
}
