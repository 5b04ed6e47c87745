package io.avlens.ui.project;

import java.util.List;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;

import io.avlens.core.time.Bookmark;
import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Clip;
import io.avlens.ui.context.BookmarkStore;

/**
 * The bookmarks of a clip of an open project, kept as the clip's {@link io.avlens.model.Bookmark} annotations: adding
 * and removing go through the project's command stack (undoable; the project becomes dirty and is saved with them).
 * UI thread.
 */
final class ProjectBookmarks implements BookmarkStore {

    private final ProjectSession session;
    private final Clip clip;

    ProjectBookmarks(ProjectSession session, Clip clip) {
        this.session = session;
        this.clip = clip;
    }

    @Override
    public List<Bookmark> bookmarks() {
        return clip.getAnnotations().stream().filter(io.avlens.model.Bookmark.class::isInstance)
                .map(io.avlens.model.Bookmark.class::cast).map(ProjectBookmarks::of).toList();
    }

    /** The shared-time bookmark of a model bookmark. */
    static Bookmark of(io.avlens.model.Bookmark bookmark) {
        double time = Double.isFinite(bookmark.getTime()) ? bookmark.getTime() : 0;
        return new Bookmark(time, bookmark.getNote() == null ? "" : bookmark.getNote());
    }

    @Override
    public void add(Bookmark bookmark) {
        io.avlens.model.Bookmark added = AvLensFactory.eINSTANCE.createBookmark();
        added.setTime(bookmark.time());
        added.setNote(bookmark.note());
        Command command = AddCommand.create(session.editingDomain(), clip, AvLensPackage.Literals.CLIP__ANNOTATIONS,
                added);
        session.execute(command);
    }

    @Override
    public boolean remove(Bookmark bookmark) {
        for (Object annotation : clip.getAnnotations()) {
            if (annotation instanceof io.avlens.model.Bookmark b && of(b).equals(bookmark)) {
                return session.execute(RemoveCommand.create(session.editingDomain(), clip,
                        AvLensPackage.Literals.CLIP__ANNOTATIONS, b));
            }
        }
        return false;
    }
}
