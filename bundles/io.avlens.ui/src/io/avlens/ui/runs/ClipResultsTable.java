package io.avlens.ui.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

import io.avlens.model.ClipResult;
import io.avlens.model.Metric;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;

/**
 * The per-clip results of one run: clip, model, status, whether it came from the cache and one column per metric
 * the clips have; sortable by any column (numbers as numbers, missing values last); a failed clip's error is its
 * tooltip; double-click hands the clip result to the caller (the Runs view opens the clip).
 */
final class ClipResultsTable {

    private record Column(String title, int width, Function<ClipResult, String> text,
            Comparator<ClipResult> comparator) {
    }

    private final TableViewer viewer;
    private final List<Column> columns = new ArrayList<>();
    private int sortColumn = -1;
    private boolean ascending = true;

    ClipResultsTable(Composite parent, Consumer<ClipResult> open) {
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                if (sortColumn < 0 || sortColumn >= columns.size()) {
                    return 0;
                }
                int order = columns.get(sortColumn).comparator().compare((ClipResult) a, (ClipResult) b);
                return ascending ? order : -order;
            }
        });
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.addDoubleClickListener(e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof ClipResult r) {
                open.accept(r);
            }
        });
    }

    TableViewer viewer() {
        return viewer;
    }

    /** Shows {@code run}'s clip results (none for null), with a column per metric they have. */
    void show(Run run) {
        List<ClipResult> results = run == null ? List.of() : List.copyOf(run.getClipResults());
        TreeSet<String> names = new TreeSet<>();
        results.forEach(r -> r.getMetrics().stream().map(Metric::getName).filter(n -> n != null).forEach(names::add));
        List<String> titles = new ArrayList<>(List.of("Clip", "Model", "Status", "Cached"));
        titles.addAll(names);
        if (!titles.equals(columns.stream().map(Column::title).toList())) {
            rebuild(names);
        }
        viewer.setInput(results);
    }

    /** Sorts by column {@code index} (ascending first, again: descending). */
    void sortBy(int index) {
        ascending = index != sortColumn || !ascending;
        sortColumn = index;
        Table table = viewer.getTable();
        table.setSortColumn(table.getColumn(index));
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        viewer.refresh();
    }

    private void rebuild(TreeSet<String> metricNames) {
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            while (table.getColumnCount() > 0) {
                table.getColumn(0).dispose();
            }
            columns.clear();
            sortColumn = -1;
            table.setSortColumn(null);
            add(texts("Clip", 140, r -> r.getClip() != null ? r.getClip().getId() : r.getClipId()));
            add(texts("Model", 120, r -> r.getModel() != null ? r.getModel().getId() : r.getModelId()));
            add(new Column("Status", 90, r -> status(r).getLiteral(),
                    Comparator.comparingInt(r -> status(r).getValue())));
            add(texts("Cached", 60, r -> r.isCached() ? "yes" : ""));
            for (String name : metricNames) {
                add(numbers(name, Math.max(70, 8 * name.length() + 16), r -> metric(r, name)));
            }
        } finally {
            table.setRedraw(true);
        }
    }

    private void add(Column column) {
        int index = columns.size();
        columns.add(column);
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(column.title());
        c.getColumn().setWidth(column.width());
        c.getColumn().setMoveable(true);
        c.getColumn().addListener(SWT.Selection, e -> sortBy(index));
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return column.text().apply((ClipResult) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((ClipResult) element).getErrorMessage();
            }
        });
    }

    private static RunStatus status(ClipResult r) {
        return r.getStatus() == null ? RunStatus.PENDING : r.getStatus();
    }

    private static double metric(ClipResult r, String name) {
        return r.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst().map(Metric::getValue)
                .orElse(Double.NaN);
    }

    private static Column texts(String title, int width, Function<ClipResult, String> value) {
        Function<ClipResult, String> text = r -> value.apply(r) == null ? "" : value.apply(r);
        return new Column(title, width, text, Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER));
    }

    private static Column numbers(String title, int width, ToDoubleFunction<ClipResult> value) {
        return new Column(title, width, r -> RunComparison.text(value.applyAsDouble(r)), (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            return Double.isNaN(x) || Double.isNaN(y) ? Boolean.compare(Double.isNaN(x), Double.isNaN(y))
                    : Double.compare(x, y);
        });
    }
}
