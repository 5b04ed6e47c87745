package io.avlens.ui.embeddings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

import io.avlens.core.time.TimeMarker;
import io.avlens.media.DisplayFrame;
import io.avlens.media.FrameSource;
import io.avlens.ui.media.ClipSidecar;

/**
 * One frame per clip for the hover card, decoded off the UI thread through the media layer ({@link FrameSource}),
 * the last request winning, the recent ones kept. The frame is the clip's most active instant as its ground truth
 * knows it: the start of its first sound event in the sidecar (a hit, a scratch, an off-screen sound), or the
 * middle of the clip when it has none.
 */
public final class ClipSnapshots implements AutoCloseable {

    /** A decoded frame and the time it shows. */
    public record Snapshot(DisplayFrame frame, double time, String why) {
    }

    static final Set<String> SOUND_EVENTS = Set.of("hit", "scratch", "offscreen", "sound", "speech");
    private static final int KEEP = 64;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "AV Lens clip snapshots");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Snapshot> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Snapshot> eldest) {
            return size() > KEEP;
        }
    };
    private Path wanted;

    /**
     * Asks for the snapshot of {@code media} fitted into {@code size × size}; {@code done} hears it (or null and
     * the problem) on the decoding thread, unless another request came meanwhile.
     */
    public synchronized void request(Path media, int size, BiConsumer<Snapshot, String> done) {
        wanted = media;
        Snapshot known = recent.get(media);
        if (known != null) {
            done.accept(known, null);
            return;
        }
        executor.execute(() -> {
            synchronized (this) {
                if (!media.equals(wanted)) {
                    return;
                }
            }
            try {
                Snapshot s = decode(media, size);
                synchronized (this) {
                    recent.put(media, s);
                }
                done.accept(s, null);
            } catch (IOException | RuntimeException | LinkageError e) {
                done.accept(null, media.getFileName() + ": " + e);
            }
        });
    }

    /** The frame at the clip's most active instant (see the class comment). */
    static Snapshot decode(Path media, int size) throws IOException {
        if (!Files.isRegularFile(media)) {
            throw new IOException("no such file");
        }
        double time = Double.NaN;
        String why = "middle frame";
        List<TimeMarker> events = ClipSidecar.markers(media);
        for (TimeMarker e : events) {
            if (SOUND_EVENTS.contains(e.kind())) {
                time = e.start();
                why = "first sound event (" + e.kind() + ")";
                break;
            }
        }
        try (FrameSource source = FrameSource.open(media)) {
            if (Double.isNaN(time) || time >= source.duration()) {
                time = source.duration() / 2;
                why = "middle frame";
            }
            return new Snapshot(source.frameAt(time, size, size), time, why);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
