package io.avlens.ui.project.editor;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Section;

import io.avlens.model.AvLensPackage;
import io.avlens.model.Experiment;

/**
 * Id, kind and description. A text is committed as one command when the user presses Enter or leaves the field
 * (not at every key stroke, which would make Undo step through the word letter by letter).
 */
final class GeneralSection {

    /** The kinds offered when no runner is installed to say which kinds its tasks compute. */
    private static final List<String> WELL_KNOWN_KINDS = List.of("similarity", "heatmap", "embedding", "retrieval",
            "generation", "evaluation");

    private final FormContext context;
    private final Text id;
    private final ComboViewer kind;
    private final Text description;

    GeneralSection(Composite parent, FormContext context) {
        this.context = context;
        FormToolkit toolkit = context.toolkit();
        Section section = toolkit.createSection(parent, Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText("General");
        section.setDescription("What the experiment is called and what it computes.");
        Composite body = toolkit.createComposite(section);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(body);
        section.setClient(body);
        toolkit.paintBordersFor(body);
        section.setData(FormContext.WIDGET_KEY, "section.general");
        int indent = FieldDecorationRegistry.getDefault().getMaximumDecorationWidth();

        toolkit.createLabel(body, "Id:");
        id = FormContext.named(toolkit.createText(body, "", SWT.SINGLE), "id");
        id.setMessage("unique in the project, e.g. cavp-onsets");
        GridDataFactory.fillDefaults().grab(true, false).indent(indent, 0).hint(120, SWT.DEFAULT).applyTo(id);
        commitOnEnterOrLeave(id, this::setId);

        toolkit.createLabel(body, "Kind:");
        Combo combo = FormContext.named(new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN), "kind");
        toolkit.adapt(combo);
        kind = new ComboViewer(combo);
        kind.setContentProvider(ArrayContentProvider.getInstance());
        kind.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return (String) element;
            }
        });
        kind.addSelectionChangedListener(e -> setKind((String) kind.getStructuredSelection().getFirstElement()));
        GridDataFactory.fillDefaults().grab(true, false).indent(indent, 0).hint(120, SWT.DEFAULT).applyTo(combo);

        toolkit.createLabel(body, "Description:").setLayoutData(GridDataFactory.fillDefaults()
                .align(SWT.BEGINNING, SWT.BEGINNING).create());
        description = FormContext.named(
                toolkit.createText(body, "", SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "description");
        GridDataFactory.fillDefaults().grab(true, true).indent(indent, 0).hint(100, 3 * description.getLineHeight())
                .applyTo(description);
        description.addListener(SWT.FocusOut, e -> setDescription(description.getText()));
    }

    private static void commitOnEnterOrLeave(Text text, Consumer<String> commit) {
        text.addListener(SWT.DefaultSelection, e -> commit.accept(text.getText()));
        text.addListener(SWT.FocusOut, e -> commit.accept(text.getText()));
    }

    private void setId(String value) {
        set("Set Experiment Id", AvLensPackage.Literals.EXPERIMENT__ID, value.strip());
    }

    private void setKind(String value) {
        set("Set Experiment Kind", AvLensPackage.Literals.EXPERIMENT__KIND, value);
    }

    private void setDescription(String value) {
        set("Set Experiment Description", AvLensPackage.Literals.EXPERIMENT__DESCRIPTION,
                value.isBlank() ? null : value);
    }

    private void set(String label, EStructuralFeature feature, Object value) {
        Experiment experiment = context.experiment();
        boolean noKind = value == null && feature == AvLensPackage.Literals.EXPERIMENT__KIND;
        if (!context.refreshing() && !noKind && !Objects.equals(experiment.eGet(feature), value)) {
            context.execute(label, SetCommand.create(context.domain(), experiment, feature, value));
        }
    }

    /** Commits what is typed but not yet committed (the user saves while still in a field). */
    void commitPending() {
        if (!id.isDisposed()) {
            setId(id.getText());
            setDescription(description.getText());
        }
    }

    /** Shows the model's values; a field is only written when it differs, so the caret stays where it is. */
    void refresh() {
        Experiment experiment = context.experiment();
        show(id, Objects.requireNonNullElse(experiment.getId(), ""));
        show(description, Objects.requireNonNullElse(experiment.getDescription(), ""));
        List<String> kinds = kinds(experiment.getKind());
        if (!kinds.equals(kind.getInput())) {
            kind.setInput(kinds);
        }
        kind.setSelection(experiment.getKind() == null ? StructuredSelection.EMPTY
                : new StructuredSelection(experiment.getKind()));
    }

    /**
     * The kinds offered: those an installed task computes (every kind when no runner is installed), and the
     * experiment's own so it is shown even when nothing computes it here.
     */
    private List<String> kinds(String current) {
        java.util.SortedSet<String> kinds = new java.util.TreeSet<>(
                context.catalog() == null ? WELL_KNOWN_KINDS : context.catalog().kinds());
        if (current != null && !current.isBlank()) {
            kinds.add(current);
        }
        return List.copyOf(kinds);
    }

    private static void show(Text text, String value) {
        if (!text.getText().equals(value)) {
            text.setText(value);
        }
    }

    Control idControl() {
        return id;
    }

    void setFocus() {
        id.setFocus();
    }
}
