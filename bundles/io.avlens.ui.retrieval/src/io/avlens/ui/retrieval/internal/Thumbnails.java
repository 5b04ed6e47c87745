package io.avlens.ui.retrieval.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import io.avlens.core.color.ColorMap;
import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.DisplayFrame;
import io.avlens.media.FrameSource;
import io.avlens.media.MediaException;
import io.avlens.media.MediaProbe;
import io.avlens.media.dsp.LogMelSpectrogram;

/**
 * A hit's thumbnails: a strip of {@value #FRAMES} frames (at 1/6, 1/2 and 5/6 of the clip) decoded through the media
 * layer, and a small log-mel spectrogram (magma), computed on one background thread when a row asks for them (rows
 * ask when they are painted, so only visible rows decode) and kept for the {@value #KEEP} clips seen last. Pixels are
 * plain ARGB; the caller makes images on its own thread.
 */
public final class Thumbnails implements AutoCloseable {

    /** Frames in a strip. */
    public static final int FRAMES = 3;
    /** Size of one frame of the strip and of the spectrogram thumbnail, pixels. */
    public static final int FRAME_W = 48;
    public static final int FRAME_H = 36;
    public static final int SPEC_W = 72;
    public static final int SPEC_H = 36;
    static final int KEEP = 200;
    private static final int RATE = 16_000;
    private static final MelSpec MEL = new MelSpec(512, 160, 48, 0, 8000, MelScale.SLANEY, true, 1,
            LogCompression.UNIT_DB);

    /**
     * What was decoded for one clip.
     *
     * @param frames      up to {@value #FRAMES} frames (empty for a clip without picture)
     * @param spectrogram {@code SPEC_W × SPEC_H} ARGB, or null for a clip without sound
     * @param problem     why something is missing, or null
     */
    public record Clip(DisplayFrame[] frames, int[] spectrogram, String problem) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "AV Lens retrieval thumbnails");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Clip> done = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Clip> eldest) {
            return size() > KEEP;
        }
    };
    private final Set<Path> pending = new HashSet<>();
    private int decoded;

    /** The thumbnails of {@code media} when decoded, else null (then asks for them once; {@code ready} hears). */
    public synchronized Clip get(Path media, Consumer<Path> ready) {
        Clip c = done.get(media);
        if (c != null || !pending.add(media)) {
            return c;
        }
        executor.execute(() -> {
            Clip made = decode(media);
            synchronized (this) {
                pending.remove(media);
                done.put(media, made);
                decoded++;
            }
            ready.accept(media);
        });
        return null;
    }

    /** How many clips were decoded so far (for tests: visible rows only, each once). */
    public synchronized int decodedCount() {
        return decoded;
    }

    static Clip decode(Path media) {
        if (!Files.isRegularFile(media)) {
            return new Clip(new DisplayFrame[0], null, media.getFileName() + ": no such file");
        }
        DisplayFrame[] frames = new DisplayFrame[0];
        String problem = null;
        try {
            if (MediaProbe.probe(media).hasVideo()) {
                try (FrameSource source = FrameSource.open(media)) {
                    frames = new DisplayFrame[FRAMES];
                    for (int i = 0; i < FRAMES; i++) {
                        frames[i] = source.frameAt(source.duration() * (2 * i + 1) / (2.0 * FRAMES), FRAME_W,
                                FRAME_H);
                    }
                }
            }
        } catch (MediaException | RuntimeException e) {
            frames = new DisplayFrame[0];
            problem = e.getMessage();
        }
        int[] spectrogram = null;
        try {
            spectrogram = spectrogram(AudioReader.read(media, RATE));
        } catch (MediaException | RuntimeException e) {
            problem = problem == null ? e.getMessage() : problem;
        }
        return new Clip(frames, spectrogram, problem);
    }

    /** The whole clip's log-mel spectrogram squeezed into {@code SPEC_W × SPEC_H}, low bands at the bottom. */
    static int[] spectrogram(AudioSignal sound) {
        FloatTensor mel = new LogMelSpectrogram(MEL, RATE).compute(sound);
        int bins = mel.dim(0);
        int frames = mel.dim(1);
        int[] argb = new int[SPEC_W * SPEC_H];
        for (int x = 0; x < SPEC_W; x++) {
            int f0 = x * frames / SPEC_W;
            int f1 = Math.max(f0 + 1, (x + 1) * frames / SPEC_W);
            for (int y = 0; y < SPEC_H; y++) {
                int b0 = (SPEC_H - 1 - y) * bins / SPEC_H;
                int b1 = Math.max(b0 + 1, (SPEC_H - y) * bins / SPEC_H);
                float max = 0;
                for (int b = b0; b < b1 && b < bins; b++) {
                    for (int f = f0; f < f1 && f < frames; f++) {
                        max = Math.max(max, mel.get(b, f));
                    }
                }
                argb[y * SPEC_W + x] = ColorMap.MAGMA.argb(Math.clamp(max, 0f, 1f));
            }
        }
        return argb;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
