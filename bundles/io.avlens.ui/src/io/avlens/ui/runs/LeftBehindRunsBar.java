package io.avlens.ui.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import io.avlens.model.Experiment;
import io.avlens.runner.RunFolders;
import io.avlens.runner.RunFolders.RunFolder;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * A bar over the Runs view that appears when a project holds run folders a killed or crashed program left behind
 * (incomplete runs, or finished runs that were never recorded), says which and why, and deletes them on request.
 * Hidden when there are none. UI thread.
 */
final class LeftBehindRunsBar {

    private final Composite bar;
    private final Link text;
    private final Runnable afterDelete;
    private List<RunFolder> shown = List.of();

    LeftBehindRunsBar(Composite parent, Runnable afterDelete) {
        this.afterDelete = afterDelete;
        bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 2;
        bar.setLayout(layout);
        Label icon = new Label(bar, SWT.NONE);
        icon.setImage(JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_WARNING));
        text = new Link(bar, SWT.WRAP);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addListener(SWT.Selection, e -> deleteShown());
        show(List.of());
    }

    /** Looks at the run folders of every open project again. */
    void update(ProjectSessions sessions) {
        List<RunFolder> left = new ArrayList<>();
        for (ProjectSession session : sessions.all()) {
            List<String> recorded = session.project().getExperiments().stream()
                    .flatMap((Experiment e) -> e.getRuns().stream()).map(r -> r.getId()).toList();
            left.addAll(RunFolders.leftBehind(session.folder(), recorded));
        }
        show(left);
    }

    /** The folders the bar lists now (tests). */
    List<RunFolder> shown() {
        return shown;
    }

    /** Its message (tests). */
    String message() {
        return text.getText();
    }

    private void show(List<RunFolder> left) {
        shown = List.copyOf(left);
        boolean visible = !left.isEmpty();
        ((GridData) bar.getLayoutData()).exclude = !visible;
        bar.setVisible(visible);
        if (visible) {
            String list = left.stream().map(f -> f.runId() + " (" + (f.status() == RunFolders.Status.INCOMPLETE
                    ? "incomplete" : "not recorded") + ")").collect(Collectors.joining(", "));
            text.setText((left.size() == 1 ? "A run folder was" : left.size() + " run folders were")
                    + " left by a program that stopped before recording its run: " + list + ". <a>Delete…</a>");
            text.setToolTipText(left.stream().map(f -> f.folder() + ": " + f.detail())
                    .collect(Collectors.joining("\n")));
        }
        bar.getParent().layout(true, true);
    }

    /** Asks, then deletes the listed folders (the Delete link). */
    void deleteShown() {
        if (shown.isEmpty() || !MessageDialog.openConfirm(bar.getShell(), "Delete Run Folders", "Delete these run"
                + " folders and every file in them? This cannot be undone.\n\n" + shown.stream()
                        .map(f -> f.folder() + "\n    " + f.detail()).collect(Collectors.joining("\n")))) {
            return;
        }
        deleteWithoutAsking();
    }

    /** Deletes the listed folders; reports what could not be deleted. */
    void deleteWithoutAsking() {
        List<String> failures = new ArrayList<>();
        for (RunFolder folder : shown) {
            try {
                RunFolders.delete(folder);
            } catch (IOException e) {
                failures.add(folder.folder() + ": " + e.getMessage());
            }
        }
        afterDelete.run();
        if (!failures.isEmpty()) {
            MessageDialog.openError(bar.getShell(), "Delete Run Folders", "Some files could not be deleted:\n\n"
                    + String.join("\n", failures));
        }
    }
}
