package io.avlens.ui.media.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleToIntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeMarker;
import io.avlens.core.time.TimeRange;

/**
 * The annotations of the {@link TimelineCanvas}: ground-truth and other markers (a coloured flag per kind, a band for
 * the ones with a duration, ticks on the spectrogram's edges) and bookmarks, in the lane above the plots, and what
 * the pointer is on there. Immutable.
 *
 * @param markers   the markers, in drawing order
 * @param bookmarks the bookmarks
 */
record MarkerLane(List<TimeMarker> markers, List<Bookmark> bookmarks) {

    /** No annotations. */
    static final MarkerLane EMPTY = new MarkerLane(List.of(), List.of());

    /** Copies the lists. */
    MarkerLane {
        markers = List.copyOf(markers);
        bookmarks = List.copyOf(bookmarks);
    }

    /**
     * Draws what falls into {@code window}.
     *
     * @param xOf         canvas x of a media time
     * @param top         top of the lane
     * @param height      height of the lane
     * @param plot        the plots below the lane (bookmark lines run down to its bottom)
     * @param spectrogram where the markers' ticks go
     */
    void draw(GC gc, Display display, TimeRange window, DoubleToIntFunction xOf, int top, int height, Rectangle plot,
            Rectangle spectrogram) {
        gc.setLineStyle(SWT.LINE_SOLID);
        for (TimeMarker m : markers) {
            if (m.end() < window.start() || m.start() > window.end()) {
                continue;
            }
            Color c = new Color(colorOf(m.kind()));
            gc.setBackground(c);
            gc.setForeground(c);
            int x0 = xOf.applyAsInt(m.start());
            int x1 = Math.max(x0 + 1, xOf.applyAsInt(m.end()));
            if (m.duration() > 0) {
                gc.setAlpha(90);
                gc.fillRectangle(x0, top + 4, x1 - x0, height - 8);
                gc.setAlpha(255);
            }
            gc.fillPolygon(new int[] {x0 - 5, top, x0 + 5, top, x0, top + height - 6});
            gc.drawLine(x0, spectrogram.y, x0, spectrogram.y + 6);
            gc.drawLine(x0, spectrogram.y + spectrogram.height - 6, x0, spectrogram.y + spectrogram.height);
        }
        for (Bookmark b : bookmarks) {
            if (window.contains(b.time())) {
                int x = xOf.applyAsInt(b.time());
                gc.setBackground(new Color(0xE3, 0xB5, 0x05));
                gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
                gc.drawLine(x, top, x, plot.y + plot.height);
                gc.fillRectangle(x + 1, top, 8, 6);
            }
        }
    }

    /**
     * The markers' ticks on the edges of another lane {@code r} (a generated or difference spectrogram), so the
     * ground-truth events stay visible over every sound lane.
     */
    void drawTicks(GC gc, TimeRange window, DoubleToIntFunction xOf, Rectangle r) {
        gc.setLineStyle(SWT.LINE_SOLID);
        for (TimeMarker m : markers) {
            if (m.end() < window.start() || m.start() > window.end()) {
                continue;
            }
            gc.setForeground(new Color(colorOf(m.kind())));
            int x0 = xOf.applyAsInt(m.start());
            gc.drawLine(x0, r.y, x0, r.y + 6);
            gc.drawLine(x0, r.y + r.height - 6, x0, r.y + r.height);
        }
    }

    /**
     * The first marker the pointer at canvas {@code x} (media time {@code t}) is on — within 5 px of its flag, or
     * inside its band — as {@code "   kind: label @ 1.234 s"}; empty when none.
     */
    String describeAt(double t, int x, DoubleToIntFunction xOf) {
        for (TimeMarker m : markers) {
            if (Math.abs(xOf.applyAsInt(m.start()) - x) <= 5 || m.duration() > 0 && t >= m.start() && t <= m.end()) {
                return "   " + m.kind() + (m.label().isEmpty() ? "" : ": " + m.label())
                        + String.format(Locale.ROOT, " @ %.3f s", m.start());
            }
        }
        return "";
    }

    /** A stable, distinct colour per marker kind. */
    static RGB colorOf(String kind) {
        return switch (kind) {
            case "hit" -> new RGB(0xD6, 0x27, 0x28);
            case "scratch", "slide" -> new RGB(0xFF, 0x7F, 0x0E);
            case "speech", "word" -> new RGB(0x94, 0x67, 0xBD);
            case "offscreen" -> new RGB(0x8C, 0x56, 0x4B);
            case "narration" -> new RGB(0x2C, 0xA0, 0x2C);
            default -> {
                float hue = (kind.hashCode() & 0x7fffffff) % 360;
                yield new RGB(hue, 0.7f, 0.8f);
            }
        };
    }
}
