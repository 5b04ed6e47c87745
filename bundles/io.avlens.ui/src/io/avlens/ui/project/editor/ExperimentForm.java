package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.forms.IMessageManager;
import org.eclipse.ui.forms.ManagedForm;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.TableWrapData;
import org.eclipse.ui.forms.widgets.TableWrapLayout;

import io.avlens.model.Experiment;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.ui.project.ProjectSession;

/**
 * The experiment editor's form: four sections in two columns (General and Models, then Clips and Parameters) under
 * a heading that sums up the problems, each of which also sits beside the control it concerns.
 */
final class ExperimentForm {

    private final ManagedForm form;
    private final ProjectSession session;
    private final Experiment experiment;
    private final FormContext context;
    private final GeneralSection general;
    private final ModelsSection models;
    private final ClipsSection clips;
    private final ParametersSection parameters;
    private final Action runAction;
    private Map<Object, Control> shownMessages = new HashMap<>();

    /**
     * @param catalog what the installed tasks read (kinds offered, parameters offered and checked), or null when
     *                no runner is installed
     * @param run     starts a run of the experiment (the header's Run button, enabled while nothing is in error)
     */
    ExperimentForm(Composite parent, ProjectSession session, Experiment experiment,
            ExperimentParameterCatalog catalog, Image image, Runnable run) {
        this.session = session;
        this.experiment = experiment;
        form = new ManagedForm(parent);
        ScrolledForm scrolled = form.getForm();
        scrolled.setData(FormContext.WIDGET_KEY, "form");
        form.getToolkit().decorateFormHeading(scrolled.getForm());
        scrolled.setImage(image);
        runAction = new Action("Run") {
            @Override
            public void run() {
                commitPending();
                run.run();
            }
        };
        runAction.setToolTipText("Run this experiment: one Run with artifacts under runs/ (progress in the Progress"
                + " view, cancel there)");
        scrolled.getToolBarManager().add(runAction);
        scrolled.getToolBarManager().update(true);
        form.getMessageManager().setMessagePrefixProvider(control -> "");
        form.getMessageManager().setDecorationPosition(SWT.LEFT | SWT.TOP);
        Composite body = scrolled.getBody();
        // a wrapping layout, so sections take the editor's width and their descriptions wrap, instead of the
        // body growing to its widest line and scrolling sideways
        TableWrapLayout layout = new TableWrapLayout();
        layout.numColumns = 2;
        layout.makeColumnsEqualWidth = true;
        layout.horizontalSpacing = 14;
        layout.verticalSpacing = 14;
        layout.leftMargin = 10;
        layout.rightMargin = 10;
        layout.topMargin = 10;
        body.setLayout(layout);
        context = new FormContext(session, experiment, catalog, form.getToolkit(), this::refresh);
        general = new GeneralSection(body, context);
        models = new ModelsSection(body, context);
        clips = new ClipsSection(body, context);
        parameters = new ParametersSection(body, context);
        for (Control section : body.getChildren()) {
            section.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB, TableWrapData.FILL));
        }
        refresh();
    }

    /** Shows the model, with the guard up so that setting the controls is not taken for edits; then validates. */
    void refresh() {
        if (isDisposed()) {
            return;
        }
        context.refresh(() -> {
            general.refresh();
            models.refresh();
            clips.refresh();
            parameters.refresh();
        });
        String id = experiment.getId();
        form.getForm().setText("Experiment " + (id == null || id.isBlank() ? "(no id)" : id));
        validate();
        form.getForm().reflow(true);
    }

    /** The most of a problem's text the form's header shows. */
    private static final int HEADER_CHARS = 64;

    /** Shows the problems found now; a message whose problem is gone is taken away. */
    private void validate() {
        List<ExperimentProblem> problems = new ArrayList<>(ExperimentValidator.validate(experiment,
                session.project(), context.catalog()));
        problems.addAll(parameters.inputProblems());
        IMessageManager messages = form.getMessageManager();
        messages.setAutoUpdate(false);
        Map<Object, Control> shown = new HashMap<>();
        for (ExperimentProblem problem : problems) {
            Control control = controlOf(problem.target());
            messages.addMessage(problem.key(), problem.message(), null,
                    problem.error() ? IMessageProvider.ERROR : IMessageProvider.WARNING, control);
            shown.put(problem.key(), control);
        }
        shownMessages.forEach((key, control) -> {
            if (shown.get(key) != control) {
                messages.removeMessage(key, control);
            }
        });
        shownMessages = shown;
        messages.setAutoUpdate(true);
        // the header says what is wrong, not only "1 error detected" (the forms' summary of control messages)
        problems.sort(java.util.Comparator.comparing(p -> !p.error())); // errors first
        if (!problems.isEmpty()) {
            ExperimentProblem first = problems.get(0);
            // short: the header's text widens the whole form (the full text is on the marked field)
            String text = first.message().length() > HEADER_CHARS
                    ? first.message().substring(0, HEADER_CHARS - 1).stripTrailing() + "…" : first.message();
            form.getForm().setMessage(text + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""),
                    first.error() ? IMessageProvider.ERROR
                            : IMessageProvider.WARNING, form.getForm().getForm().getChildrenMessages()); // details kept
        } else {
            form.getForm().setMessage(null, IMessageProvider.NONE);
        }
        runAction.setEnabled(problems.stream().noneMatch(ExperimentProblem::error));
    }

    private Control controlOf(ExperimentProblem.Target target) {
        return switch (target) {
            case ID -> general.idControl();
            case MODELS -> models.control();
            case DATASET -> clips.datasetControl();
            case SPLIT -> clips.splitControl();
            case CLIPS -> clips.clipsControl();
            case PARAMETERS -> parameters.control();
        };
    }

    /** Commits what is typed but not yet committed (the user saves while still in a field). */
    void commitPending() {
        general.commitPending();
    }

    void setFocus() {
        general.setFocus();
    }

    boolean isDisposed() {
        return form.getForm().isDisposed();
    }

    /** No event becomes an edit any more: the editor is closing, its experiment may be gone. */
    void stop() {
        context.stop();
    }

    void dispose() {
        context.stop();
        form.dispose();
    }
}
