package io.avlens.ui.similarity.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.ui.widgets.HeatmapCanvas;

/**
 * Greys the part of a volume that is padding: the video columns and audio rows past the clip's end, which the model
 * saw as black frames and silence because the clip is shorter than its window. They are drawn dimmed and labelled,
 * so they are not read as the clip's own similarities.
 */
final class PaddingLayer implements HeatmapCanvas.Layer {

    static final String LABEL = "padding";

    private final SimilarityCanvas canvas;

    PaddingLayer(SimilarityCanvas canvas) {
        this.canvas = canvas;
    }

    @Override
    public void paint(GC gc, Rectangle plot) {
        SimilarityVolume volume = canvas.volume();
        double padded = canvas.paddedSeconds();
        if (volume == null || !(padded > 0) || !canvas.inSeconds()) {
            return;
        }
        double videoEnd = volume.videoBase().timeOf(volume.videoSteps() - 0.5) - padded;
        double audioEnd = volume.audioBase().timeOf(volume.audioSteps() - 0.5) - padded;
        int x = Math.max(plot.x, Math.min(plot.x + plot.width, canvas.xOfVideo(videoEnd)));
        int y = Math.max(plot.y, Math.min(plot.y + plot.height, canvas.yOfAudio(audioEnd)));
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_GRAY));
        gc.setAlpha(170);
        gc.fillRectangle(x, plot.y, plot.x + plot.width - x, plot.height); // video past the clip's end
        gc.fillRectangle(plot.x, y, x - plot.x, plot.y + plot.height - y); // audio past it, not twice
        gc.setAlpha(255);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawLine(x, plot.y, x, plot.y + plot.height);
        gc.drawLine(plot.x, y, plot.x + plot.width, y);
        Point size = gc.textExtent(LABEL);
        if (plot.x + plot.width - x >= size.x + 4) {
            gc.drawText(LABEL, x + 3, plot.y + 3, true);
        } else if (plot.y + plot.height - y >= size.y + 2) {
            gc.drawText(LABEL, plot.x + 3, y + 2, true);
        }
    }
}
