package io.avlens.ui.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.avlens.ui.context.AnalysisContext;

/**
 * The soundtracks of one open clip and the one that plays: the clip's own sound ({@link #ORIGINAL}) or an
 * alternative {@link Soundtrack} that any bundle adds (a generated sample, a guidance-grid cell). Shared by the views
 * of the clip through {@link AnalysisContext#attachment}: the Video view plays the chosen one with the clip's frames,
 * and a switch while playing keeps the playback position (the clock goes on at the same media time); the Timeline
 * view draws the compared soundtrack's lanes beside the original's.
 *
 * <p>UI thread: listeners run synchronously inside {@link #add} and {@link #choose}, so a view can switch the sound
 * in the same event (a grid cell clicked, an arrow key) without a round trip through the event loop.
 */
public final class Soundtracks {

    /** The id of the clip's own sound. */
    public static final String ORIGINAL = "original";

    private final Map<String, Soundtrack> tracks = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private String chosen = ORIGINAL;
    private String compared;
    private long choiceNanos;

    private Soundtracks(AnalysisContext context) {
    }

    /** The soundtracks of {@code context}'s clip (only the original until one is added). */
    public static Soundtracks of(AnalysisContext context) {
        return context.attachment(Soundtracks.class, Soundtracks::new);
    }

    /** Adds {@code track} (replacing one with the same id) and tells the listeners; it does not play it yet. */
    public void add(Soundtrack track) {
        tracks.put(track.id(), track);
        compared = track.id();
        changed();
    }

    /** The alternative soundtracks, in the order added. */
    public List<Soundtrack> all() {
        return new ArrayList<>(tracks.values());
    }

    /** The soundtrack with {@code id}, or null (also for {@link #ORIGINAL}). */
    public Soundtrack get(String id) {
        return tracks.get(id);
    }

    /**
     * Plays the soundtrack {@code id} ({@link #ORIGINAL} or null: the clip's own) from now on, and tells the listeners.
     *
     * @throws IllegalArgumentException when no soundtrack has that id
     */
    public void choose(String id) {
        String wanted = id == null ? ORIGINAL : id;
        if (!ORIGINAL.equals(wanted) && !tracks.containsKey(wanted)) {
            throw new IllegalArgumentException("no soundtrack '" + wanted + "' for this clip; it has " + tracks.keySet());
        }
        choiceNanos = System.nanoTime();
        if (!wanted.equals(chosen)) {
            chosen = wanted;
            if (!ORIGINAL.equals(wanted)) {
                compared = wanted;
            }
            changed();
        }
    }

    /** The id of the soundtrack chosen to play, {@link #ORIGINAL} for the clip's own. */
    public String chosenId() {
        return chosen;
    }

    /** The soundtrack chosen to play, or null for the clip's own sound. */
    public Soundtrack chosen() {
        return tracks.get(chosen);
    }

    /**
     * The alternative soundtrack the time views compare with the original: the chosen one, else the one chosen or
     * added last; null while there is none.
     */
    public Soundtrack compared() {
        return compared == null ? null : tracks.get(compared);
    }

    /** {@link System#nanoTime()} of the last {@link #choose}, for measuring how fast a switch is heard. */
    public long choiceNanos() {
        return choiceNanos;
    }

    /** Runs {@code listener} after every change of the soundtracks or of the choice (UI thread). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
