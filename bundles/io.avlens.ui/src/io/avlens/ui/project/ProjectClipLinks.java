package io.avlens.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.avlens.core.time.TimeMarker;
import io.avlens.model.Annotation;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Narration;
import io.avlens.model.SoundEvent;
import io.avlens.model.store.Locations;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;

/**
 * Links each open analysis whose file is a clip of an open project to that clip: the timeline shows the clip's sound
 * events and narration as markers (beside those of the clip's sidecar), and its bookmarks are the clip's
 * {@link io.avlens.model.Bookmark} annotations ({@link ProjectBookmarks}). Follows clips opened and projects opened,
 * changed (undo and redo included) and closed. One per workbench, made with its {@link AnalysisContexts}. UI thread.
 */
public final class ProjectClipLinks implements ProjectSessions.Listener {

    private final ProjectSessions sessions;
    private final AnalysisContexts contexts;

    /** Starts following {@code sessions} and the analyses {@code contexts} opens. */
    public ProjectClipLinks(ProjectSessions sessions, AnalysisContexts contexts) {
        this.sessions = sessions;
        this.contexts = contexts;
        sessions.addListener(this);
        contexts.addOpenListener(this::link);
        contexts.all().forEach(this::link);
    }

    @Override
    public void sessionsChanged(ProjectSessions changedSessions, ProjectSession changed) {
        contexts.all().forEach(this::link);
    }

    /** Links {@code context} to its clip in an open project, or unlinks it when no open project has it. */
    void link(AnalysisContext context) {
        Path file = context.file().toAbsolutePath().normalize();
        for (ProjectSession session : sessions.all()) {
            for (Dataset dataset : session.project().getDatasets()) {
                for (Clip clip : dataset.getClips()) {
                    if (file.equals(media(session, clip))) {
                        context.linkProject(this, markers(clip), new ProjectBookmarks(session, clip));
                        return;
                    }
                }
            }
        }
        context.linkProject(this, List.of(), null);
    }

    private static Path media(ProjectSession session, Clip clip) {
        try {
            return Locations.resolve(session.folder(), clip.getMediaLocation()).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return null; // a clip without a usable location is nobody's file
        }
    }

    /** The clip's timed annotations as markers: sound events by their action, narration as one band. */
    static List<TimeMarker> markers(Clip clip) {
        List<TimeMarker> out = new ArrayList<>();
        for (Annotation annotation : clip.getAnnotations()) {
            if (annotation instanceof SoundEvent e && Double.isFinite(e.getStart())) {
                double duration = Double.isFinite(e.getDuration()) ? Math.max(0, e.getDuration()) : 0;
                String kind = e.getAction() == null || e.getAction().isBlank() ? "event" : e.getAction();
                List<String> label = new ArrayList<>();
                if (e.getMaterial() != null && !e.getMaterial().isBlank()) {
                    label.add(e.getMaterial());
                }
                if (e.getObjectId() != null && !e.getObjectId().isBlank()) {
                    label.add("object " + e.getObjectId());
                }
                out.add(new TimeMarker(e.getStart(), duration, kind, String.join(", ", label)));
            } else if (annotation instanceof Narration n && Double.isFinite(n.getStart())
                    && Double.isFinite(n.getEnd())) {
                out.add(new TimeMarker(n.getStart(), Math.max(0, n.getEnd() - n.getStart()), "narration",
                        n.getText()));
            }
        }
        return out;
    }
}
