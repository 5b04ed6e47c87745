package io.avlens.ui.embeddings.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import io.avlens.ui.widgets.CheckBox;
import io.avlens.ui.widgets.Rows;

/** The explorer's controls: projection, colour variable, text filter, lines, tool, selection and exports. */
public final class ExplorerToolbar {

    /** What the controls ask of the explorer. */
    public interface Actions {
        void project(String method);

        void stopProjection();

        void colourBy(String variable);

        void filter(String query);

        void setLines(boolean on);

        void setTool(ScatterCanvas.Tool tool);

        void saveSubset();

        void export(String format);
    }

    private final Combo projection;
    private final Combo colour;
    private final Text filter;
    private final Button lines;
    private final Composite bar;
    private final java.util.List<Button> needTable = new java.util.ArrayList<>();

    public ExplorerToolbar(Composite parent, List<String> methods, Actions actions) {
        bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(bar);
        bar.setLayout(Rows.wrapping(5, 0)); // wraps onto a second line in a narrow view
        projection = new Combo(Rows.labelled(bar, "Projection:"), SWT.READ_ONLY);
        methods.forEach(projection::add);
        projection.setToolTipText("Place every (clip, modality) vector in 2-D with this method (a job: progress and"
                + " cancel in the Progress view); iterative methods animate");
        projection.addListener(SWT.Selection, e -> actions.project(projection.getText()));
        button(bar, "Stop", "Stop the projection running", actions::stopProjection);
        colour = new Combo(Rows.labelled(bar, "Colour:"), SWT.READ_ONLY);
        colour.setToolTipText("Colour by consensus, a pair's similarity, the split or any label");
        colour.addListener(SWT.Selection, e -> actions.colourBy(colour.getText()));
        filter = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("filter: narration, labels");
        filter.setToolTipText("Keep the clips whose id, narration or labels contain every word");
        filter.setLayoutData(new RowData(180, SWT.DEFAULT));
        filter.addListener(SWT.Modify, e -> actions.filter(filter.getText()));
        lines = CheckBox.create(bar);
        lines.setText("Lines");
        lines.setToolTipText("Join each clip's points: a long line is a clip whose modalities disagree");
        lines.addListener(SWT.Selection, e -> actions.setLines(lines.getSelection()));
        for (ScatterCanvas.Tool t : ScatterCanvas.Tool.values()) {
            Button b = new Button(bar, SWT.RADIO);
            b.setText(t.name().charAt(0) + t.name().substring(1).toLowerCase(java.util.Locale.ROOT));
            b.setToolTipText(switch (t) {
                case PAN -> "Drag: pan · wheel: zoom · click: open the clip · hover: its frame";
                case LASSO -> "Drag a lasso around clips to select them (right-drag still pans)";
                case BOX -> "Drag a box around clips to select them (right-drag still pans)";
            });
            b.setSelection(t == ScatterCanvas.Tool.PAN);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    actions.setTool(t);
                }
            });
        }
        needTable.add(button(bar, "Save Subset...", "Write the selected clips' ids to a file", actions::saveSubset));
        for (String f : List.of("PNG", "SVG", "CSV")) {
            needTable.add(button(bar, f + "...", "Export the view (" + f + ")", () -> actions.export(f)));
        }
        setTableOpen(false);
    }

    private static Button button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Enables the subset and export buttons: there is nothing to save or export without a table. */
    public void setTableOpen(boolean open) {
        needTable.forEach(b -> b.setEnabled(open));
    }

    /** Offers {@code variables} and selects {@code chosen}. */
    public void setVariables(List<String> variables, String chosen) {
        colour.setItems(variables.toArray(String[]::new));
        colour.select(Math.max(0, variables.indexOf(chosen)));
        bar.getParent().layout(true, true); // the combo grew: the bar may wrap differently
    }

    public void showVariable(String v) {
        colour.select(colour.indexOf(v));
    }

    public void showMethod(String m) {
        projection.select(projection.indexOf(m));
    }

    public void showFilter(String q) {
        if (!filter.getText().equals(q)) {
            filter.setText(q);
        }
    }

    /** Checks the Lines box or not; {@code enabled}: whether the table has points to join. */
    public void showLines(boolean on, boolean enabled) {
        lines.setSelection(on);
        lines.setEnabled(enabled);
    }

    public boolean linesChecked() {
        return lines.getSelection();
    }

    /** A user's click on the Lines box: SWT toggles a check box, then notifies its listeners. */
    public void clickLines() {
        if (lines.isEnabled()) {
            lines.setSelection(!lines.getSelection());
            lines.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        }
    }
}
