package io.avlens.ui.retrieval.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.ui.widgets.CheckBox;

/**
 * The query row of the inspector: the table and its gallery (split, shared selection), the query clip and its
 * modality (or typed text, for a model with a text encoder), the target modality, k, exact or approximate.
 */
public final class QueryPanel extends Composite {

    /** Why the text field is disabled before a table is open. */
    public static final String NO_TEXT = "Text queries need a table made by a model with a text encoder (MC3-small)";
    /** The text field's tooltip when typed text can be searched. */
    public static final String TEXT = "Typed text, encoded by the table's model's language encoder: searched instead"
            + " of the clip while the field is not empty";
    static final String ALL = "all splits";
    /** Why the span box is disabled. */
    static final String NO_SPAN = "Select a time span on the timeline of the Video view's clip to query by that span"
            + " only (a model that can embed a span: MC3-small)";

    final Label tableLabel;
    final Button openButton;
    final Combo splitCombo;
    final Button sharedCheck;
    final Combo clipCombo;
    final Button currentButton;
    final Button spanCheck;
    private RetrievalQuery.Span span;
    /** The user's choice of the span box, kept while the selection comes and goes (another view moves the cursor). */
    private boolean spanWanted;
    final Combo fromCombo;
    final Text textField;
    final Combo toCombo;
    final Spinner kSpinner;
    final Button approximateCheck;
    final Button buildButton;
    final Label recallLabel;
    final Button searchButton;
    final Button exportButton;

    public QueryPanel(Composite parent) {
        super(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(10).spacing(4, 2).applyTo(this);
        new Label(this, SWT.NONE).setText("Table:");
        tableLabel = new Label(this, SWT.NONE);
        tableLabel.setText("(none: open an embedding table folder)");
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(tableLabel);
        openButton = button("Open Table...", "Open an embedding table folder (written by avlens embed)");
        new Label(this, SWT.NONE).setText("Gallery:");
        splitCombo = new Combo(this, SWT.READ_ONLY);
        splitCombo.setToolTipText("Search only the clips of one split (the items' split in the table)");
        sharedCheck = CheckBox.create(this);
        sharedCheck.setText("shared selection");
        sharedCheck.setToolTipText("Search only the clips selected elsewhere (e.g. a lasso in the Embedding Explorer)");

        new Label(this, SWT.NONE).setText("Query clip:");
        clipCombo = new Combo(this, SWT.READ_ONLY);
        clipCombo.setVisibleItemCount(20);
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(clipCombo);
        currentButton = button("Current Clip", "Query with the clip the Video view shows (or the shared selection's"
                + " first clip) when it is in the table");
        spanCheck = CheckBox.create(this);
        spanCheck.setText("query: selected span");
        spanCheck.setToolTipText(NO_SPAN);
        spanCheck.setEnabled(false);
        spanCheck.addListener(SWT.Selection, e -> {
            spanWanted = spanCheck.getSelection();
            showWhatQueries();
        });
        fromCombo = new Combo(this, SWT.READ_ONLY);
        fromCombo.setToolTipText("The query's modality");
        textField = new Text(this, SWT.BORDER);
        textField.setMessage("or type a text query");
        textField.setEnabled(false);
        textField.setToolTipText(NO_TEXT);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(textField);
        textField.addListener(SWT.Modify, e -> showWhatQueries());
        new Label(this, SWT.NONE).setText("→");
        toCombo = new Combo(this, SWT.READ_ONLY);
        toCombo.setToolTipText("The target modality: the gallery's vectors that are ranked");
        Label k = new Label(this, SWT.NONE);
        k.setText("k");
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(k); // beside its spinner
        kSpinner = new Spinner(this, SWT.BORDER);
        kSpinner.setValues(10, 1, 1000, 0, 1, 10);

        approximateCheck = CheckBox.create(this);
        approximateCheck.setText("approximate");
        approximateCheck.setToolTipText("Search with the approximate (jvector) index saved beside the table; whole"
                + " table only (a split or selection is searched exactly)");
        buildButton = button("Build Index", "Build the approximate index of the target modality in a job, and measure"
                + " its recall@10 against exact search");
        recallLabel = new Label(this, SWT.NONE);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(recallLabel);
        searchButton = button("Search", "Rank the gallery by cosine similarity with the query (off the UI thread)");
        exportButton = button("Export List...", "Save the ranked list as CSV (rank, id, score, media, relevance)");
        setTable(null);
    }

    private Button button(String text, String tip) {
        Button b = new Button(this, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        return b;
    }

    /** Fills the lists from {@code table} (null: nothing open). */
    void setTable(EmbeddingTable table) {
        clipCombo.removeAll();
        fromCombo.removeAll();
        toCombo.removeAll();
        splitCombo.removeAll();
        splitCombo.add(ALL);
        splitCombo.select(0);
        boolean open = table != null;
        for (Object c : new Object[] {clipCombo, fromCombo, toCombo, splitCombo, sharedCheck, currentButton,
                kSpinner, approximateCheck, buildButton, searchButton, exportButton}) {
            ((org.eclipse.swt.widgets.Control) c).setEnabled(open);
        }
        if (!open) {
            return;
        }
        table.items().forEach(i -> clipCombo.add(i.id()));
        clipCombo.select(0);
        List<String> mods = table.modalities();
        mods.forEach(fromCombo::add);
        mods.forEach(toCombo::add);
        fromCombo.select(0);
        toCombo.select(mods.size() > 1 ? 1 : 0);
        textField.setEnabled(false);
        textField.setToolTipText(NO_TEXT);
        showWhatQueries();
    }

    /**
     * Greys out the query clip (and its button) while the span or typed text is the query, and the query modality
     * while typed text is (text is its modality), so the row never names a clip that is not the one searched.
     */
    private void showWhatQueries() {
        if (clipCombo.getItemCount() == 0) {
            return; // no table: everything is off already
        }
        boolean byText = textField.isEnabled() && !textField.getText().strip().isEmpty();
        boolean bySpan = span != null && spanCheck.getSelection();
        boolean byClip = !bySpan && !byText;
        clipCombo.setEnabled(byClip);
        currentButton.setEnabled(byClip);
        fromCombo.setEnabled(!byText || bySpan);
        clipCombo.setToolTipText(bySpan ? "Not used: the selected span is the query (untick it to query by a clip)"
                : byText ? "Not used: the typed text is the query (clear it to query by a clip)" : null);
        fromCombo.setToolTipText(byText && !bySpan ? "Not used: a typed query is text" : "The query's modality");
    }

    /** Enables the text field, or disables it saying {@code why} ({@code null}: typed text can be searched). */
    void setTextUnavailable(String why) {
        textField.setEnabled(why == null);
        textField.setToolTipText(why == null ? TEXT : why);
        showWhatQueries();
    }

    /**
     * Offers {@code s} (the timeline's selection on the Video view's clip) as the query, or withdraws the offer
     * ({@code null}, or {@code why} the table's model cannot embed a span).
     */
    void setSpan(RetrievalQuery.Span s, String why) {
        span = why == null ? s : null;
        spanCheck.setEnabled(span != null);
        spanCheck.setSelection(span != null && spanWanted);
        if (span == null) {
            spanCheck.setText("query: selected span");
            spanCheck.setToolTipText(why != null ? why : NO_SPAN);
        } else {
            spanCheck.setText("query: " + span.label());
            spanCheck.setToolTipText("Query by this time span of the clip only, in the query modality: the table's"
                    + " model embeds the span alone (MC3-small pads it to its 4 s window; CAVP-small pools the"
                    + " features of the span's frames)");
        }
        showWhatQueries();
    }

    /** Chooses the span as the query (when one is offered) or not. */
    void wantSpan(boolean on) {
        spanWanted = on;
        spanCheck.setSelection(on && span != null);
        showWhatQueries();
    }

    void setSplits(List<String> splits) {
        splits.forEach(splitCombo::add);
    }

    /** The split chosen ("" for all). */
    String split() {
        int i = splitCombo.getSelectionIndex();
        return i <= 0 ? "" : splitCombo.getItem(i);
    }

    RetrievalQuery query() {
        if (span != null && spanCheck.getSelection()) {
            return new RetrievalQuery(-1, "", fromCombo.getText(), toCombo.getText(), kSpinner.getSelection(), false,
                    span);
        }
        String text = textField.isEnabled() ? textField.getText().strip() : "";
        if (!text.isEmpty()) {
            return new RetrievalQuery(-1, text, "text", toCombo.getText(), kSpinner.getSelection(), false);
        }
        return new RetrievalQuery(clipCombo.getSelectionIndex(), "", fromCombo.getText(), toCombo.getText(),
                kSpinner.getSelection(), approximateCheck.getSelection());
    }
}
