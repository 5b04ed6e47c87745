package io.avlens.ui.retrieval.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.RetrievalHit;

/**
 * The ranked hits (see {@link #HINT}): rank, score, relevance mark, a strip of frames, a spectrogram thumbnail, id and narration. The
 * thumbnails are decoded when a row is painted (visible rows only) and kept. Click: {@code play}; double-click:
 * {@code open}; Shift-click marks a hit for comparison, and the second mark calls {@code compare}.
 */
public final class ResultsTable {

    /** Column indexes. */
    static final int RANK = 0, SCORE = 1, RELEVANT = 2, FRAMES = 3, SOUND = 4, ID = 5, NARRATION = 6;
    /** What the mouse does here, for the status line. */
    public static final String HINT = "click: play in the Video view; double-click: open in every view;"
            + " Shift-click two: compare";
    private static final int GAP = 2;

    private final Table table;
    private final Thumbnails thumbnails = new Thumbnails();
    private final Pictures pictures = new Pictures();
    private final List<Integer> marked = new ArrayList<>();
    private RetrievalController.Results results;
    private IntFunction<Path> media;
    private IntConsumer play = i -> { };
    private IntConsumer open = i -> { };
    private java.util.function.BiConsumer<Integer, Integer> compare = (a, b) -> { };

    public ResultsTable(Composite parent) {
        table = new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] names = {"Rank", "Score", "Relevant", "Frames", "Sound", "Clip", "Narration"};
        int[] widths = {50, 70, 170, Thumbnails.FRAMES * (Thumbnails.FRAME_W + 2) + 4, Thumbnails.SPEC_W + 6, 150,
            360};
        for (int i = 0; i < names.length; i++) {
            TableColumn c = new TableColumn(table, i <= SCORE ? SWT.RIGHT : SWT.LEFT);
            c.setText(names[i]);
            c.setWidth(widths[i]);
        }
        table.addListener(SWT.MeasureItem, e -> e.height = Math.max(e.height, Thumbnails.FRAME_H + 2 * GAP));
        table.addListener(SWT.EraseItem, e -> {
            if (e.index == FRAMES || e.index == SOUND) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        table.addListener(SWT.PaintItem, this::paint);
        table.addListener(SWT.Selection, e -> clicked(table.indexOf((TableItem) e.item), e.stateMask));
        table.addListener(SWT.DefaultSelection, e -> {
            int row = table.getSelectionIndex();
            if (results != null && row >= 0) {
                open.accept(results.hits().get(row).row());
            }
        });
        table.addListener(SWT.Dispose, e -> {
            thumbnails.close();
            pictures.dispose();
        });
    }

    public Table control() {
        return table;
    }

    void onPlay(IntConsumer action) {
        play = action;
    }

    void onOpen(IntConsumer action) {
        open = action;
    }

    /** Hears the two table items marked by Shift-click. */
    void onCompare(java.util.function.BiConsumer<Integer, Integer> action) {
        compare = action;
    }

    /** Shows {@code r}, the items' media found by {@code mediaOf}. */
    void show(RetrievalController.Results r, EmbeddingTable t, IntFunction<Path> mediaOf) {
        results = r;
        media = mediaOf;
        marked.clear();
        table.removeAll();
        for (int i = 0; i < r.hits().size(); i++) {
            RetrievalHit h = r.hits().get(i);
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(RANK, Integer.toString(h.rank()));
            item.setText(SCORE, String.format(Locale.ROOT, "%.4f", h.score()));
            item.setText(RELEVANT, r.relevance().get(i).mark());
            item.setText(ID, h.id());
            item.setText(NARRATION, t.item(h.row()).narration());
        }
    }

    /** A click on row {@code row}, as the table reports it (with Shift in {@code stateMask} to compare). */
    public void clicked(int row, int stateMask) {
        if (results == null || row < 0 || row >= results.hits().size()) {
            return;
        }
        if ((stateMask & SWT.SHIFT) != 0) {
            marked.remove(Integer.valueOf(row));
            marked.add(row);
            if (marked.size() > 2) {
                marked.remove(0);
            }
            refreshMarks();
            if (marked.size() == 2) {
                compare.accept(results.hits().get(marked.get(0)).row(), results.hits().get(marked.get(1)).row());
            }
            return;
        }
        play.accept(results.hits().get(row).row());
    }

    private void refreshMarks() {
        for (int i = 0; i < table.getItemCount(); i++) {
            String rank = Integer.toString(results.hits().get(i).rank());
            table.getItem(i).setText(RANK, marked.contains(i) ? "⇔ " + rank : rank);
        }
    }

    /** The rows marked for comparison. */
    public List<Integer> marked() {
        return List.copyOf(marked);
    }

    public RetrievalController.Results results() {
        return results;
    }

    /** Clips whose thumbnails were decoded so far. */
    public int decodedCount() {
        return thumbnails.decodedCount();
    }

    private void paint(Event e) {
        if ((e.index != FRAMES && e.index != SOUND) || results == null) {
            return;
        }
        int row = table.indexOf((TableItem) e.item);
        Path file = media.apply(results.hits().get(row).row());
        Thumbnails.Clip clip = thumbnails.get(file, done -> table.getDisplay().asyncExec(() -> {
            if (!table.isDisposed()) {
                table.redraw();
            }
        }));
        if (clip == null) {
            e.gc.drawText("…", e.x + 4, e.y + GAP, true);
            return;
        }
        Pictures.Strip s = pictures.of(table.getDisplay(), file, clip);
        Image img = e.index == FRAMES ? s.frames() : s.spectrogram();
        if (img != null) {
            e.gc.drawImage(img, e.x + GAP, e.y + GAP);
        } else {
            e.gc.drawText(e.index == FRAMES ? "no picture" : "no sound", e.x + 4, e.y + GAP, true);
        }
    }

    /** The images of item {@code i}'s clip once decoded (for the compare pane), else null (and asks for them). */
    Pictures.Strip strip(Path file, Runnable ready) {
        Thumbnails.Clip clip = thumbnails.get(file, done -> table.getDisplay().asyncExec(() -> {
            if (!table.isDisposed()) {
                ready.run();
            }
        }));
        return clip == null ? null : pictures.of(table.getDisplay(), file, clip);
    }
}
