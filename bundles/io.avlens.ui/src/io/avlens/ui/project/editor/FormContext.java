package io.avlens.ui.project.editor;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandWrapper;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.avlens.model.Experiment;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.ui.project.ProjectSession;

/**
 * What the sections of one experiment editor share: the session they edit through, the experiment, the toolkit,
 * and the guard that keeps a refresh from the model from being taken for a user's edit (setting a combo's selection
 * or a table's check marks fires the same listeners a user's click does).
 */
final class FormContext {

    /**
     * The key under which controls carry their name ({@link Widget#setData(String, Object)}): the one SWTBot looks
     * for, so tests and UI robots find a control by name instead of by position.
     */
    static final String WIDGET_KEY = "org.eclipse.swtbot.widget.key";

    private final ProjectSession session;
    private final Experiment experiment;
    private final ExperimentParameterCatalog catalog;
    private final FormToolkit toolkit;
    private final Runnable resync;
    private boolean refreshing;
    private boolean stopped;

    FormContext(ProjectSession session, Experiment experiment, ExperimentParameterCatalog catalog,
            FormToolkit toolkit, Runnable resync) {
        this.session = session;
        this.experiment = experiment;
        this.catalog = catalog;
        this.toolkit = toolkit;
        this.resync = resync;
    }

    ProjectSession session() {
        return session;
    }

    EditingDomain domain() {
        return session.editingDomain();
    }

    Experiment experiment() {
        return experiment;
    }

    /** What the installed tasks read, or null when no runner is installed. */
    ExperimentParameterCatalog catalog() {
        return catalog;
    }

    /**
     * The parameters the experiment's kind reads (besides the seed), or empty when that is not known: no runner,
     * no kind, or no installed task of the kind.
     */
    java.util.Optional<java.util.List<ExperimentParameterCatalog.Declared>> declared() {
        return catalog == null || experiment.getKind() == null ? java.util.Optional.empty()
                : catalog.parameters(experiment.getKind());
    }

    FormToolkit toolkit() {
        return toolkit;
    }

    /** Whether the form is being set from the model, so events are not edits. */
    boolean refreshing() {
        return refreshing;
    }

    /** Runs {@code update} with the guard up. */
    void refresh(Runnable update) {
        boolean outer = refreshing;
        refreshing = true;
        try {
            update.run();
        } finally {
            refreshing = outer;
        }
    }

    /**
     * Executes one user edit on the session under {@code label} (what Undo and Redo will say), unless the form is
     * being refreshed; the session's listeners then refresh the form.
     */
    void execute(String label, Command command) {
        if (!refreshing && !stopped && command != null
                && !session.execute(new CommandWrapper(label, null, command))) {
            resync.run(); // nothing changed, so nothing redraws the form: undo what the click showed
        }
    }

    /** Ends editing: the editor is closing (its experiment may be gone), so no event becomes a command. */
    void stop() {
        stopped = true;
    }

    /**
     * Shows the model and its problems again, for a change the session does not announce: a problem only the form
     * knows about (text that is not a value) came or went, or an edit turned out to change nothing.
     */
    void resync() {
        resync.run();
    }

    /** Names {@code widget} for tests and UI robots (see {@link #WIDGET_KEY}). */
    static <W extends Widget> W named(W widget, String name) {
        widget.setData(WIDGET_KEY, name);
        return widget;
    }
}
