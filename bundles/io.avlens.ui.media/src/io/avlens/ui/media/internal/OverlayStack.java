package io.avlens.ui.media.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;

import io.avlens.media.MediaInfo;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoOverlay;

/**
 * The overlays of the clip a Video view shows: opens every registered {@link VideoOverlay} for the clip in a job of
 * its own, keeps the layers that have something for it, draws them in name order and frees them when the clip
 * changes, and again when an overlay comes or goes in the {@link VideoOverlays} whiteboard. What the user chose for
 * an overlay (on/off, opacity) stays for the next clip. UI thread, except the jobs.
 */
public final class OverlayStack {

    private record Choice(boolean enabled, double opacity) {
    }

    private final Display display;
    private final Runnable slotsChanged;
    private final Runnable choiceChanged;
    private final List<OverlaySlot> slots = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final Map<String, Choice> choices = new HashMap<>();
    private final Runnable registryChanged = () -> post(this::reopen);
    private VideoOverlays registry;
    private MediaInfo clip;
    private String title = "";
    /** Counts opens: a layer that arrives for a clip no longer shown is disposed. */
    private long generation;

    /**
     * @param slotsChanged  runs on the UI thread after a slot was added or the slots were closed
     * @param choiceChanged runs on the UI thread after an overlay was turned on or off or its opacity changed
     */
    public OverlayStack(Display display, Runnable slotsChanged, Runnable choiceChanged) {
        this.display = display;
        this.slotsChanged = slotsChanged;
        this.choiceChanged = choiceChanged;
    }

    /**
     * Takes the overlays from {@code overlays} (null: none) from now on, and again whenever one is registered or
     * unregistered there.
     */
    public void setRegistry(VideoOverlays overlays) {
        if (registry != null) {
            registry.removeListener(registryChanged);
        }
        registry = overlays;
        if (registry != null) {
            registry.addListener(registryChanged);
        }
        reopen();
    }

    private void reopen() {
        if (!display.isDisposed()) {
            open(clip, title);
        }
    }

    /** Opens the registered overlays for {@code media} (null: none), after closing the layers of the clip before. */
    public void open(MediaInfo media, String clipTitle) {
        close();
        clip = media;
        title = clipTitle;
        long thisOpen = generation;
        if (media == null || registry == null) {
            return;
        }
        for (VideoOverlay overlay : registry.all()) {
            Job job = Job.create(overlay.name() + " of " + clipTitle, (IProgressMonitor monitor) -> {
                OverlaySlot slot;
                try {
                    VideoOverlay.Layer layer = overlay.open(media, monitor);
                    if (layer == null || monitor.isCanceled()) {
                        return Status.OK_STATUS;
                    }
                    slot = new OverlaySlot(overlay, layer, null);
                } catch (IOException | RuntimeException e) {
                    slot = new OverlaySlot(overlay, null, e.getMessage());
                }
                OverlaySlot result = slot;
                post(() -> added(thisOpen, result));
                return result.problem() == null ? Status.OK_STATUS : Status.info(result.problem());
            });
            jobs.add(job);
            job.schedule();
        }
    }

    private void post(Runnable code) {
        try {
            if (!display.isDisposed()) {
                display.asyncExec(code);
            }
        } catch (SWTException e) {
            // the display was disposed after the check: the workbench is closing
        }
    }

    private void added(long open, OverlaySlot slot) {
        if (open != generation) {
            slot.dispose();
            return;
        }
        Choice choice = choices.get(slot.name());
        if (choice != null) {
            slot.setEnabled(choice.enabled());
            slot.setOpacity(choice.opacity());
        }
        slots.add(slot);
        slots.sort((a, b) -> a.name().compareTo(b.name()));
        if (slot.layer() != null) {
            slot.layer().onChange(() -> post(() -> {
                if (slots.contains(slot)) {
                    slotsChanged.run();
                }
            }));
        }
        slotsChanged.run();
    }

    /** The overlays of the clip on show, by name (also those whose layer failed to open). */
    public List<OverlaySlot> slots() {
        return List.copyOf(slots);
    }

    /** The slot of the overlay named {@code name}, or null. */
    public OverlaySlot slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Turns an overlay on or off and remembers it for the next clips. */
    public void setEnabled(OverlaySlot slot, boolean on) {
        slot.setEnabled(on);
        choices.put(slot.name(), new Choice(on, slot.opacity()));
        choiceChanged.run();
    }

    /** Sets an overlay's opacity (0..1) and remembers it for the next clips. */
    public void setOpacity(OverlaySlot slot, double opacity) {
        slot.setOpacity(opacity);
        Choice before = choices.get(slot.name());
        choices.put(slot.name(), new Choice(before == null || before.enabled(), slot.opacity()));
        choiceChanged.run();
    }

    /** Draws the enabled layers, in name order, each at its own opacity. */
    public void paint(GC gc, OverlayFrame frame) {
        for (OverlaySlot slot : slots) {
            slot.paint(gc, frame);
        }
    }

    /**
     * What the enabled layers show at frame pixel ({@code fx}, {@code fy}) of {@code frame}, one line per layer with
     * something to say there, or an empty string.
     */
    public String valueAt(OverlayFrame frame, double fx, double fy) {
        StringBuilder text = new StringBuilder();
        for (OverlaySlot slot : slots) {
            String value = slot.enabled() ? slot.layer().valueAt(frame, fx, fy) : null;
            if (value != null && !value.isEmpty()) {
                text.append(text.isEmpty() ? "" : "   ").append(value);
            }
        }
        return text.toString();
    }

    /** Cancels the jobs and frees the layers of the clip on show. */
    public void close() {
        generation++;
        clip = null;
        jobs.forEach(Job::cancel);
        jobs.clear();
        boolean had = !slots.isEmpty();
        slots.forEach(OverlaySlot::dispose);
        slots.clear();
        if (had) {
            slotsChanged.run();
        }
    }
}
