package io.avlens.ui.media.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.avlens.media.AudioSignal;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.media.Soundtrack;
import io.avlens.ui.media.Soundtracks;

/**
 * The Video view's "Sound:" list and what it does to the player: it lists the clip's own sound and the alternative
 * {@link Soundtracks}, and hands the chosen one to the {@link Player} without stopping it (the clock goes on at the
 * same media time). A soundtrack is decoded at the player's rate once, in a job, as soon as it is added, so a later
 * switch only swaps samples. UI thread.
 */
public final class SoundtrackChooser {

    private final Composite box;
    private final Combo combo;
    private final Consumer<String> problem;
    private AnalysisContext analysis;
    private Soundtracks tracks;
    private Supplier<Player> player;
    private Consumer<Runnable> post;
    private AudioSignal original;
    private String playing = Soundtracks.ORIGINAL;
    private final Runnable listener = this::changed;

    /**
     * @param parent  where the row of the label and the list goes (a one-column grid); hidden without a choice
     * @param problem shows why a soundtrack cannot play (names the file)
     */
    public SoundtrackChooser(Composite parent, Consumer<String> problem) {
        this.problem = problem;
        box = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(box);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 0).spacing(4, 0).applyTo(box);
        new Label(box, SWT.NONE).setText("Sound:");
        combo = new Combo(box, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        combo.setToolTipText("The sound that plays with the frames: the clip's own or a generated soundtrack;"
                + " switching while playing keeps the position");
        combo.addListener(SWT.Selection, e -> chosenInList());
        fill();
    }

    /**
     * Follows the soundtracks of {@code context} (null: none).
     *
     * @param currentPlayer the view's player now (it is replaced once the clip's sound is decoded)
     * @param onUiThread    runs code on the UI thread if the view still shows this clip by then
     */
    public void show(AnalysisContext context, Supplier<Player> currentPlayer, Consumer<Runnable> onUiThread) {
        close();
        analysis = context;
        player = currentPlayer;
        post = onUiThread;
        tracks = context == null ? null : Soundtracks.of(context);
        if (tracks != null) {
            tracks.addListener(listener);
        }
        fill();
    }

    /** The clip's own sound was decoded into a new player: the chosen soundtrack plays from now on. */
    public void originalDecoded(AudioSignal sound) {
        original = sound;
        playing = Soundtracks.ORIGINAL;
        changed();
    }

    /** The id of the soundtrack the player has now ({@link Soundtracks#ORIGINAL} for the clip's own). */
    public String playingId() {
        return playing;
    }

    /** The list, for tests. */
    public Combo combo() {
        return combo;
    }

    private void chosenInList() {
        if (tracks == null) {
            return;
        }
        int i = combo.getSelectionIndex();
        List<Soundtrack> all = tracks.all();
        tracks.choose(i <= 0 || i > all.size() ? Soundtracks.ORIGINAL : all.get(i - 1).id());
    }

    private void changed() {
        if (combo.isDisposed()) {
            return;
        }
        fill();
        if (tracks == null || original == null) {
            return;
        }
        for (Soundtrack t : tracks.all()) {
            SoundtrackSounds.of(analysis).playback(t, original.sampleRate()); // decoded before it is chosen
        }
        Soundtrack chosen = tracks.chosen();
        if (chosen == null) {
            swap(Soundtracks.ORIGINAL, original);
            return;
        }
        CompletableFuture<AudioSignal> sound = SoundtrackSounds.of(analysis).playback(chosen, original.sampleRate());
        if (sound.isDone() && !sound.isCompletedExceptionally()) {
            swap(chosen.id(), sound.join());
            return;
        }
        Soundtracks asked = tracks;
        sound.whenComplete((s, error) -> post.accept(() -> {
            if (asked != tracks || !chosen.id().equals(tracks.chosenId())) {
                return; // another clip or another soundtrack meanwhile
            }
            if (error == null) {
                swap(chosen.id(), s);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                problem.accept("Cannot play " + chosen.label() + ": " + cause.getMessage());
            }
        }));
    }

    private void swap(String id, AudioSignal sound) {
        Player p = player.get();
        if (p != null && !id.equals(playing)) {
            try {
                p.setAudio(sound);
                playing = id;
            } catch (IllegalArgumentException e) {
                problem.accept(e.getMessage());
            }
        }
    }

    private void fill() {
        if (combo.isDisposed()) {
            return;
        }
        List<Soundtrack> all = tracks == null ? List.of() : tracks.all();
        String[] items = new String[all.size() + 1];
        items[0] = "original";
        for (int i = 0; i < all.size(); i++) {
            items[i + 1] = all.get(i).label();
        }
        if (!List.of(items).equals(List.of(combo.getItems()))) {
            combo.setItems(items);
            boolean shown = !all.isEmpty(); // the row shows only when there is a choice
            box.setVisible(shown);
            ((org.eclipse.swt.layout.GridData) box.getLayoutData()).exclude = !shown;
            box.getParent().layout(true, true);
        }
        String chosen = tracks == null ? Soundtracks.ORIGINAL : tracks.chosenId();
        int index = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(chosen)) {
                index = i + 1;
            }
        }
        combo.select(index);
        combo.setEnabled(!all.isEmpty());
    }

    /** Stops following the clip's soundtracks. */
    public void close() {
        if (tracks != null) {
            tracks.removeListener(listener);
        }
        tracks = null;
        analysis = null;
        original = null;
        playing = Soundtracks.ORIGINAL;
    }
}
