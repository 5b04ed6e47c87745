package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.time.TimeMarker;
import io.avlens.model.Annotation;
import io.avlens.model.Bookmark;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectHandlers;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * Bookmarks of a clip of an open project live in the project: B in the timeline adds a Bookmark annotation through
 * the command stack (undoable, the project dirty, saved with it), the Project Explorer lists it under the clip,
 * double-click jumps the cursor to it and Delete removes it; the timeline also shows the project's annotations.
 */
class ProjectBookmarksTest {

    @TempDir
    Path dir;

    private ProjectSession session;

    @AfterEach
    void closeProject() {
        if (session != null) {
            Ui.run(() -> Ui.sessions().close(session));
        }
    }

    private static List<Bookmark> bookmarksOf(Clip clip) {
        return clip.getAnnotations().stream().filter(Bookmark.class::isInstance).map(Bookmark.class::cast).toList();
    }

    @Test
    void bInTheTimelineBookmarksTheProjectClipUndoablySavedAndListedInTheExplorer() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path folder = SampleProjects.kitchen(dir, Ui.sessions().store());
        session = Ui.sync(() -> ProjectHandlers.open(window, folder));
        Clip clip = Ui.sync(() -> session.project().getDatasets().get(0).getClips().get(0));
        Path media = folder.resolve("media/bounce.mp4");
        Ui.run(() -> OpenClipHandler.open(media, window));
        Ui.waitUntil("the project's clip to open", 30,
                () -> Ui.contexts().active().map(c -> c.file().equals(media)).orElse(false));
        AnalysisContext analysis = Ui.sync(() -> Ui.contexts().active().orElseThrow());
        assertThat(analysis.isLinkedToProject()).isTrue();
        // the project's narration joins the sidecar's events; its hits, the sidecar's too, are shown once
        assertThat(analysis.markers()).extracting(TimeMarker::kind)
                .containsExactlyInAnyOrder("narration", "hit", "hit", "hit", "scratch");

        // B in the timeline at 1.6 s: a Bookmark in the model, through the command stack
        TimelineView timeline = Ui.part(window, TimelineView.ID, TimelineView.class);
        Ui.run(() -> {
            analysis.moveCursor(this, 1.6);
            Event b = new Event();
            b.character = 'b';
            timeline.canvas().notifyListeners(SWT.KeyDown, b);
        });
        assertThat(bookmarksOf(clip)).singleElement().satisfies(m -> assertThat(m.getTime()).isEqualTo(1.6));
        assertThat(Ui.sync(session::isDirty)).isTrue();
        assertThat(analysis.bookmarks()).extracting(io.avlens.core.time.Bookmark::time).containsExactly(1.6);

        // Undo takes it back (the timeline follows), Redo brings it again
        Ui.run(() -> session.commandStack().undo());
        assertThat(bookmarksOf(clip)).isEmpty();
        assertThat(analysis.bookmarks()).isEmpty();
        assertThat(Ui.sync(session::isDirty)).isFalse();
        Ui.run(() -> session.commandStack().redo());
        assertThat(analysis.bookmarks()).extracting(io.avlens.core.time.Bookmark::time).containsExactly(1.6);

        // saved with the project and there after reopening it
        Ui.run(() -> {
            try {
                session.save();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Project onDisk = Ui.sessions().store().open(folder);
        assertThat(bookmarksOf(onDisk.getDatasets().get(0).getClips().get(0))).singleElement()
                .satisfies(m -> assertThat(m.getTime()).isEqualTo(1.6));
        Ui.run(() -> Ui.sessions().close(session));
        assertThat(analysis.bookmarks()).as("closed with its project").isEmpty();
        session = Ui.sync(() -> ProjectHandlers.open(window, folder));
        Clip reopened = Ui.sync(() -> session.project().getDatasets().get(0).getClips().get(0));
        Bookmark bookmark = bookmarksOf(reopened).get(0);
        assertThat(analysis.bookmarks()).as("linked again to the reopened project")
                .extracting(io.avlens.core.time.Bookmark::time).containsExactly(1.6);

        // the Project Explorer lists it under the clip; double-click moves the shared cursor to it
        ProjectExplorerView explorer = Ui.sync(() -> ProjectHandlers.reveal(window, session));
        Ui.run(() -> analysis.moveCursor(this, 3.0));
        Ui.run(() -> {
            explorer.viewer().expandAll();
            explorer.viewer().setSelection(new StructuredSelection(bookmark), true);
        });
        assertThat(Ui.sync(() -> explorer.viewer().getStructuredSelection().getFirstElement())).isSameAs(bookmark);
        Ui.screenshot(window.getShell(), "project-bookmark-in-explorer");
        Ui.run(() -> explorer.viewer().getTree().notifyListeners(SWT.DefaultSelection, new Event()));
        Ui.waitUntil("the cursor to jump to the bookmark", 30, () -> Ui.contexts().active().orElseThrow() == analysis
                && Math.abs(analysis.cursor() - 1.6) < 1e-9);
        Ui.screenshot(window.getShell(), "project-bookmark-jumped");

        // Delete in the explorer removes it from the project and the timeline
        Ui.run(() -> {
            explorer.viewer().setSelection(new StructuredSelection(bookmark), true);
            explorer.getViewSite().getActionBars().getGlobalActionHandler(ActionFactory.DELETE.getId()).run();
        });
        assertThat(reopened.getAnnotations()).extracting(Annotation::eClass).noneMatch(
                c -> c.getName().equals("Bookmark"));
        assertThat(analysis.bookmarks()).isEmpty();
    }

    @Test
    void aClipOutsideAnyProjectKeepsItsBookmarksInMemory() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path media = TestClips.bounce(dir);
        Ui.run(() -> OpenClipHandler.open(media, window));
        Ui.waitUntil("the clip to open", 30, () -> Ui.contexts().active().map(c -> c.file().equals(media)).orElse(false));
        AnalysisContext analysis = Ui.sync(() -> Ui.contexts().active().orElseThrow());
        assertThat(analysis.isLinkedToProject()).isFalse();
        Ui.run(() -> analysis.addBookmark(this, new io.avlens.core.time.Bookmark(0.6, "first hit")));
        assertThat(analysis.bookmarks()).containsExactly(new io.avlens.core.time.Bookmark(0.6, "first hit"));
        assertThat(analysis.memoryBookmarks()).isEqualTo(analysis.bookmarks());
    }
}
