package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.io.AtomicFiles;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.widgets.HeatmapCanvas;

/** PNG exports of what the heatmap views draw. UI thread; files are written atomically. */
public final class HeatmapExport {

    private HeatmapExport() {
    }

    /**
     * Writes the picture of {@code video} with its overlays (the heatmap among them) as a PNG, at the size it is
     * shown.
     *
     * @throws IOException naming the file and the problem, or saying there is no picture
     */
    public static void overlayPng(VideoView video, Path file) throws IOException {
        Rectangle picture = video == null ? null : video.pictureArea();
        if (picture == null) {
            throw new IOException(file + ": the Video view shows no picture to export");
        }
        png(file, picture.x + picture.width, picture.y + picture.height, video::paint, picture);
    }

    /** An image of {@code control}'s size drawn by {@code painter} (the control's own paint); the caller disposes it. */
    public static Image snapshot(Control control, Consumer<GC> painter) {
        Point size = control.getSize();
        Image image = new Image(control.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            painter.accept(gc);
        } finally {
            gc.dispose();
        }
        return image;
    }

    /**
     * Writes {@code width × height} pixels drawn by {@code painter} as a PNG (cropped to {@code crop} when not null).
     *
     * @throws IOException naming the file and the problem
     */
    public static void png(Path file, int width, int height, Consumer<GC> painter, Rectangle crop)
            throws IOException {
        Display display = Display.getCurrent();
        Image image = new Image(display, Math.max(1, width), Math.max(1, height));
        ImageData data;
        try {
            GC gc = new GC(image);
            try {
                painter.accept(gc);
            } finally {
                gc.dispose();
            }
            data = image.getImageData();
        } finally {
            image.dispose();
        }
        if (crop != null) {
            Image whole = new Image(display, data);
            Image part = new Image(display, crop.width, crop.height);
            try {
                GC gc = new GC(part);
                gc.drawImage(whole, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
                gc.dispose();
                data = part.getImageData();
            } finally {
                whole.dispose();
                part.dispose();
            }
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        try {
            AtomicFiles.write(file, out -> loader.save(out, SWT.IMAGE_PNG));
        } catch (SWTException e) {
            throw new IOException(file + ": cannot write the PNG: " + e.getMessage(), e);
        }
    }

    /** Writes the Heads view's panels and, under them, its curves as a PNG, at the size they are shown. */
    public static void headsPng(Path file, HeadPanels panels, ActivationCurves curves) throws IOException {
        Point panelSize = panels.control().getSize();
        Point curveSize = curves.getSize();
        int width = Math.max(panelSize.x, curveSize.x);
        List<Image> parts = new ArrayList<>();
        try {
            List<Point> at = new ArrayList<>();
            for (HeatmapCanvas c : panels.canvases()) {
                parts.add(snapshot(c, c::paint));
                at.add(c.getLocation());
            }
            parts.add(snapshot(curves, curves::paint));
            at.add(new Point(0, panelSize.y));
            png(file, width, panelSize.y + curveSize.y, gc -> {
                gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
                gc.fillRectangle(0, 0, width, panelSize.y + curveSize.y);
                for (int i = 0; i < parts.size(); i++) {
                    gc.drawImage(parts.get(i), at.get(i).x, at.get(i).y);
                }
            }, null);
        } finally {
            parts.forEach(Image::dispose);
        }
    }
}
