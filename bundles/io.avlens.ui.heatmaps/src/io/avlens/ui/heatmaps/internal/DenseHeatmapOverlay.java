package io.avlens.ui.heatmaps.internal;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.avlens.media.MediaInfo;
import io.avlens.ui.media.VideoOverlay;

/**
 * DenseAV heatmaps over the Video view: the heatmap of the frame on show at the audio time of the shared cursor (or
 * the pinned one), computed by the chosen DenseAV model through the runner. Not listed while no DenseAV model is
 * installed or the clip has no picture.
 */
@Component(service = VideoOverlay.class)
public final class DenseHeatmapOverlay implements VideoOverlay {

    /** The overlay's name in the Video view. */
    public static final String NAME = "DenseAV heatmap";

    @Reference
    private DenseHeatmaps heatmaps;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double defaultOpacity() {
        return 0.8;
    }

    @Override
    public Layer open(MediaInfo clip, IProgressMonitor monitor) throws IOException {
        if (!clip.hasVideo() || heatmaps.model() == null) {
            return null;
        }
        heatmaps.await(clip.path(), monitor);
        return new HeatmapLayer(heatmaps, clip.path());
    }
}
