package io.avlens.ui.retrieval.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.avlens.analysis.embedding.RetrievalConfusion;
import io.avlens.analysis.embedding.RetrievalRelevance;
import io.avlens.analysis.embedding.RetrievalScores;

/**
 * The gallery's retrieval figures (Recall@1/5/10, mAP, median rank per direction and relevance, beside chance) and,
 * for one direction, the material+action confusion of the top-1 hit with the pairs most often confused.
 */
public final class MetricsPanel extends Composite {

    final Button computeButton;
    final Button jsonButton;
    final Button csvButton;
    final Button recordButton;
    final Label status;
    private final Table scores;
    private final Combo direction;
    private final Table confusion;
    private final Label confused;
    private GalleryMetrics metrics;

    public MetricsPanel(Composite parent) {
        super(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).margins(4, 4).applyTo(this);
        computeButton = new Button(this, SWT.PUSH);
        computeButton.setText("Compute Metrics");
        computeButton.setToolTipText("Cross-modal retrieval over the gallery in every direction, as avlens eval"
                + " --task retrieval computes it on the same clips (in a job)");
        jsonButton = new Button(this, SWT.PUSH);
        jsonButton.setText("Export JSON...");
        csvButton = new Button(this, SWT.PUSH);
        csvButton.setText("Export CSV...");
        recordButton = new Button(this, SWT.PUSH);
        recordButton.setText("Record as Run");
        recordButton.setToolTipText("Record these figures as a Run of the open project (experiment"
                + " retrieval-<model>), as avlens eval --task retrieval --record does; the Runs view shows it");
        status = new Label(this, SWT.NONE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(status);

        scores = new Table(this, SWT.BORDER | SWT.FULL_SELECTION);
        scores.setHeaderVisible(true);
        scores.setLinesVisible(true);
        for (String c : new String[] {"Direction", "Relevant if", "n", "R@1", "R@5", "R@10", "mAP", "Median rank",
            "chance R@1", "chance R@10", "chance mAP"}) {
            // words to the left, numbers to the right
            TableColumn col = new TableColumn(scores, c.equals("Direction") || c.startsWith("Relevant") ? SWT.LEFT
                    : SWT.RIGHT);
            col.setText(c);
            col.setWidth(c.startsWith("Relevant") ? 170 : c.length() > 8 ? 110 : 80);
        }
        // room for the four rows of a two-modality table without scrolling
        GridDataFactory.fillDefaults().span(6, 1).grab(true, false)
                .hint(SWT.DEFAULT, scores.getHeaderHeight() + 5 * scores.getItemHeight()).applyTo(scores);

        new Label(this, SWT.NONE).setText("Confusion of the top-1 hit (material+action), query class × hit class:");
        direction = new Combo(this, SWT.READ_ONLY);
        direction.addListener(SWT.Selection, e -> showConfusion());
        confused = new Label(this, SWT.WRAP);
        GridDataFactory.fillDefaults().span(4, 1).grab(true, false).applyTo(confused);
        confusion = new Table(this, SWT.BORDER);
        confusion.setHeaderVisible(true);
        confusion.setLinesVisible(true);
        GridDataFactory.fillDefaults().span(6, 1).grab(true, true).applyTo(confusion);
        setMetrics(null);
    }

    /** Shows {@code m} (null: none yet). */
    void setMetrics(GalleryMetrics m) {
        metrics = m;
        jsonButton.setEnabled(m != null);
        csvButton.setEnabled(m != null);
        recordButton.setEnabled(m != null);
        scores.removeAll();
        direction.removeAll();
        if (m == null) {
            showConfusion();
            return;
        }
        status.setText(m.gallery() + ": " + m.n() + " clips");
        for (RetrievalScores s : m.scores()) {
            TableItem item = new TableItem(scores, SWT.NONE);
            item.setText(new String[] {s.direction(), RetrievalRelevance.describe(s.relevance()), Integer.toString(s.n()), f(s.recallAt1()),
                f(s.recallAt5()), f(s.recallAt10()), f(s.meanAP()), String.format(Locale.ROOT, "%.1f",
                    s.medianRank()), f(s.chanceRecallAt1()), f(s.chanceRecallAt10()), f(s.chanceMeanAP())});
        }
        for (int c = 0; c < 2; c++) { // the direction and relevance in words, as wide as they are
            TableColumn col = scores.getColumn(c);
            int before = col.getWidth();
            col.pack();
            col.setWidth(Math.max(before, col.getWidth()));
        }
        m.confusions().forEach(c -> direction.add(c.direction()));
        direction.select(0);
        showConfusion();
    }

    public GalleryMetrics metrics() {
        return metrics;
    }

    /** The scores table's rows as text, for tests. */
    public List<String[]> rows() {
        return java.util.Arrays.stream(scores.getItems()).map(i -> {
            String[] r = new String[scores.getColumnCount()];
            for (int c = 0; c < r.length; c++) {
                r[c] = i.getText(c);
            }
            return r;
        }).toList();
    }

    /** Shows the confusion of the direction chosen. */
    private void showConfusion() {
        confusion.setRedraw(false);
        confusion.removeAll();
        for (TableColumn c : confusion.getColumns()) {
            c.dispose();
        }
        confused.setText("");
        if (metrics != null && direction.getSelectionIndex() >= 0) {
            RetrievalConfusion c = metrics.confusions().get(direction.getSelectionIndex());
            new TableColumn(confusion, SWT.LEFT).setText("query \\ top-1");
            for (String cls : c.classes()) {
                new TableColumn(confusion, SWT.RIGHT).setText(cls);
            }
            for (int i = 0; i < c.classes().size(); i++) {
                TableItem item = new TableItem(confusion, SWT.NONE);
                item.setText(0, c.classes().get(i));
                for (int j = 0; j < c.classes().size(); j++) {
                    item.setText(j + 1, c.counts()[i][j] == 0 ? "·" : Integer.toString(c.counts()[i][j]));
                }
            }
            for (TableColumn col : confusion.getColumns()) {
                col.pack();
            }
            confused.setText(String.format(Locale.ROOT, "top-1 class accuracy %.3f; most confused: %s",
                    c.accuracy(), c.confused().stream().limit(4).map(p -> p.query() + " → " + p.hit() + " ×"
                            + p.count()).collect(Collectors.joining(", "))));
        }
        confusion.setRedraw(true);
        layout(true, true);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
