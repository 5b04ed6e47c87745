package io.avlens.ui.similarity.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.ui.widgets.HeatmapCanvas;

/** The zero-lag diagonal (white, dashed) and, where the estimate finds a lag, the lag line (green) of a volume. */
final class SyncLinesLayer implements HeatmapCanvas.Layer {

    private final SimilarityCanvas canvas;

    SyncLinesLayer(SimilarityCanvas canvas) {
        this.canvas = canvas;
    }

    @Override
    public void paint(GC gc, Rectangle plot) {
        SimilarityVolume volume = canvas.volume();
        double v0 = volume.videoBase().timeOf(-0.5);
        double v1 = volume.videoBase().timeOf(volume.videoSteps() - 0.5);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setLineStyle(SWT.LINE_DASH);
        gc.drawLine(canvas.xOfVideo(v0), canvas.yOfAudio(v0), canvas.xOfVideo(v1), canvas.yOfAudio(v1));
        gc.setLineStyle(SWT.LINE_SOLID);
        SyncEstimate estimate = canvas.estimate();
        if (estimate != null && estimate.lagSteps() != 0) {
            double lag = estimate.lagSeconds();
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_GREEN));
            gc.setLineWidth(2);
            gc.drawLine(canvas.xOfVideo(v0), canvas.yOfAudio(v0 + lag), canvas.xOfVideo(v1),
                    canvas.yOfAudio(v1 + lag));
            gc.setLineWidth(1);
        }
    }
}
