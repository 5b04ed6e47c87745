package io.avlens.ui.runs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.swt.widgets.Display;

import io.avlens.model.Project;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * Tells a view when anything in an open project changed: an EMF content adapter on each open project sees every
 * change, whether it came through the command stack or from a runner setting a run's status directly, and projects
 * opened or closed later are followed through {@link ProjectSessions}. Bursts of notifications (a run writing many
 * metrics) become one call on the UI thread.
 */
final class ProjectChanges {

    private final ProjectSessions sessions;
    private final Display display;
    private final Runnable onChange;
    private final Map<Project, EContentAdapter> watched = new HashMap<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ProjectSessions.Listener listener = (all, changed) -> follow();

    ProjectChanges(ProjectSessions sessions, Display display, Runnable onChange) {
        this.sessions = sessions;
        this.display = display;
        this.onChange = onChange;
        sessions.addListener(listener);
        follow();
    }

    /** Attaches to projects opened since the last call and detaches from closed ones. UI thread. */
    private void follow() {
        Set<Project> open = new HashSet<>();
        for (ProjectSession session : sessions.all()) {
            open.add(session.project());
        }
        watched.entrySet().removeIf(entry -> {
            if (open.contains(entry.getKey())) {
                return false;
            }
            entry.getKey().eAdapters().remove(entry.getValue());
            return true;
        });
        for (Project project : open) {
            watched.computeIfAbsent(project, p -> {
                EContentAdapter adapter = new EContentAdapter() {
                    @Override
                    public void notifyChanged(Notification notification) {
                        super.notifyChanged(notification);
                        if (!notification.isTouch()) {
                            changed();
                        }
                    }
                };
                p.eAdapters().add(adapter);
                return adapter;
            });
        }
        changed();
    }

    /** Any thread: schedules one {@code onChange} on the UI thread unless one is pending. */
    private void changed() {
        if (pending.compareAndSet(false, true) && !display.isDisposed()) {
            display.asyncExec(() -> {
                pending.set(false);
                onChange.run();
            });
        }
    }

    /** Detaches from every project. UI thread. */
    void dispose() {
        sessions.removeListener(listener);
        watched.forEach((project, adapter) -> project.eAdapters().remove(adapter));
        watched.clear();
    }
}
