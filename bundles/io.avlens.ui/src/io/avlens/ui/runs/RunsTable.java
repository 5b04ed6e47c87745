package io.avlens.ui.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.ui.project.ExplorerLabelProvider;

/**
 * The columns of the Runs view's table ({@link RunColumn}): the fixed ones and one per metric the runs report (added
 * and removed as the metric names change), sorting by a column, each metric column's decimals from all runs' values,
 * the id columns fitted to their ids, and a cut cell's text on hover. UI thread.
 */
final class RunsTable {

    private final TableViewer runs;
    private final LocalResourceManager images;
    private final List<RunColumn> columns = new ArrayList<>();
    private List<String> metricNames = List.of();
    /** Each metric column's decimals, from all runs' values at the last {@link #show} ({@link RunColumn#decimals}). */
    private final Map<String, Integer> metricDecimals = new HashMap<>();
    /** The id columns the user resized: refreshes leave their widths alone. */
    private final Set<TableColumn> userSized = new HashSet<>();
    private boolean fitting;
    private List<String> fittedIds = List.of();
    private int sortColumn = -1;
    private boolean ascending = true;

    RunsTable(TableViewer runs, LocalResourceManager images) {
        this.runs = runs;
        this.images = images;
        runs.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object a, Object b) {
                if (sortColumn < 0 || sortColumn >= columns.size()) {
                    return 0;
                }
                int order = columns.get(sortColumn).comparator().compare((Run) a, (Run) b);
                return ascending ? order : -order;
            }
        });
        ColumnViewerToolTipSupport.enableFor(runs);
        for (RunColumn column : RunColumn.fixed()) {
            addColumn(column);
        }
    }

    /** Shows {@code all}; adds or removes metric columns when the metric names changed. */
    void show(List<Run> all) {
        List<String> names = RunRows.metricNames(all);
        if (!names.equals(metricNames)) {
            rebuildMetricColumns(names);
        }
        metricDecimals.clear();
        for (String name : names) {
            metricDecimals.put(name, RunColumn.decimals(all.stream()
                    .mapToDouble(run -> RunRows.metric(run, name).orElse(Double.NaN)).toArray()));
        }
        runs.setInput(all);
        List<String> ids = all.stream().map(run -> columns.get(0).text().apply(run) + "\u0000" + run.getId())
                .toList();
        if (!ids.equals(fittedIds)) { // measuring every row is not for each refresh
            fittedIds = ids;
            fitIds();
        }
    }

    /** Sorts by column {@code index} (ascending first, again: descending). */
    void sortBy(int index) {
        ascending = index != sortColumn || !ascending;
        sortColumn = index;
        Table table = runs.getTable();
        table.setSortColumn(table.getColumn(index));
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        runs.refresh();
    }

    /** The column titles in table order. */
    List<String> titles() {
        return columns.stream().map(RunColumn::title).toList();
    }

    private void addColumn(RunColumn column) {
        int index = columns.size();
        columns.add(column);
        TableViewerColumn viewerColumn = new TableViewerColumn(runs, SWT.LEFT);
        TableColumn swtColumn = viewerColumn.getColumn();
        swtColumn.setText(column.title());
        swtColumn.setWidth(column.width());
        swtColumn.setMoveable(true);
        swtColumn.addListener(SWT.Selection, e -> sortBy(index));
        if (index < 2) { // the id columns, which refreshes fit (fitIds)
            swtColumn.addListener(SWT.Resize, e -> {
                if (!fitting) {
                    userSized.add(swtColumn);
                }
            });
        }
        boolean status = "Status".equals(column.title());
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return column.text().apply((Run) element);
            }

            @Override
            public Image getImage(Object element) {
                if (!status) {
                    return null;
                }
                RunStatus s = ((Run) element).getStatus() == null ? RunStatus.PENDING : ((Run) element).getStatus();
                return images.create(ExplorerLabelProvider.icon("run_" + s.getLiteral() + "16.png"));
            }

            @Override
            public String getToolTipText(Object element) {
                Run run = (Run) element;
                if (run.getStatus() == RunStatus.FAILED && run.getErrorMessage() != null) {
                    return run.getErrorMessage();
                }
                // a cell narrower than its text shows the whole text on hover
                String text = column.text().apply(run);
                int icon = status ? 20 : 0;
                return text != null && !text.isEmpty() && swtColumn.getWidth() < textWidth(text) + icon ? text : null;
            }
        });
    }

    private int textWidth(String text) {
        GC gc = new GC(runs.getTable());
        try {
            return gc.textExtent(text).x + 12;
        } finally {
            gc.dispose();
        }
    }

    /**
     * Widens the Experiment and Run columns to their longest id (up to 260 px), so ids are not cut off; a column
     * the user resized is left alone.
     */
    private void fitIds() {
        Table table = runs.getTable();
        fitting = true;
        try {
            for (int i = 0; i < 2 && i < table.getColumnCount(); i++) {
                TableColumn column = table.getColumn(i);
                if (userSized.contains(column)) {
                    continue;
                }
                int initial = columns.get(i).width();
                column.pack();
                column.setWidth(Math.max(initial, Math.min(260, column.getWidth())));
            }
        } finally {
            fitting = false;
        }
    }

    private void rebuildMetricColumns(List<String> names) {
        int fixed = RunColumn.fixed().size();
        Table table = runs.getTable();
        table.setRedraw(false);
        try {
            while (table.getColumnCount() > fixed) {
                table.getColumn(table.getColumnCount() - 1).dispose();
            }
            while (columns.size() > fixed) {
                columns.remove(columns.size() - 1);
            }
            if (sortColumn >= fixed) {
                sortColumn = -1;
                table.setSortColumn(null);
            }
            for (String name : names) {
                addColumn(RunColumn.metric(name, n -> metricDecimals.getOrDefault(n, 4)));
            }
            metricNames = names;
        } finally {
            table.setRedraw(true);
        }
    }
}
