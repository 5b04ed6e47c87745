package io.avlens.ui.retrieval.internal;

import java.util.Locale;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;

/**
 * The query and two hits side by side: each one's frame strip, spectrogram, labels and narration, the hits' scores
 * against the query, and the similarities of the three pooled vectors involved (hit A's and hit B's target vectors
 * with each other, and each clip's own audio–video agreement). Per-time similarity is not shown: the table holds
 * pooled vectors only, and CAVP's per-step features would need the model run again on each clip.
 */
public final class ComparePane extends Composite {

    private final Group[] columns = new Group[3];
    private final Label[] frames = new Label[3];
    private final Label[] sounds = new Label[3];
    private final Label[] texts = new Label[3];
    private final Label summary;
    private int[] shown;

    public ComparePane(Composite parent) {
        super(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(true).margins(4, 4).applyTo(this);
        String[] titles = {"Query", "Hit A", "Hit B"};
        for (int i = 0; i < 3; i++) {
            columns[i] = new Group(this, SWT.NONE);
            columns[i].setText(titles[i]);
            GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(columns[i]);
            GridDataFactory.fillDefaults().grab(true, true).applyTo(columns[i]);
            frames[i] = new Label(columns[i], SWT.NONE);
            sounds[i] = new Label(columns[i], SWT.NONE);
            texts[i] = new Label(columns[i], SWT.WRAP);
            GridDataFactory.fillDefaults().grab(true, true).hint(200, SWT.DEFAULT).applyTo(texts[i]);
        }
        summary = new Label(this, SWT.WRAP);
        summary.setText("Shift-click two hits in the Results tab to compare them with the query.");
        summary.setToolTipText("Pooled vectors only: per-time similarity would need each clip's per-step features,"
                + " i.e. the model run again");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(summary);
    }

    /**
     * Shows the query and hits {@code a}, {@code b} of a search from {@code from} to {@code to}.
     *
     * @param strips the images of a clip's media when decoded (else null; asked again on {@code refresh})
     */
    void show(EmbeddingTable t, RetrievalController.Results r, int a, int b, Function<Integer, Pictures.Strip> strips) {
        shown = new int[] {r.query().item(), a, b};
        String from = r.query().from();
        String to = r.query().to();
        int f = t.modality(from);
        int g = t.modality(to);
        for (int i = 0; i < 3; i++) {
            int item = shown[i];
            EmbeddingItem it = t.item(item);
            StringBuilder s = new StringBuilder(it.id());
            if (!it.split().isEmpty()) {
                s.append(" (").append(it.split()).append(')');
            }
            s.append('\n').append(it.label("material")).append(' ').append(it.label("action")).append('\n');
            s.append(it.narration().isEmpty() ? "(no narration)" : "“" + it.narration() + "”");
            if (i > 0) {
                s.append(String.format(Locale.ROOT, "%nscore (query %s → its %s): %.4f%nrank %d", from, to,
                        cosine(t, shown[0], f, item, g), rankOf(r, item)));
                s.append("\nrelevance: ").append(Relevance.of(t.item(shown[0]), it).words());
            }
            if (t.modalities().size() >= 2) {
                s.append(String.format(Locale.ROOT, "%nown %s–%s agreement: %.4f", t.modalities().get(0),
                        t.modalities().get(1), t.similarity(item, 0, 1)));
            }
            texts[i].setText(s.toString());
            setImages(i, strips.apply(item));
        }
        summary.setText(String.format(Locale.ROOT, "A and B (%s vectors): cosine %.4f.  A %s B in the labels."
                + "  Pooled vectors: per-time similarity would need the model run again on each clip.", to,
                cosine(t, a, g, b, g), Relevance.of(t.item(a), t.item(b)).relevant() ? "matches" : "differs from"));
        layout(true, true);
    }

    /** Sets the images of column {@code i} (null: not decoded yet). */
    void setImages(int i, Pictures.Strip s) {
        // a Label shows text or image: set the text first, as setText drops the image
        frames[i].setText(s == null ? "decoding…" : s.frames() == null ? "no picture" : "");
        if (s != null && s.frames() != null) {
            frames[i].setImage(s.frames());
        }
        sounds[i].setImage(s == null ? null : s.spectrogram());
        columns[i].layout(true);
    }

    /** The table items shown (query, A, B), or null. */
    public int[] shown() {
        return shown == null ? null : shown.clone();
    }

    /** The text of column {@code i} (0 query, 1 A, 2 B) and of the summary (3), for tests. */
    public String text(int i) {
        return i == 3 ? summary.getText() : texts[i].getText();
    }

    private static int rankOf(RetrievalController.Results r, int item) {
        return r.hits().stream().filter(h -> h.row() == item).findFirst().map(h -> h.rank()).orElse(-1);
    }

    static double cosine(EmbeddingTable t, int a, int ma, int b, int mb) {
        float[] x = t.vector(a, ma);
        float[] y = t.vector(b, mb);
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int j = 0; j < x.length; j++) {
            dot += (double) x[j] * y[j];
            nx += (double) x[j] * x[j];
            ny += (double) y[j] * y[j];
        }
        return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
    }
}
