package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Section;

import io.avlens.model.AvLensPackage;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.PreprocessingProfile;

/** The project's models, checked when the experiment runs them. */
final class ModelsSection {

    private final FormContext context;
    private final CheckboxTableViewer viewer;

    ModelsSection(Composite parent, FormContext context) {
        this.context = context;
        FormToolkit toolkit = context.toolkit();
        Section section = toolkit.createSection(parent, Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText("Models");
        section.setDescription("Check the models the experiment runs; each needs a preprocessing profile.");
        section.setData(FormContext.WIDGET_KEY, "section.models");
        Composite body = toolkit.createComposite(section);
        GridLayoutFactory.swtDefaults().applyTo(body);
        section.setClient(body);
        toolkit.paintBordersFor(body);

        Table table = FormContext.named(
                toolkit.createTable(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL), "models");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true)
                .indent(FieldDecorationRegistry.getDefault().getMaximumDecorationWidth(), 0)
                .hint(200, 5 * table.getItemHeight() + table.getHeaderHeight()).applyTo(table);
        viewer = new CheckboxTableViewer(table);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Id", 130, ModelDescriptor::getId);
        column("Family", 90, ModelDescriptor::getFamily);
        column("Profile", 330, ModelsSection::profileSummary);
        ColumnShares.apply(table);
        viewer.addCheckStateListener(e -> check((ModelDescriptor) e.getElement(), e.getChecked()));
    }

    private void column(String title, int width, Function<ModelDescriptor, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((ModelDescriptor) element);
                return value == null ? "" : value;
            }
        });
    }

    private void check(ModelDescriptor model, boolean checked) {
        var models = context.experiment().getModels();
        if (checked && !models.contains(model)) {
            context.execute("Use Model " + model.getId(), AddCommand.create(context.domain(), context.experiment(),
                    AvLensPackage.Literals.EXPERIMENT__MODELS, model));
        } else if (!checked && models.contains(model)) {
            context.execute("Drop Model " + model.getId(), RemoveCommand.create(context.domain(),
                    context.experiment(), AvLensPackage.Literals.EXPERIMENT__MODELS, model));
        }
    }

    /** The profile in one line, e.g. "avshapes-small · 8 fps 64×64 · 16 kHz · 64 mel · 4 s", or "missing". */
    static String profileSummary(ModelDescriptor model) {
        PreprocessingProfile p = model.getProfile();
        if (p == null) {
            return "missing";
        }
        List<String> parts = new ArrayList<>();
        parts.add(p.getName() == null || p.getName().isBlank() ? "custom" : p.getName());
        if (p.getFps() > 0) {
            parts.add(ParameterValues.number(Math.round(p.getFps() * 100) / 100.0) + " fps " + p.getFrameWidth()
                    + "×" + p.getFrameHeight());
        }
        parts.add(String.format(Locale.ROOT, "%s kHz", ParameterValues.number(p.getSampleRate() / 1000.0)));
        if (p.getMelBins() > 0) {
            parts.add(p.getMelBins() + " mel");
        }
        parts.add(ParameterValues.number(p.getClipSeconds()) + " s");
        return String.join(" · ", parts);
    }

    void refresh() {
        List<ModelDescriptor> models = List.copyOf(context.session().project().getModels());
        if (!models.equals(viewer.getInput())) {
            viewer.setInput(models);
        } else {
            viewer.refresh();
        }
        viewer.setCheckedElements(context.experiment().getModels().toArray());
        ColumnShares.refit(viewer.getTable()); // a longer id fits without resizing the editor
    }

    Control control() {
        return viewer.getControl();
    }
}
