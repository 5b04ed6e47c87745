package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.edit.command.SetCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.ui.project.DiskChangeWatcher;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.testing.Ui;

/**
 * The workbench and a command line write one project: a project without unsaved changes takes the other program's
 * changes over when the watcher looks, and a save with unsaved changes merges instead of overwriting them.
 */
class ProjectChangedOnDiskTest {

    @TempDir
    Path dir;

    private final List<ProjectSession> opened = new ArrayList<>();

    @AfterEach
    void closeProjects() {
        Ui.run(() -> opened.forEach(Ui.sessions()::close));
    }

    private static <T> T call(java.util.concurrent.Callable<T> code) {
        return Ui.sync(() -> {
            try {
                return code.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Experiment experiment(String id) {
        Experiment e = AvLensFactory.eINSTANCE.createExperiment();
        e.setId(id);
        return e;
    }

    /** What another program (e.g. 'avlens run') does: re-read the file under its lock, change, write. */
    private static void anotherProgram(Path folder, ProjectStore.ProjectChange change) throws Exception {
        Ui.sessions().store().update(folder, change);
    }

    @Test
    void aCleanProjectTakesOverAnotherProgramsChangesAndStaysClean() throws Exception {
        Path folder = dir.resolve("clean");
        ProjectSession session = call(() -> Ui.sessions().create(folder, "clean"));
        opened.add(session);

        anotherProgram(folder, p -> p.getExperiments().add(experiment("from-the-command-line")));
        assertThat(Ui.sync(session::changedOnDisk)).isTrue();
        Ui.run(() -> new DiskChangeWatcher(Ui.sessions(), Ui.window().getShell()).check());

        assertThat(Ui.sync(() -> session.project().findExperiment("from-the-command-line"))).isNotNull();
        assertThat(Ui.sync(session::isDirty)).isFalse();
        assertThat(Ui.sync(session::changedOnDisk)).isFalse();
    }

    @Test
    void savingUnsavedChangesMergesWhatAnotherProgramWroteMeanwhile() throws Exception {
        Path folder = dir.resolve("dirty");
        ProjectSession session = call(() -> Ui.sessions().create(folder, "dirty"));
        opened.add(session);
        Ui.run(() -> session.execute(SetCommand.create(session.editingDomain(), session.project(),
                AvLensPackage.Literals.PROJECT__DESCRIPTION, "edited in the workbench")));
        anotherProgram(folder, p -> p.getExperiments().add(experiment("recorded-by-a-run")));

        MergeReport report = call(session::save);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.changes()).containsExactly("added experiments[recorded-by-a-run]");
        Project onDisk = Ui.sessions().store().open(folder);
        assertThat(onDisk.getDescription()).isEqualTo("edited in the workbench");
        assertThat(onDisk.findExperiment("recorded-by-a-run")).isNotNull();
        assertThat(Ui.sync(session::isDirty)).isFalse();

        // Undo reverts the workbench's own edit; the taken-over experiment was a separate, undoable step
        Ui.run(() -> session.commandStack().undo());
        assertThat(Ui.sync(() -> session.project().findExperiment("recorded-by-a-run"))).isNull();
        assertThat(Ui.sync(() -> session.project().getDescription())).isEqualTo("edited in the workbench");
    }
}
