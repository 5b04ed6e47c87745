package io.avlens.ui.similarity.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.core.io.AtomicFiles;

/** Writes what a {@link SimilarityCanvas} shows: the picture as PNG, the numbers as CSV or .npy. UI thread. */
public final class SimilarityExport {

    /** The export formats. */
    public enum Format {
        PNG("png", "a PNG picture of the view"),
        CSV("csv", "CSV (times in the first row and column)"),
        NPY("npy", "a NumPy .npy array [audio steps, video steps]");

        private final String extension;
        private final String description;

        Format(String extension, String description) {
            this.extension = extension;
            this.description = description;
        }

        /** File extension without the dot. */
        public String extension() {
            return extension;
        }

        /** What the file holds, for dialogs. */
        public String description() {
            return description;
        }
    }

    private SimilarityExport() {
    }

    /**
     * Writes {@code canvas}'s volume to {@code file} atomically.
     *
     * @throws IOException naming the file and the problem (also when the canvas shows nothing)
     */
    public static void write(Path file, Format format, SimilarityCanvas canvas) throws IOException {
        SimilarityVolume volume = canvas.volume();
        if (volume == null) {
            throw new IOException(file + ": nothing to export, the view shows no similarity volume");
        }
        try {
            switch (format) {
                case PNG -> {
                    ImageData picture = render(canvas);
                    AtomicFiles.write(file, out -> {
                        ImageLoader loader = new ImageLoader();
                        loader.data = new ImageData[] {picture};
                        loader.save(out, SWT.IMAGE_PNG);
                    });
                }
                case CSV -> SimilarityFiles.writeCsv(file, volume);
                case NPY -> SimilarityFiles.writeNpy(file, volume);
                default -> throw new IllegalStateException(format.toString());
            }
        } catch (IOException | SWTException e) {
            throw new IOException(file + ": cannot write the " + format.extension().toUpperCase() + " file ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The canvas drawn into an off-screen image of its size. */
    private static ImageData render(SimilarityCanvas canvas) {
        Rectangle area = canvas.getClientArea();
        Image image = new Image(canvas.getDisplay(), Math.max(1, area.width), Math.max(1, area.height));
        GC gc = new GC(image);
        try {
            canvas.paint(gc);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
