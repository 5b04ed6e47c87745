package io.avlens.ui.media.internal;

import org.eclipse.swt.graphics.GC;

import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoOverlay;

/**
 * One overlay over the clip on show: its layer (or the problem that kept it from opening), whether it is drawn and
 * how opaque. UI thread.
 */
public final class OverlaySlot {

    private final VideoOverlay overlay;
    private final VideoOverlay.Layer layer;
    private final String problem;
    private boolean enabled = true;
    private double opacity;

    OverlaySlot(VideoOverlay overlay, VideoOverlay.Layer layer, String problem) {
        this.overlay = overlay;
        this.layer = layer;
        this.problem = problem;
        this.opacity = Math.max(0, Math.min(1, overlay.defaultOpacity()));
    }

    /** The overlay's name. */
    public String name() {
        return overlay.name();
    }

    /** The layer of the clip, or null when it could not be opened ({@link #problem()}). */
    public VideoOverlay.Layer layer() {
        return layer;
    }

    /** Why the layer could not be opened, or null. */
    public String problem() {
        return problem;
    }

    /** Whether the layer is drawn. */
    public boolean enabled() {
        return enabled && layer != null;
    }

    /** Turns the layer on or off. */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** The opacity it is drawn with, 0..1. */
    public double opacity() {
        return opacity;
    }

    /** Sets the opacity, clamped to 0..1. */
    public void setOpacity(double value) {
        opacity = Math.max(0, Math.min(1, value));
    }

    /** Draws the layer when enabled, at its opacity, at the time and place of {@code frame}. */
    void paint(GC gc, OverlayFrame frame) {
        if (!enabled()) {
            return;
        }
        int alpha = gc.getAlpha();
        gc.setAlpha((int) Math.round(opacity * 255));
        try {
            layer.paint(gc, new OverlayFrame(frame.videoTime(), frame.audioTime(), frame.frameWidth(),
                    frame.frameHeight(), frame.picture(), opacity));
        } finally {
            gc.setAlpha(alpha);
        }
    }

    void dispose() {
        if (layer != null) {
            layer.dispose();
        }
    }
}
