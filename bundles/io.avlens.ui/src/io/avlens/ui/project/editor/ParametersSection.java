package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Section;

import io.avlens.model.AvLensPackage;
import io.avlens.model.Parameter;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.model.store.ExperimentParameterCheck;
import io.avlens.ui.project.editor.ExperimentProblem.Target;

/**
 * The experiment's parameters: name, type and value, edited in the table's cells. Text that is not a value of the
 * parameter's type is not applied: the parameter keeps its value, the form shows why, and editing the cell again
 * starts from the rejected text so the user can correct it.
 */
final class ParametersSection {

    /** Text typed into a value cell that is not a value, and why. */
    private record Rejected(String text, String reason) {
    }

    private final FormContext context;
    private final TableViewer viewer;
    private final Button remove;
    private final Button add;
    private List<String> menuItems = List.of();
    private final Map<Parameter, Rejected> rejected = new IdentityHashMap<>();

    ParametersSection(Composite parent, FormContext context) {
        this.context = context;
        FormToolkit toolkit = context.toolkit();
        Section section = toolkit.createSection(parent, Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText("Parameters");
        section.setDescription("Settings the runner reads; click a cell to edit. Lists are comma-separated, "
                + "e.g. 1, 2.5, 4.5.");
        section.setData(FormContext.WIDGET_KEY, "section.parameters");
        Composite body = toolkit.createComposite(section);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(body);
        section.setClient(body);
        toolkit.paintBordersFor(body);

        Table table = FormContext.named(toolkit.createTable(body,
                SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL), "parameters");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true)
                .indent(FieldDecorationRegistry.getDefault().getMaximumDecorationWidth(), 0)
                .hint(200, 8 * table.getItemHeight() + table.getHeaderHeight()).applyTo(table);
        viewer = new TableViewer(table);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Name", 150, Parameter::getName).setEditingSupport(new NameEditing());
        column("Type", 90, p -> ParameterType.of(p).label());
        column("Value", 220, ParameterValues::format).setEditingSupport(new ValueEditing());
        ColumnShares.apply(table);

        Composite buttons = toolkit.createComposite(body);
        GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        Button add = FormContext.named(toolkit.createButton(buttons, "Add ▾", SWT.PUSH), "parameters.add");
        add.setMenu(new Menu(add));
        this.add = add;
        add.addListener(SWT.Selection, e -> {
            Rectangle bounds = add.getBounds();
            add.getMenu().setLocation(add.getParent().toDisplay(bounds.x, bounds.y + bounds.height));
            add.getMenu().setVisible(true);
        });
        remove = FormContext.named(toolkit.createButton(buttons, "Remove", SWT.PUSH), "parameters.remove");
        remove.addListener(SWT.Selection, e -> removeSelected());
        GridDataFactory.fillDefaults().applyTo(add);
        GridDataFactory.fillDefaults().applyTo(remove);
        viewer.addSelectionChangedListener(e -> remove.setEnabled(!e.getSelection().isEmpty()));
        remove.setEnabled(false);
    }

    /**
     * The Add menu: when the installed task of the experiment's kind is known, one item per parameter it reads that
     * is not set yet (and the seed), with its default; else one item per type, named as usual for the kind.
     */
    private void updateAddMenu() {
        Optional<List<ExperimentParameterCatalog.Declared>> declared = context.declared();
        Set<String> taken = names();
        List<ExperimentParameterCatalog.Declared> offered = new ArrayList<>();
        if (declared.isPresent()) {
            if (!taken.contains(ExperimentParameterCheck.SEED)) {
                offered.add(new ExperimentParameterCatalog.Declared(ExperimentParameterCheck.SEED, "INTEGER", "0",
                        "the random seed of the run"));
            }
            declared.get().stream().filter(d -> !taken.contains(d.name())).forEach(offered::add);
        }
        List<String> items = declared.isEmpty() ? List.of("types")
                : offered.stream().map(ExperimentParameterCatalog.Declared::name).toList();
        if (items.equals(menuItems)) {
            return;
        }
        menuItems = items;
        Menu menu = add.getMenu();
        for (MenuItem item : menu.getItems()) {
            item.dispose();
        }
        if (declared.isEmpty()) {
            for (ParameterType type : ParameterType.values()) {
                MenuItem item = FormContext.named(new MenuItem(menu, SWT.PUSH),
                        "add." + type.name().toLowerCase(Locale.ROOT));
                item.setText(Character.toUpperCase(type.label().charAt(0)) + type.label().substring(1));
                item.addListener(SWT.Selection, e -> add(type));
            }
        } else if (offered.isEmpty()) {
            MenuItem none = FormContext.named(new MenuItem(menu, SWT.PUSH), "add.none");
            none.setText("Every parameter of " + context.experiment().getKind() + " is set");
            none.setEnabled(false);
        } else {
            for (ExperimentParameterCatalog.Declared d : offered) {
                MenuItem item = FormContext.named(new MenuItem(menu, SWT.PUSH), "add." + d.name());
                item.setText(d.name() + " (" + ParameterType.valueOf(d.type()).label() + ") – " + d.doc());
                item.addListener(SWT.Selection, e -> add(d));
            }
        }
    }

    private Set<String> names() {
        return context.experiment().getParameters().stream().map(Parameter::getName).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private TableViewerColumn column(String title, int width, java.util.function.Function<Parameter, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return Objects.requireNonNullElse(text.apply((Parameter) element), "");
            }
        });
        return column;
    }

    private void add(ParameterType type) {
        add(ParameterDefaults.create(type, context.experiment().getKind(), names()));
    }

    /** Adds a parameter the task reads, set to its default. */
    private void add(ExperimentParameterCatalog.Declared declared) {
        ParameterType type = ParameterType.valueOf(declared.type());
        Parameter parameter = type.create();
        parameter.setName(declared.name());
        if (declared.defaultValue() != null) {
            parameter.eSet(type.valueFeature(), ParameterValues.parse(type, declared.defaultValue()));
        }
        add(parameter);
    }

    private void add(Parameter parameter) {
        context.execute("Add Parameter " + parameter.getName(), AddCommand.create(context.domain(),
                context.experiment(), AvLensPackage.Literals.EXPERIMENT__PARAMETERS, parameter));
        viewer.setSelection(new StructuredSelection(parameter), true);
    }

    private void removeSelected() {
        List<?> selected = viewer.getStructuredSelection().toList();
        if (!selected.isEmpty()) {
            context.execute(selected.size() == 1 ? "Remove Parameter " + ((Parameter) selected.get(0)).getName()
                    : "Remove " + selected.size() + " Parameters", RemoveCommand.create(context.domain(),
                            context.experiment(), AvLensPackage.Literals.EXPERIMENT__PARAMETERS, selected));
        }
    }

    void refresh() {
        if (viewer.getInput() != context.experiment().getParameters()) {
            viewer.setInput(context.experiment().getParameters());
        } else {
            viewer.refresh();
        }
        ColumnShares.refit(viewer.getTable()); // a longer name fits without resizing the editor
        rejected.keySet().removeIf(p -> p.eContainer() != context.experiment());
        remove.setEnabled(!viewer.getSelection().isEmpty());
        updateAddMenu();
    }

    /** The values typed that are not values: problems only the form knows about. */
    List<ExperimentProblem> inputProblems() {
        List<ExperimentProblem> problems = new ArrayList<>();
        rejected.forEach((parameter, r) -> problems.add(ExperimentProblem.error(
                "parameters.input." + System.identityHashCode(parameter), Target.PARAMETERS,
                parameter.getName() + ": " + r.reason() + "; it keeps its value " + ParameterValues.format(parameter)
                        + ".")));
        return problems;
    }

    Control control() {
        return viewer.getControl();
    }

    private final class NameEditing extends EditingSupport {
        private final TextCellEditor editor = new TextCellEditor(viewer.getTable());

        NameEditing() {
            super(viewer);
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return editor;
        }

        @Override
        protected boolean canEdit(Object element) {
            return true;
        }

        @Override
        protected Object getValue(Object element) {
            return Objects.requireNonNullElse(((Parameter) element).getName(), "");
        }

        @Override
        protected void setValue(Object element, Object value) {
            Parameter parameter = (Parameter) element;
            String name = ((String) value).strip();
            if (!name.equals(parameter.getName())) {
                context.execute("Rename Parameter " + parameter.getName(), SetCommand.create(context.domain(),
                        parameter, AvLensPackage.Literals.PARAMETER__NAME, name));
            }
        }
    }

    private final class ValueEditing extends EditingSupport {
        private static final String[] BOOLEANS = {"false", "true"};
        private final TextCellEditor text = new TextCellEditor(viewer.getTable());
        private final ComboBoxCellEditor bool = new ComboBoxCellEditor(viewer.getTable(), BOOLEANS, SWT.READ_ONLY);

        ValueEditing() {
            super(viewer);
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return ParameterType.of((Parameter) element) == ParameterType.BOOLEAN ? bool : text;
        }

        @Override
        protected boolean canEdit(Object element) {
            return true;
        }

        @Override
        protected Object getValue(Object element) {
            Parameter parameter = (Parameter) element;
            if (ParameterType.of(parameter) == ParameterType.BOOLEAN) {
                return Boolean.TRUE.equals(parameter.eGet(ParameterType.BOOLEAN.valueFeature())) ? 1 : 0;
            }
            Rejected r = rejected.get(parameter);
            return r != null ? r.text() : ParameterValues.format(parameter);
        }

        @Override
        protected void setValue(Object element, Object value) {
            Parameter parameter = (Parameter) element;
            ParameterType type = ParameterType.of(parameter);
            Object parsed;
            if (type == ParameterType.BOOLEAN) {
                if (!(value instanceof Integer index) || index < 0) {
                    return;
                }
                parsed = index == 1;
            } else {
                try {
                    parsed = ParameterValues.parse(type, (String) value);
                } catch (IllegalArgumentException e) {
                    rejected.put(parameter, new Rejected((String) value, e.getMessage()));
                    context.resync();
                    return;
                }
            }
            boolean wasRejected = rejected.remove(parameter) != null;
            if (!Objects.equals(parameter.eGet(type.valueFeature()), parsed)) {
                context.execute("Set Parameter " + parameter.getName(), SetCommand.create(context.domain(),
                        parameter, type.valueFeature(), parsed));
            } else if (wasRejected) {
                context.resync();
            }
        }
    }
}
