package io.avlens.ui.media.internal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

import io.avlens.core.color.ColorMap;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeMarker;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.ui.widgets.CachedImage;

/**
 * Waveform and log-mel spectrogram of a clip (drawn by {@link SoundLanes}) on one time axis, with annotation
 * markers, bookmarks, the cursor and a selected range. With a generated soundtrack beside it, the lanes of the
 * original, the generated sound or both ({@link SoundMode}) and, on request, their difference ({@link TimelineSounds},
 * {@link LaneLayout}). Everything except the cursor and the selection is drawn once
 * into a cached image per window and size, so moving the cursor (scrubbing, playback) costs one image blit and two
 * lines.
 *
 * <p>Mouse ({@link TimelineGestures}): click sets the cursor, drag selects a range, shift-click extends it, the wheel
 * zooms around the pointer, shift-wheel, the scroll bar or a right/middle drag pan, double-click zooms to the
 * selection (or shows all).
 */
public final class TimelineCanvas extends Canvas {

    /** What the user did on the canvas; each method does nothing unless overridden. */
    public interface Listener {
        /** The cursor was set (click or while dragging a range's end). */
        default void selected(TimeSelection selection, boolean adjusting) {
        }

        /** The visible window was zoomed or panned. */
        default void windowChanged(TimeRange window) {
        }

        /** Text describing what is under the pointer, or empty. */
        default void hover(String text) {
        }
    }

    private static final int LEFT = 56;
    private static final int RIGHT = 70;
    private static final int MARKER_LANE = 20;
    private static final int AXIS = 24;
    private static final double MIN_WINDOW = 0.05;
    /** The scroll bar's range: the clip's length in this many units. */
    static final int SCROLL_UNITS = 1000;

    private Listener listener = new Listener() {
    };
    /** The clip's sound (null until its analysis arrives), a generated one, and how their lanes are drawn. */
    private final TimelineSounds sounds;
    private TimeRange extent = new TimeRange(0, 1);
    private TimeRange window = extent;
    private TimeSelection selection = TimeSelection.at(0);
    private double audioCursor = Double.NaN;
    private MarkerLane lane = MarkerLane.EMPTY;
    private String message = "No clip";

    private final CachedImage background = new CachedImage();
    private boolean backgroundValid;
    private long lastPaintNanos;
    private long lastBackgroundNanos;

    /** @param parent the parent */
    public TimelineCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND | SWT.H_SCROLL);
        sounds = new TimelineSounds(getDisplay());
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> invalidate());
        new TimelineGestures(this);
        addListener(SWT.MouseExit, e -> listener.hover(""));
        addListener(SWT.Dispose, e -> disposeImages());
        updateScrollBar();
    }

    /**
     * The generated sound to compare with the clip's own (null: none), made as the original's spectrogram was (same
     * spec and frame rate), and its name for the lanes' tags.
     */
    public void setGenerated(float[] audio, int rate, FloatTensor spectrogram, double framesPerSecond,
            double[] detected, String label) {
        sounds.setGenerated(audio == null ? null
                : new SoundLanes(audio, rate, spectrogram, framesPerSecond, ClipSound.DISPLAY_MEL, detected), label);
        invalidate();
    }

    /** Which sound's lanes show when a generated sound is there. */
    public void setSoundMode(SoundMode newMode) {
        sounds.setMode(newMode);
        invalidate();
    }

    /** The sound mode. */
    public SoundMode soundMode() {
        return sounds.mode();
    }

    /** Shows or hides the lane of generated − original log-mel. */
    public void setDifferenceShown(boolean shown) {
        sounds.setDifferenceShown(shown);
        invalidate();
    }

    /** Whether a generated sound is there to compare. */
    public boolean hasGenerated() {
        return sounds.hasGenerated();
    }

    /** The lanes shown now, top to bottom, as (kind, source) names, e.g. {@code "SPECTROGRAM GENERATED"}; tests. */
    public List<String> laneNames() {
        return lanes().stream().map(l -> l.kind() + " " + l.source()).toList();
    }

    /** The rectangle of the difference lane, or null when it is not shown; tests. */
    public Rectangle differenceArea() {
        return lanes().stream().filter(l -> l.kind() == LaneLayout.Kind.DIFFERENCE).map(LaneLayout.Lane::area)
                .findFirst().orElse(null);
    }

    /** Generated − original at band {@code bin}, spectrogram frame {@code frame} (1 = 100 dB), NaN without both. */
    public double differenceAt(int bin, int frame) {
        SoundLanes d = sounds.difference();
        return d == null || frame >= d.frames() ? Double.NaN : d.value(bin, frame);
    }

    private List<LaneLayout.Lane> lanes() {
        return sounds.lanes(plotArea());
    }

    /** Receives the user's changes. */
    public void setListener(Listener newListener) {
        this.listener = Objects.requireNonNull(newListener);
    }

    /** Shows nothing but {@code text} (loading, an error). */
    public void setMessage(String text) {
        message = text;
        invalidate();
    }

    /** The clip's length. */
    public void setExtent(TimeRange newExtent) {
        extent = newExtent.duration() > 0 ? newExtent : new TimeRange(newExtent.start(), newExtent.start() + 1);
        window = window.shiftedInto(extent);
        updateScrollBar();
        invalidate();
    }

    /**
     * The sound to draw.
     *
     * @param audio      mono samples
     * @param rate       their sample rate
     * @param spectrogram {@code [bins, frames]}, bin 0 lowest, values in the colour scale's range
     * @param framesPerSecond spectrogram frame rate
     * @param spec       how the spectrogram was made (for the frequency axis)
     * @param detected   detected onset times, seconds
     */
    public void setSound(float[] audio, int rate, FloatTensor spectrogram, double framesPerSecond, MelSpec spec,
            double[] detected) {
        sounds.setSound(new SoundLanes(audio, rate, spectrogram, framesPerSecond, spec, detected));
        message = null;
        invalidate();
    }

    /** Colour map of the spectrogram. */
    public void setColorMap(ColorMap map) {
        sounds.setColorMap(map);
        invalidate();
    }

    /** The colour map in use. */
    public ColorMap colorMap() {
        return sounds.colorMap();
    }

    /** Shows {@code newWindow} (kept inside the clip, at least 50 ms). */
    public void setWindow(TimeRange newWindow) {
        TimeRange w = newWindow.duration() < MIN_WINDOW
                ? TimeRange.ofDuration(newWindow.start() + newWindow.duration() / 2 - MIN_WINDOW / 2, MIN_WINDOW)
                : newWindow;
        w = w.shiftedInto(extent);
        if (!w.equals(window)) {
            window = w;
            updateScrollBar();
            invalidate();
        }
    }

    /** The visible window. */
    public TimeRange window() {
        return window;
    }

    /** The clip's length. */
    TimeRange extent() {
        return extent;
    }

    /** Whether the canvas shows a message instead of a clip. */
    boolean showsMessage() {
        return message != null;
    }

    /** Who receives the user's changes. */
    Listener listener() {
        return listener;
    }

    /** Cursor and range; only the overlay is redrawn. */
    public void setSelection(TimeSelection newSelection) {
        if (!newSelection.equals(selection)) {
            selection = newSelection;
            redraw();
        }
    }

    /**
     * The audio time paired with the cursor (a similarity cell's audio time), drawn as a second, dashed cursor; NaN
     * for none. Only the overlay is redrawn.
     */
    public void setAudioCursor(double seconds) {
        if (Double.compare(seconds, audioCursor) != 0) {
            audioCursor = seconds;
            redraw();
        }
    }

    /** The paired audio time shown, or NaN. */
    public double audioCursor() {
        return audioCursor;
    }

    /** Ground-truth and other markers. */
    public void setMarkers(List<TimeMarker> newMarkers, List<Bookmark> newBookmarks) {
        lane = new MarkerLane(newMarkers, newBookmarks);
        invalidate();
    }

    /** Whether the sound is shown (analysis finished). */
    public boolean hasSound() {
        return message == null && sounds.hasSound();
    }

    /** The cursor and range shown. */
    public TimeSelection selection() {
        return selection;
    }

    /** The markers shown. */
    public List<TimeMarker> markers() {
        return lane.markers();
    }

    /** Nanoseconds the last paint took (cursor moves: blit + overlay). */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    /** Nanoseconds the last full rendering of waveform, spectrogram and axes took. */
    public long lastBackgroundNanos() {
        return lastBackgroundNanos;
    }

    /** The plot rectangle shared by the lanes (x range = the visible window). */
    public Rectangle plotArea() {
        Rectangle c = getClientArea();
        return new Rectangle(c.x + LEFT, c.y + MARKER_LANE, Math.max(1, c.width - LEFT - RIGHT),
                Math.max(1, c.height - MARKER_LANE - AXIS));
    }

    /** The (first) spectrogram's rectangle. */
    public Rectangle spectrogramArea() {
        return lanes().stream().filter(l -> l.kind() != LaneLayout.Kind.WAVE).findFirst().orElseThrow().area();
    }

    /** The media time at canvas x. */
    public double timeAt(int x) {
        Rectangle p = plotArea();
        return window.start() + (x - p.x) / (double) p.width * window.duration();
    }

    /** The canvas x of media time {@code t}. */
    public int xOf(double t) {
        Rectangle p = plotArea();
        return p.x + (int) Math.round((t - window.start()) / window.duration() * p.width);
    }

    private void invalidate() {
        backgroundValid = false;
        redraw();
    }

    private void paint(Event e) {
        paint(e.gc);
    }

    /**
     * Draws the canvas into {@code gc}: the cached background (rendered first when the window, size or data
     * changed) and the cursor and selection over it. The paint listener calls this; benchmarks call it with an
     * off-screen GC.
     */
    public void paint(GC gc) {
        long t0 = System.nanoTime();
        Rectangle client = getClientArea();
        if (client.width <= 0 || client.height <= 0) {
            return;
        }
        if (!backgroundValid || !background.fits(client)) {
            renderBackground(client);
        }
        gc.drawImage(background.image(), 0, 0);
        if (message == null) {
            drawOverlay(gc);
        }
        lastPaintNanos = System.nanoTime() - t0;
    }

    private void renderBackground(Rectangle client) {
        long t0 = System.nanoTime();
        background.render(getDisplay(), client, gc -> drawBackground(gc, client));
        backgroundValid = true;
        lastBackgroundNanos = System.nanoTime() - t0;
    }

    private void drawBackground(GC gc, Rectangle client) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(client);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        if (message != null) {
            gc.drawText(message, LEFT, MARKER_LANE + 10, true);
        } else {
            List<LaneLayout.Lane> lanes = lanes();
            sounds.draw(gc, lanes, window);
            drawTimeAxis(gc);
            drawMarkers(gc, lanes);
            for (LaneLayout.Lane l : lanes.subList(2, lanes.size())) {
                lane.drawTicks(gc, window, this::xOf, l.area());
            }
            sounds.drawTags(gc, lanes);
        }
    }

    private void drawTimeAxis(GC gc) {
        Rectangle p = plotArea();
        int y = p.y + p.height + 2;
        int maxTicks = Math.max(2, p.width / 90);
        double step = TimeTicks.step(window.duration(), maxTicks);
        for (double t : TimeTicks.ticks(window.start(), window.end(), step)) {
            int x = xOf(t);
            gc.drawLine(x, y, x, y + 4);
            String s = TimeTicks.label(t, step);
            gc.drawText(s, x - gc.textExtent(s).x / 2, y + 5, true);
        }
        gc.drawText("s", p.x + p.width + 22, y + 5, true);
    }

    private void drawMarkers(GC gc, List<LaneLayout.Lane> lanes) {
        Rectangle p = plotArea();
        gc.setLineStyle(SWT.LINE_DOT);
        gc.setForeground(new Color(0xbb, 0xbb, 0xbb));
        for (double t : sounds.waveOnsets(lanes)) {
            if (window.contains(t)) {
                int x = xOf(t);
                gc.drawLine(x, p.y, x, p.y + lanes.get(0).area().height);
            }
        }
        lane.draw(gc, getDisplay(), window, this::xOf, p.y - MARKER_LANE + 2, MARKER_LANE, p, spectrogramArea());
    }

    private void drawOverlay(GC gc) {
        Rectangle p = plotArea();
        int top = p.y - MARKER_LANE;
        if (!selection.isCursor()) {
            int x0 = xOf(selection.range().start());
            int x1 = xOf(selection.range().end());
            gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
            gc.setAlpha(70);
            gc.fillRectangle(Math.max(p.x, x0), top, Math.min(p.x + p.width, x1) - Math.max(p.x, x0),
                    p.height + MARKER_LANE);
            gc.setAlpha(255);
        }
        double t = selection.cursor();
        if (window.contains(t)) {
            int x = xOf(t);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.setLineWidth(1);
            gc.drawLine(x, top, x, p.y + p.height);
        }
        if (window.contains(audioCursor)) {
            int x = xOf(audioCursor);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_CYAN));
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(x, top, x, p.y + p.height);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
    }

    /** Zooms by {@code factor} (< 1 zooms in) keeping {@code anchor} where it is on screen. */
    public void zoom(double factor, double anchor) {
        double duration = Math.max(MIN_WINDOW, Math.min(extent.duration(), window.duration() * factor));
        double frac = (anchor - window.start()) / window.duration();
        changeWindow(TimeRange.ofDuration(anchor - frac * duration, duration));
    }

    /** Moves the window by {@code seconds} (negative: earlier). */
    void pan(double seconds) {
        changeWindow(TimeRange.ofDuration(window.start() + seconds, window.duration()));
    }

    /** Shows {@code w} and tells the listener when the window moved. */
    void changeWindow(TimeRange w) {
        TimeRange before = window;
        setWindow(w);
        if (!window.equals(before)) {
            listener.windowChanged(window);
        }
    }

    private void updateScrollBar() {
        ScrollBar bar = getHorizontalBar();
        if (bar == null) {
            return;
        }
        int thumb = (int) Math.max(1, Math.round(window.duration() / extent.duration() * SCROLL_UNITS));
        bar.setValues((int) Math.round((window.start() - extent.start()) / extent.duration() * SCROLL_UNITS), 0,
                SCROLL_UNITS, Math.min(SCROLL_UNITS, thumb), Math.max(1, thumb / 10), Math.max(1, thumb));
    }

    /** Tells the listener what is under the pointer. */
    void hover(Event e) {
        Rectangle p = plotArea();
        if (message != null || !p.contains(e.x, Math.max(p.y, e.y))) {
            listener.hover("");
            return;
        }
        double t = timeAt(e.x);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.3f s", t));
        text.append(sounds.readout(lanes(), e.x, e.y, t));
        if (e.y < p.y) {
            text.append(lane.describeAt(t, e.x, this::xOf));
        }
        listener.hover(text.toString());
    }

    private void disposeImages() {
        background.dispose();
        sounds.dispose();
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 600 : wHint, hHint == SWT.DEFAULT ? 260 : hHint);
    }
}
