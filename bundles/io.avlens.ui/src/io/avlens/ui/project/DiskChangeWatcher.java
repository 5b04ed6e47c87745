package io.avlens.ui.project;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * Notices when another program (a command-line run, an import, another workbench) writes a project that is open
 * here, as Eclipse editors notice files changed on disk: a project without unsaved changes takes the other
 * program's changes over at once; one with unsaved changes asks whether to merge them now (a save merges in any
 * case, so nothing is lost either way). Polls every {@value #PERIOD_MILLIS} ms on the UI thread while its shell
 * lives.
 */
public final class DiskChangeWatcher {

    static final int PERIOD_MILLIS = 2000;

    private final ProjectSessions sessions;
    private final Shell shell;
    /**
     * The file version (time and size) last looked at per session, when the user chose "Later" or it could not be
     * merged: not asked or tried again until the file changes anew.
     */
    private final Map<ProjectSession, Long> handled = new HashMap<>();
    private boolean checking;
    private final Runnable poll = this::pollAndReschedule;

    public DiskChangeWatcher(ProjectSessions sessions, Shell shell) {
        this.sessions = sessions;
        this.shell = shell;
    }

    /** Starts polling. */
    public void start() {
        shell.getDisplay().timerExec(PERIOD_MILLIS, poll);
    }

    /** Stops polling. */
    public void stop() {
        Display display = shell.getDisplay();
        if (!display.isDisposed()) {
            display.timerExec(-1, poll);
        }
    }

    private void pollAndReschedule() {
        if (shell.isDisposed()) {
            return;
        }
        check();
        shell.getDisplay().timerExec(PERIOD_MILLIS, poll);
    }

    /** Looks at every open project once. UI thread; not re-entered while one of its dialogs is open. */
    public void check() {
        if (checking) {
            return;
        }
        checking = true;
        try {
            handled.keySet().retainAll(sessions.all());
            for (ProjectSession session : sessions.all()) {
                check(session);
            }
        } finally {
            checking = false;
        }
    }

    private void check(ProjectSession session) {
        if (!session.changedOnDisk()) {
            handled.remove(session);
            return;
        }
        long stamp = stamp(session);
        if (Long.valueOf(stamp).equals(handled.get(session))) {
            return; // this version of the file was declined or could not be read: wait for the next one
        }
        handled.put(session, stamp);
        if (!session.isDirty() || ask(session)) {
            takeOver(session);
        }
    }

    private boolean ask(ProjectSession session) {
        return MessageDialog.open(MessageDialog.QUESTION, shell, "Project Changed on Disk", "Another program changed "
                + ProjectStore.projectFile(session.folder()) + ".\n\nTake its changes over into '"
                + session.project().getName() + "' now? Your unsaved changes are kept (where both changed the same"
                + " thing, yours win). Saving merges them in any case.", 0, "Merge Now", "Later") == 0;
    }

    private void takeOver(ProjectSession session) {
        try {
            MergeReport report = session.takeOverDiskChanges();
            if (!report.conflicts().isEmpty()) {
                MessageDialog.openWarning(shell, "Project Changed on Disk", "Changes of another program were taken"
                        + " over into '" + session.project().getName() + "'. Where both changed the same thing, this"
                        + " workbench's version was kept:\n\n" + String.join("\n", report.conflicts()));
            }
        } catch (ProjectStoreException e) {
            MessageDialog.openError(shell, "Project Changed on Disk", e.getMessage());
        }
    }

    private static long stamp(ProjectSession session) {
        try {
            return java.nio.file.Files.getLastModifiedTime(ProjectStore.projectFile(session.folder())).toMillis()
                    ^ java.nio.file.Files.size(ProjectStore.projectFile(session.folder()));
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
