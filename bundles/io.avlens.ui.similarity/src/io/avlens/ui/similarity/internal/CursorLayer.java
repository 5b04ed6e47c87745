package io.avlens.ui.similarity.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.ui.widgets.HeatmapCanvas;

/** The linked cursor on a volume: the column of the video cursor and the row of the paired audio time, in black. */
final class CursorLayer implements HeatmapCanvas.Layer {

    private final SimilarityCanvas canvas;
    private double video = Double.NaN;
    private double audio = Double.NaN;

    CursorLayer(SimilarityCanvas canvas) {
        this.canvas = canvas;
    }

    /** Moves the cursor; NaN for none. Returns whether it moved. */
    boolean moveTo(double videoSeconds, double audioSeconds) {
        if (Double.compare(videoSeconds, video) == 0 && Double.compare(audioSeconds, audio) == 0) {
            return false;
        }
        video = videoSeconds;
        audio = audioSeconds;
        return true;
    }

    double video() {
        return video;
    }

    double audio() {
        return audio;
    }

    @Override
    public void paint(GC gc, Rectangle p) {
        SimilarityVolume volume = canvas.volume();
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        if (!Double.isNaN(video)) {
            Rectangle column = canvas.cellBounds(0, volume.column(video));
            gc.drawRectangle(column.x, p.y, column.width, p.height - 1);
        }
        if (!Double.isNaN(audio)) {
            Rectangle row = canvas.cellBounds(volume.row(audio), 0);
            gc.drawRectangle(p.x, row.y, p.width - 1, row.height);
        }
    }
}
