package io.avlens.ui.project;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.viewers.ITreeContentProvider;

import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.Run;

/**
 * The tree of the Project Explorer: open projects → Datasets / Models / Experiments; a dataset → its clips → their
 * annotations and labels; an experiment → its runs. The input is the workbench's {@link ProjectSessions}.
 */
final class ExplorerContentProvider implements ITreeContentProvider {

    private ProjectSessions sessions;

    @Override
    public void inputChanged(org.eclipse.jface.viewers.Viewer viewer, Object oldInput, Object newInput) {
        sessions = newInput instanceof ProjectSessions s ? s : null;
    }

    @Override
    public Object[] getElements(Object input) {
        return input instanceof ProjectSessions s ? s.all().toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object element) {
        if (element instanceof ProjectSession session) {
            return new Object[] { new ExplorerFolder(session, ExplorerFolder.Kind.DATASETS),
                    new ExplorerFolder(session, ExplorerFolder.Kind.MODELS),
                    new ExplorerFolder(session, ExplorerFolder.Kind.EXPERIMENTS) };
        }
        if (element instanceof ExplorerFolder folder) {
            return folder.children().toArray();
        }
        if (element instanceof Dataset dataset) {
            return dataset.getClips().toArray();
        }
        if (element instanceof Clip clip) {
            List<Object> children = new ArrayList<>(clip.getAnnotations());
            children.addAll(clip.getLabels());
            return children.toArray();
        }
        if (element instanceof Experiment experiment) {
            return experiment.getRuns().toArray();
        }
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        if (element instanceof ExplorerFolder folder) {
            return folder.session();
        }
        if (!(element instanceof EObject object) || sessions == null) {
            return null;
        }
        EObject container = object.eContainer();
        if (container instanceof Project project) {
            ProjectSession session = sessions.sessionOf(project).orElse(null);
            if (session == null) {
                return null;
            }
            ExplorerFolder.Kind kind = object instanceof Dataset ? ExplorerFolder.Kind.DATASETS
                    : object instanceof ModelDescriptor ? ExplorerFolder.Kind.MODELS : ExplorerFolder.Kind.EXPERIMENTS;
            return new ExplorerFolder(session, kind);
        }
        return container;
    }

    @Override
    public boolean hasChildren(Object element) {
        if (element instanceof ProjectSession || element instanceof ExplorerFolder) {
            return true;
        }
        if (element instanceof Dataset dataset) {
            return !dataset.getClips().isEmpty();
        }
        if (element instanceof Clip clip) {
            return !clip.getAnnotations().isEmpty() || !clip.getLabels().isEmpty();
        }
        return element instanceof Experiment experiment && !experiment.getRuns().isEmpty();
    }

    /** The session a tree element belongs to. */
    static ProjectSession sessionOf(ProjectSessions sessions, Object element) {
        if (element instanceof ProjectSession session) {
            return session;
        }
        if (element instanceof ExplorerFolder folder) {
            return folder.session();
        }
        if (element instanceof EObject object && EcoreUtil.getRootContainer(object) instanceof Project project) {
            return sessions.sessionOf(project).orElse(null);
        }
        return null;
    }
}
