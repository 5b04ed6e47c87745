package io.avlens.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;

import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.store.Locations;

/**
 * Lets the Project Explorer follow clips selected in another view (e.g. a lasso in the embedding explorer): the
 * elements of that selection that adapt to a media file ({@link Path}) select the open projects' clips of those
 * files. A selection with no such element leaves the tree as it is.
 */
final class ClipSelectionFollower implements ISelectionListener {

    private final IWorkbenchPart owner;
    private final ProjectSessions sessions;
    private final TreeViewer viewer;

    ClipSelectionFollower(IWorkbenchPart owner, ProjectSessions sessions, TreeViewer viewer) {
        this.owner = owner;
        this.sessions = sessions;
        this.viewer = viewer;
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == owner || !(selection instanceof IStructuredSelection s) || s.isEmpty()
                || viewer.getControl().isDisposed()) {
            return;
        }
        Set<Path> files = new HashSet<>();
        for (Object o : s.toList()) {
            Path p = o instanceof Clip ? null : Adapters.adapt(o, Path.class);
            if (p != null) {
                files.add(p.toAbsolutePath().normalize());
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<Clip> clips = new ArrayList<>();
        for (ProjectSession session : sessions.all()) {
            for (Dataset dataset : session.project().getDatasets()) {
                for (Clip clip : dataset.getClips()) {
                    Path media = Locations.resolve(session.folder(), clip.getMediaLocation());
                    if (media != null && files.contains(media.toAbsolutePath().normalize())) {
                        clips.add(clip);
                    }
                }
            }
        }
        if (!clips.isEmpty()) {
            viewer.setSelection(new StructuredSelection(clips), true);
        }
    }
}
