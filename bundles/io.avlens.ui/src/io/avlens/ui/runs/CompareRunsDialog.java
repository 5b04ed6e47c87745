package io.avlens.ui.runs;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

import io.avlens.model.Run;

/**
 * "Compare Runs": two runs' metrics side by side with their difference ({@link RunComparison}). Does not block, so
 * the Runs view stays usable while it is open.
 */
public final class CompareRunsDialog extends Dialog {

    private final Run first;
    private final Run second;
    private TableViewer table;

    /** A dialog comparing {@code first} with {@code second} (difference: second minus first). */
    public CompareRunsDialog(Shell parent, Run first, Run second) {
        super(parent);
        this.first = first;
        this.second = second;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Compare Runs: " + first.getId() + " and " + second.getId());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        table = new TableViewer(area, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.BORDER);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Metric", 180, RunComparison.Row::name);
        column(first.getId(), 150, r -> RunComparison.text(r.first()));
        column(second.getId(), 150, r -> RunComparison.text(r.second()));
        column("Difference", 110, r -> RunComparison.difference(r.difference()));
        table.setInput(RunComparison.rows(first, second));
        GridDataFactory.fillDefaults().grab(true, true).hint(600, 320).applyTo(table.getControl());
        return area;
    }

    private void column(String title, int width, Function<RunComparison.Row, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((RunComparison.Row) element);
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        close();
    }

    /** The rows shown, each as its cells' texts, for tests. */
    public List<List<String>> rows() {
        return java.util.Arrays.stream(table.getTable().getItems()).map(item -> java.util.stream.IntStream
                .range(0, table.getTable().getColumnCount()).mapToObj(item::getText).toList()).toList();
    }
}
