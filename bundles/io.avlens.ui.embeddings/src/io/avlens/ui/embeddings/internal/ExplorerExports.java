package io.avlens.ui.embeddings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.core.io.AtomicFiles;
import io.avlens.ui.embeddings.EmbeddingExplorerView;

/**
 * The explorer's files: the view as PNG or SVG, the layout as CSV, and the selected clips as a subset file. The
 * project model has no subset of a dataset (a clip belongs to one split; an experiment's clip selection is the
 * experiment's own), so a subset is a text file of clip ids, one per line, after a comment naming the table.
 * Every file is written atomically. UI thread.
 */
public final class ExplorerExports {

    private ExplorerExports() {
    }

    /** Asks for a file and writes the view in {@code format} (PNG, SVG, CSV); errors go to a dialog. */
    public static void ask(Shell shell, EmbeddingExplorerView view, String format) {
        if (view.table() == null) {
            return;
        }
        String ext = format.toLowerCase(java.util.Locale.ROOT);
        Path file = choose(shell, "Export " + format, "embeddings." + ext, "*." + ext);
        if (file != null) {
            run(shell, file, () -> write(view, format, file));
        }
    }

    /** Asks for a file and writes the selected clips' ids into it. */
    public static void askSubset(Shell shell, EmbeddingExplorerView view) {
        if (view.table() == null || view.selection().isEmpty()) {
            MessageDialog.openInformation(shell, "Save Subset", "Select clips first (Lasso or Box).");
            return;
        }
        Path file = choose(shell, "Save Subset", "subset.txt", "*.txt");
        if (file != null) {
            run(shell, file, () -> subset(view.table(), view.selection(), view.folder(), file));
        }
    }

    /** Writes the view in {@code format} (PNG, SVG or CSV). */
    public static void write(EmbeddingExplorerView view, String format, Path file) throws IOException {
        ScatterCanvas canvas = view.canvas();
        EmbeddingTable table = view.table();
        switch (format) {
            case "PNG" -> {
                byte[] png = Pixels.png(canvas.renderNow());
                AtomicFiles.write(file, out -> out.write(png));
            }
            case "SVG" -> {
                ImageData picture = canvas.renderNow();
                ScatterExport.svg(file, canvas.scene(), canvas.viewport(), table.model() + " · "
                        + view.method() + " · " + view.colouring().variable(), Pixels.png(picture));
            }
            case "CSV" -> ScatterExport.csv(file, table.items(), table.modalities(), view.layout());
            default -> throw new IllegalArgumentException("no export format " + format);
        }
    }

    /** The ids of {@code selected}, one per line, after a comment naming the table. */
    public static void subset(EmbeddingTable table, BitSet selected, Path tableFolder, Path file)
            throws IOException {
        StringBuilder text = new StringBuilder("# ").append(selected.cardinality()).append(" clips of the embedding"
                + " table ").append(tableFolder).append(" (").append(table.model()).append(")\n");
        for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
            text.append(table.item(i).id()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private interface Work {
        void run() throws IOException;
    }

    private static void run(Shell shell, Path file, Work work) {
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell, "Export", file + " could not be written: " + e.getMessage());
        }
    }

    private static Path choose(Shell shell, String title, String name, String filter) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(title);
        dialog.setFileName(name);
        dialog.setFilterExtensions(new String[] {filter, "*"});
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}
