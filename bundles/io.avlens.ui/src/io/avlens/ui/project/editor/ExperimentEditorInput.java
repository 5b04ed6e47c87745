package io.avlens.ui.project.editor;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import io.avlens.model.Experiment;
import io.avlens.ui.project.ProjectSession;

/**
 * An experiment of an open project, as the input of an {@link ExperimentEditor}. Two inputs are equal when they
 * hold the same experiment object, so opening an experiment that is already open activates its editor. Not
 * persistable: the editor is not restored at start-up, when no project is open yet.
 */
public final class ExperimentEditorInput implements IEditorInput {

    private final ProjectSession session;
    private final Experiment experiment;

    /**
     * @param session    the open project
     * @param experiment one of its experiments
     */
    public ExperimentEditorInput(ProjectSession session, Experiment experiment) {
        this.session = Objects.requireNonNull(session, "session");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
    }

    /** The open project the experiment belongs to. */
    public ProjectSession session() {
        return session;
    }

    /** The experiment edited. */
    public Experiment experiment() {
        return experiment;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ResourceLocator.imageDescriptorFromBundle(ExperimentEditorInput.class, "icons/experiment16.png")
                .orElse(ImageDescriptor.getMissingImageDescriptor());
    }

    /** The experiment's id, or "(no id)" while it has none. */
    @Override
    public String getName() {
        String id = experiment.getId();
        return id == null || id.isBlank() ? "(no id)" : id;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return getName() + " in project " + session.project().getName() + " (" + session.folder() + ")";
    }

    /** The experiment, for adapters such as the Properties view. */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(experiment) ? adapter.cast(experiment) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExperimentEditorInput input && input.experiment == experiment;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(experiment);
    }
}
