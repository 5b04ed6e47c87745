package io.avlens.synth;

import java.util.Locale;

/**
 * What to generate: how many AV-Shapes clips, from which seed, at which frame size, frame rate and length, with
 * which audio–video lags and whether a spoken-word track is added. The same spec gives the same dataset.
 *
 * @param clips      number of clips, at least 1
 * @param seed       the dataset seed; clip {@code i} is made from a seed derived from {@code (seed, i)} alone
 * @param size       frame width and height, pixels: even, 32 to 1024
 * @param fps        video frames per second, 1 to 60
 * @param seconds    clip length, seconds, 1 to 120 (at least two frames)
 * @param lagRange   lags are drawn uniformly in {@code [-lagRange, lagRange]} seconds and rounded to whole audio
 *                   samples; 0 for synchronised clips. Positive lag: the sound comes later than the picture
 * @param speech     whether each object's colour name is said (formant synthesis) while it is visible
 * @param threads    clips generated side by side, 1 to 64
 * @param minObjects the fewest objects on screen in a clip, 1 to 3
 * @param maxObjects the most objects on screen in a clip, {@code minObjects} to 3
 * @param silentShare the share of objects that move silently (drift through the air), 0 to 1; hits and scratches
 *                   share the rest 55 : 25. Balanced data for "does this action make a sound" (e.g. one object and
 *                   a silent share of 0.5) comes from these two; the defaults (1–3 objects, 0.2) give the original
 *                   AV-Shapes, byte for byte
 * @param separateSpeech with speech, whether sounds and speech come from separate clips (as DenseAV's two datasets,
 *                   AudioSet sounds and Places spoken captions): clips of even index keep their hits and scratches
 *                   and say no word, clips of odd index say their objects' colour names while every hit and scratch
 *                   is muted (drawn as silent motion, off-screen hits dropped); off, every clip has both. An even
 *                   clip is then byte for byte the clip of the same spec without speech
 * @param narration  what the narrations tell: {@link NarrationScope#FULL} (the default, the original AV-Shapes) what
 *                   is seen and heard, {@link NarrationScope#SEEN} only what is seen (no sound or silence words, no
 *                   off-screen clause; a muted clip of separate speech keeps that narration, its picture being
 *                   unchanged). Pictures, sounds and ground truth do not depend on it
 */
public record SynthSpec(int clips, long seed, int size, double fps, double seconds, double lagRange, boolean speech,
        int threads, int minObjects, int maxObjects, double silentShare, boolean separateSpeech,
        NarrationScope narration) {

    /** Audio sample rate of every clip, Hz. */
    public static final int SAMPLE_RATE = 16_000;
    /** Default frame size, pixels. */
    public static final int DEFAULT_SIZE = 128;
    /** Default frame rate. */
    public static final double DEFAULT_FPS = 8;
    /** Default clip length, seconds. */
    public static final double DEFAULT_SECONDS = 4;
    /** Default number of generator threads. */
    public static final int DEFAULT_THREADS = 2;
    /** Default share of silently moving objects. */
    public static final double DEFAULT_SILENT_SHARE = 0.2;
    /** The most objects a clip can have. */
    public static final int MAX_OBJECTS = 3;

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public SynthSpec {
        check(clips >= 1 && clips <= 1_000_000, "clips must be between 1 and 1000000, not " + clips);
        check(size >= 32 && size <= 1024 && size % 2 == 0, "size must be an even number of pixels from 32 to 1024, not "
                + size);
        check(fps >= 1 && fps <= 60, "fps must be between 1 and 60, not " + fmt(fps));
        check(seconds >= 1 && seconds <= 120, "seconds must be between 1 and 120, not " + fmt(seconds));
        check(lagRange >= 0 && lagRange <= seconds / 2, "lag range must be between 0 and half the clip length ("
                + fmt(seconds / 2) + " s), not " + fmt(lagRange));
        check(threads >= 1 && threads <= 64, "threads must be between 1 and 64, not " + threads);
        check(minObjects >= 1 && minObjects <= maxObjects && maxObjects <= MAX_OBJECTS, "objects must be a range "
                + "MIN-MAX within 1-" + MAX_OBJECTS + ", not " + minObjects + "-" + maxObjects);
        check(silentShare >= 0 && silentShare <= 1, "silent share must be between 0 and 1, not " + fmt(silentShare));
        check(speech || !separateSpeech, "sounds and speech in separate clips needs speech");
        check(narration != null, "narration must be full or seen, not null");
    }

    /** The full narration (what is seen and heard). */
    public SynthSpec(int clips, long seed, int size, double fps, double seconds, double lagRange, boolean speech,
            int threads, int minObjects, int maxObjects, double silentShare, boolean separateSpeech) {
        this(clips, seed, size, fps, seconds, lagRange, speech, threads, minObjects, maxObjects, silentShare,
                separateSpeech, NarrationScope.FULL);
    }

    /** Sounds and speech in the same clips when there is speech. */
    public SynthSpec(int clips, long seed, int size, double fps, double seconds, double lagRange, boolean speech,
            int threads, int minObjects, int maxObjects, double silentShare) {
        this(clips, seed, size, fps, seconds, lagRange, speech, threads, minObjects, maxObjects, silentShare, false);
    }

    /** The original AV-Shapes: 1–3 objects, a fifth of them silent. */
    public SynthSpec(int clips, long seed, int size, double fps, double seconds, double lagRange, boolean speech,
            int threads) {
        this(clips, seed, size, fps, seconds, lagRange, speech, threads, 1, MAX_OBJECTS, DEFAULT_SILENT_SHARE);
    }

    /** {@code clips} clips from {@code seed} with every other setting at its default. */
    public static SynthSpec of(int clips, long seed) {
        return new SynthSpec(clips, seed, DEFAULT_SIZE, DEFAULT_FPS, DEFAULT_SECONDS, 0, false, DEFAULT_THREADS);
    }

    /** This spec with another frame size. */
    public SynthSpec withSize(int px) {
        return new SynthSpec(clips, seed, px, fps, seconds, lagRange, speech, threads, minObjects, maxObjects,
                silentShare, separateSpeech, narration);
    }

    /** This spec with another frame rate and length. */
    public SynthSpec withTiming(double framesPerSecond, double clipSeconds) {
        return new SynthSpec(clips, seed, size, framesPerSecond, clipSeconds, lagRange, speech, threads, minObjects, maxObjects,
                silentShare, separateSpeech, narration);
    }

    /** This spec with another lag range, seconds. */
    public SynthSpec withLagRange(double range) {
        return new SynthSpec(clips, seed, size, fps, seconds, range, speech, threads, minObjects, maxObjects,
                silentShare, separateSpeech, narration);
    }

    /** This spec with or without the spoken-word track. */
    public SynthSpec withSpeech(boolean on) {
        return new SynthSpec(clips, seed, size, fps, seconds, lagRange, on, threads, minObjects, maxObjects,
                silentShare, on && separateSpeech, narration);
    }

    /** This spec with another number of generator threads. */
    public SynthSpec withThreads(int n) {
        return new SynthSpec(clips, seed, size, fps, seconds, lagRange, speech, n, minObjects, maxObjects,
                silentShare, separateSpeech, narration);
    }

    /** This spec with {@code min} to {@code max} objects per clip and a share {@code silent} of silent objects. */
    public SynthSpec withObjects(int min, int max, double silent) {
        return new SynthSpec(clips, seed, size, fps, seconds, lagRange, speech, threads, min, max, silent,
                separateSpeech, narration);
    }

    /** This spec with sounds and speech in separate clips (needs speech) or together. */
    public SynthSpec withSeparateSpeech(boolean on) {
        return new SynthSpec(clips, seed, size, fps, seconds, lagRange, speech, threads, minObjects, maxObjects,
                silentShare, on, narration);
    }

    /** This spec with narrations that tell what is seen and heard ({@link NarrationScope#FULL}) or only what is seen. */
    public SynthSpec withNarration(NarrationScope n) {
        return new SynthSpec(clips, seed, size, fps, seconds, lagRange, speech, threads, minObjects, maxObjects,
                silentShare, separateSpeech, n);
    }

    /** Whether clip {@code index} says words: with speech, every clip, or with separate speech the odd ones. */
    public boolean speaks(int index) {
        return speech && (!separateSpeech || index % 2 == 1);
    }

    /** Whether clip {@code index}'s hits and scratches are heard (all but the speaking clips of separate speech). */
    public boolean sounds(int index) {
        return !separateSpeech || index % 2 == 0;
    }

    /** Whether objects and silent share are the original AV-Shapes' (then the output is that of earlier versions). */
    public boolean defaultObjects() {
        return minObjects == 1 && maxObjects == MAX_OBJECTS && silentShare == DEFAULT_SILENT_SHARE;
    }

    /** Video frames per clip: {@code floor(seconds · fps)}. */
    public int frames() {
        return (int) Math.floor(seconds * fps + 1e-9);
    }

    /** Audio samples per clip: exactly as long as the frames, {@code round(frames / fps · 16000)}. */
    public int samples() {
        return (int) Math.round(frames() / fps * SAMPLE_RATE);
    }

    /** The audio sample at which video frame {@code k} starts. */
    public int sampleOfFrame(int k) {
        return (int) Math.round(k / fps * SAMPLE_RATE);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
