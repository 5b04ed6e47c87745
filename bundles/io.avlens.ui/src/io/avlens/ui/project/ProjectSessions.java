package io.avlens.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * The projects open in one workbench, in the order they were opened. The Project Explorer shows them; editors and
 * wizards find a project's {@link ProjectSession} here. One instance per workbench, supplied to injection by
 * {@link ProjectSessionsFunction} (no static state). UI thread only.
 */
public final class ProjectSessions {

    /** Told when a project was opened or closed, or when an open project changed or was saved. */
    public interface Listener {
        void sessionsChanged(ProjectSessions sessions, ProjectSession changed);
    }

    private final ProjectStore store;
    private final List<ProjectSession> sessions = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ProjectSession.Listener relay = this::fire;

    public ProjectSessions(ProjectStore store) {
        this.store = store;
    }

    /** The store projects are opened, created and saved with. */
    public ProjectStore store() {
        return store;
    }

    /**
     * Opens the project in {@code folder}, or returns its session when it is open already.
     *
     * @throws ProjectStoreException naming the file and the problem; nothing is opened then
     */
    public ProjectSession open(Path folder) throws ProjectStoreException {
        Optional<ProjectSession> open = find(folder);
        if (open.isPresent()) {
            return open.get();
        }
        return add(store.open(folder));
    }

    /**
     * Creates a project in {@code folder} and opens it.
     *
     * @throws ProjectStoreException when the folder already holds a project or cannot be written
     */
    public ProjectSession create(Path folder, String name) throws ProjectStoreException {
        return add(store.create(folder, name));
    }

    private ProjectSession add(Project project) {
        ProjectSession session = new ProjectSession(store, project);
        session.addListener(relay);
        sessions.add(session);
        fire(session);
        return session;
    }

    /** The session of the project in {@code folder}, if it is open. */
    public Optional<ProjectSession> find(Path folder) {
        Path wanted = folder.toAbsolutePath().normalize();
        return sessions.stream().filter(s -> s.folder().toAbsolutePath().normalize().equals(wanted)).findFirst();
    }

    /** The session a project of this workbench belongs to. */
    public Optional<ProjectSession> sessionOf(Project project) {
        return sessions.stream().filter(s -> s.project() == project).findFirst();
    }

    /** The open projects, oldest first. */
    public List<ProjectSession> all() {
        return List.copyOf(sessions);
    }

    /** Closes a project; unsaved changes are dropped (callers ask the user first). */
    public void close(ProjectSession session) {
        if (sessions.remove(session)) {
            session.removeListener(relay);
            session.dispose();
            fire(session);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void fire(ProjectSession changed) {
        for (Listener listener : listeners) {
            listener.sessionsChanged(this, changed);
        }
    }
}
