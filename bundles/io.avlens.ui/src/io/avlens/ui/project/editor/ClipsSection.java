package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Section;

import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Clip;
import io.avlens.model.ClipSelection;
import io.avlens.model.Dataset;
import io.avlens.model.Split;
import io.avlens.model.store.ClipSelections;

/**
 * The clips the experiment runs on: a dataset, optionally one of its splits, and optionally an explicit list of
 * clips. The rule ({@link ClipSelections}): checked clips, when any, are the selection; else the clips of the split;
 * else every clip of the dataset.
 */
final class ClipsSection {

    private static final String NO_DATASET = "(none)";
    private static final String ALL_CLIPS = "all clips";

    private final FormContext context;
    private final ComboViewer dataset;
    private final ComboViewer split;
    private final CheckboxTableViewer clips;
    private final Label count;
    private final Button uncheck;

    ClipsSection(Composite parent, FormContext context) {
        this.context = context;
        FormToolkit toolkit = context.toolkit();
        Section section = toolkit.createSection(parent, Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText("Clips");
        section.setDescription("Checked clips, when any, are the selection; otherwise the clips of the split, "
                + "or of the whole dataset with \"all clips\".");
        section.setData(FormContext.WIDGET_KEY, "section.clips");
        Composite body = toolkit.createComposite(section);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(body);
        section.setClient(body);
        toolkit.paintBordersFor(body);
        int indent = FieldDecorationRegistry.getDefault().getMaximumDecorationWidth();

        toolkit.createLabel(body, "Dataset:");
        dataset = combo(body, "dataset", indent, e -> e instanceof Dataset d
                ? d.getName() + " (" + clipCount(d.getClips().size()) + ")" : e.toString());
        dataset.addSelectionChangedListener(e -> chooseDataset(dataset.getStructuredSelection().getFirstElement()));
        toolkit.createLabel(body, "Split:");
        split = combo(body, "split", indent, e -> e instanceof Split s ? s.getName() + " ("
                + clipCount(inSplit(s).size()) + ")" : e.toString());
        split.addSelectionChangedListener(e -> chooseSplit(split.getStructuredSelection().getFirstElement()));

        Table table = FormContext.named(
                toolkit.createTable(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL), "clips");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).indent(indent, 0)
                .hint(200, 7 * table.getItemHeight() + table.getHeaderHeight()).applyTo(table);
        clips = new CheckboxTableViewer(table);
        clips.setContentProvider(ArrayContentProvider.getInstance());
        column("Clip", 220, Clip::getId);
        column("Duration", 80, c -> String.format(Locale.ROOT, "%.2f s", c.getDuration()));
        column("Split", 100, c -> c.getSplit() == null ? "" : c.getSplit().getName());
        ColumnShares.apply(table);
        clips.addCheckStateListener(e -> check((Clip) e.getElement(), e.getChecked()));

        Composite footer = toolkit.createComposite(body);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(footer);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(indent, 0).applyTo(footer);
        count = FormContext.named(toolkit.createLabel(footer, "", SWT.WRAP), "clips.count");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(150, SWT.DEFAULT)
                .applyTo(count);
        uncheck = FormContext.named(toolkit.createButton(footer, "Uncheck All", SWT.PUSH), "clips.uncheck");
        uncheck.addListener(SWT.Selection, e -> uncheckAll());
    }

    private ComboViewer combo(Composite body, String name, int indent, Function<Object, String> text) {
        Combo combo = FormContext.named(new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN), name);
        context.toolkit().adapt(combo);
        GridDataFactory.fillDefaults().grab(true, false).indent(indent, 0).hint(120, SWT.DEFAULT).applyTo(combo);
        ComboViewer viewer = new ComboViewer(combo);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
        return viewer;
    }

    private void column(String title, int width, Function<Clip, String> text) {
        TableViewerColumn column = new TableViewerColumn(clips, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((Clip) element);
                return value == null ? "" : value;
            }
        });
    }

    private static String clipCount(int n) {
        return n == 1 ? "1 clip" : n + " clips";
    }

    private static List<Clip> inSplit(Split split) {
        return split.eContainer() instanceof Dataset d
                ? d.getClips().stream().filter(c -> c.getSplit() == split).toList() : List.of();
    }

    private ClipSelection selection() {
        return context.experiment().getSelection();
    }

    /** A new dataset drops the split and the checked clips of the old one: one edit, one command. */
    private void chooseDataset(Object element) {
        Dataset chosen = element instanceof Dataset d ? d : null;
        ClipSelection selection = selection();
        if (context.refreshing() || (selection == null ? null : selection.getDataset()) == chosen) {
            return;
        }
        String label = chosen == null ? "Clear Dataset" : "Set Dataset " + chosen.getName();
        if (selection == null) {
            ClipSelection created = AvLensFactory.eINSTANCE.createClipSelection();
            created.setDataset(chosen);
            context.execute(label, SetCommand.create(context.domain(), context.experiment(),
                    AvLensPackage.Literals.EXPERIMENT__SELECTION, created));
            return;
        }
        CompoundCommand command = new CompoundCommand(label);
        command.append(SetCommand.create(context.domain(), selection,
                AvLensPackage.Literals.CLIP_SELECTION__DATASET, chosen));
        if (selection.getSplit() != null) {
            command.append(SetCommand.create(context.domain(), selection,
                    AvLensPackage.Literals.CLIP_SELECTION__SPLIT, null));
        }
        if (!selection.getClips().isEmpty()) {
            command.append(RemoveCommand.create(context.domain(), selection,
                    AvLensPackage.Literals.CLIP_SELECTION__CLIPS, List.copyOf(selection.getClips())));
        }
        context.execute(label, command);
    }

    private void chooseSplit(Object element) {
        Split chosen = element instanceof Split s ? s : null;
        ClipSelection selection = selection();
        if (!context.refreshing() && selection != null && selection.getSplit() != chosen) {
            context.execute(chosen == null ? "Use All Clips" : "Set Split " + chosen.getName(), SetCommand.create(
                    context.domain(), selection, AvLensPackage.Literals.CLIP_SELECTION__SPLIT, chosen));
        }
    }

    /** Checks a clip into the explicit list at its place in dataset order, or takes it out. */
    private void check(Clip clip, boolean checked) {
        ClipSelection selection = selection();
        if (context.refreshing() || selection == null || checked == selection.getClips().contains(clip)) {
            return;
        }
        if (checked) {
            List<Clip> order = selection.getDataset().getClips();
            int index = (int) selection.getClips().stream().filter(c -> order.indexOf(c) < order.indexOf(clip))
                    .count();
            context.execute("Check Clip " + clip.getId(), AddCommand.create(context.domain(), selection,
                    AvLensPackage.Literals.CLIP_SELECTION__CLIPS, clip, index));
        } else {
            context.execute("Uncheck Clip " + clip.getId(), RemoveCommand.create(context.domain(), selection,
                    AvLensPackage.Literals.CLIP_SELECTION__CLIPS, clip));
        }
    }

    private void uncheckAll() {
        ClipSelection selection = selection();
        if (selection != null && !selection.getClips().isEmpty()) {
            context.execute("Uncheck All Clips", RemoveCommand.create(context.domain(), selection,
                    AvLensPackage.Literals.CLIP_SELECTION__CLIPS, List.copyOf(selection.getClips())));
        }
    }

    void refresh() {
        ClipSelection selection = selection();
        Dataset chosen = selection == null ? null : selection.getDataset();
        List<Object> datasets = new ArrayList<>();
        datasets.add(NO_DATASET);
        datasets.addAll(context.session().project().getDatasets());
        show(dataset, datasets);
        dataset.setSelection(new StructuredSelection(chosen == null ? NO_DATASET : chosen));
        List<Object> splits = new ArrayList<>();
        splits.add(ALL_CLIPS);
        if (chosen != null) {
            splits.addAll(chosen.getSplits());
        }
        show(split, splits);
        split.setSelection(new StructuredSelection(selection == null || selection.getSplit() == null
                ? ALL_CLIPS : selection.getSplit()));
        split.getControl().setEnabled(chosen != null);
        show(clips, chosen == null ? List.of() : List.copyOf(chosen.getClips()));
        clips.setCheckedElements(selection == null ? new Object[0] : selection.getClips().toArray());
        count.setText(ClipSelections.describe(selection));
        uncheck.setEnabled(selection != null && !selection.getClips().isEmpty());
        count.getParent().layout(true);
    }

    /** Sets the rows only when they changed, so scrolling and selection survive an unrelated edit. */
    private static void show(StructuredViewer viewer, List<?> rows) {
        if (rows.equals(viewer.getInput())) {
            viewer.refresh();
        } else {
            viewer.setInput(rows);
        }
    }

    Control datasetControl() {
        return dataset.getControl();
    }

    Control splitControl() {
        return split.getControl();
    }

    Control clipsControl() {
        return clips.getControl();
    }
}
