package io.avlens.ui.media;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.graphics.GC;

import io.avlens.media.MediaInfo;

/**
 * Something drawn over the Video view's picture, contributed by any bundle as an OSGi service (a DS
 * {@code @Component(service = VideoOverlay.class)}): ground-truth masks, a model's heatmap, detections. The view asks
 * every overlay for a {@link Layer} of each clip it shows; the user turns each layer on or off and sets its opacity
 * in the view's overlay panel, which also shows each layer's legend.
 */
public interface VideoOverlay {

    /** The name shown in the overlay panel, e.g. "Ground-truth masks"; unique among overlays. */
    String name();

    /** The opacity a layer starts with, 0 (invisible) to 1 (as drawn). */
    default double defaultOpacity() {
        return 1;
    }

    /**
     * Prepares the layer of {@code clip}: reads or computes what it draws. Called in a job, never on the UI thread;
     * it should honour {@code monitor}'s cancel.
     *
     * @return the layer, or null when this overlay has nothing for the clip (then it is not listed)
     * @throws IOException naming the file and the problem; the panel shows the message
     */
    Layer open(MediaInfo clip, IProgressMonitor monitor) throws IOException;

    /** What an overlay draws over one clip. Its methods run on the UI thread. */
    interface Layer {

        /** The colours this layer uses and what they mean, for the legend. */
        List<LegendEntry> legend();

        /**
         * Draws the layer at {@code frame}'s time into {@code gc}, whose alpha is already the user's opacity (a layer
         * that sets alpha itself multiplies by {@link OverlayFrame#opacity()}).
         */
        void paint(GC gc, OverlayFrame frame);

        /** Frees what the layer holds (images); called when the clip is no longer shown. */
        void dispose();

        /**
         * What the layer shows at frame pixel ({@code fx}, {@code fy}) of {@code frame}, for the view's status line
         * under the mouse, e.g. "head 1 S = 0.412"; null when it has nothing to say there.
         */
        default String valueAt(OverlayFrame frame, double fx, double fy) {
            return null;
        }

        /**
         * Called once, after the layer was opened, with what the layer runs (on any thread) when its picture or its
         * legend changed for a reason other than the time (e.g. the user chose other heads elsewhere): the view
         * redraws and shows the legend again.
         */
        default void onChange(Runnable changed) {
        }
    }
}
