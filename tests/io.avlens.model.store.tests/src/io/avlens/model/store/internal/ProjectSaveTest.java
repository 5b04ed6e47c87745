package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.AvLensFactory;
import io.avlens.model.Experiment;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/** Saving never loses the previous version: a backup is kept, and a failed save leaves the file byte-identical. */
class ProjectSaveTest {

    @TempDir
    Path dir;

    private Path folder;
    private Path file;
    private Path backup;

    @BeforeEach
    void setUp() {
        folder = dir.resolve("project");
        file = ProjectStore.projectFile(folder);
        backup = folder.resolve(ProjectStore.BACKUP_FILE_NAME);
    }

    /** A stream that fails after {@code limit} bytes, like a full disk. */
    private static OutputStream failingAfter(OutputStream out, int limit) {
        return new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > limit) {
                    throw new IOException("No space left on device (injected)");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    /** The folder's files besides the writers' lock file (which stays, see ProjectLock). */
    private List<String> folderListing() throws IOException {
        assertThat(folder.resolve(ProjectLock.FILE_NAME)).isRegularFile();
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ProjectLock.FILE_NAME))
                    .sorted().toList();
        }
    }

    @Test
    void aSaveKeepsThePreviousVersionAsBackup() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        Project project = store.create(folder, "first");
        byte[] version1 = Files.readAllBytes(file);
        project.setDescription("second version");
        store.save(project);
        byte[] version2 = Files.readAllBytes(file);
        assertThat(Files.readAllBytes(backup)).isEqualTo(version1);

        project.setDescription("third version");
        store.save(project);
        assertThat(Files.readAllBytes(backup)).isEqualTo(version2);
        assertThat(store.open(folder).getDescription()).isEqualTo("third version");
        assertThat(folderListing()).containsExactly(ProjectStore.FILE_NAME, ProjectStore.BACKUP_FILE_NAME);
    }

    @Test
    void aWriteFailureLeavesTheFileAndBackupByteIdenticalAndNoTemporaryFile() throws IOException {
        Project project = TestProjects.full(new XmiProjectStore(), folder, Files.createDirectories(dir.resolve("x")));
        new XmiProjectStore().save(project); // a backup exists now too
        byte[] before = Files.readAllBytes(file);
        byte[] backupBefore = Files.readAllBytes(backup);
        List<String> listing = folderListing();

        XmiProjectStore failing = new XmiProjectStore(List.of(), out -> failingAfter(out, 100));
        Project reopened = failing.open(folder);
        reopened.setDescription("this change cannot be written");

        assertThatThrownBy(() -> failing.save(reopened)).isInstanceOf(ProjectStoreException.class)
                .hasMessageStartingWith(file + ": was not saved: No space left on device (injected)")
                .hasMessageContaining("the previous version is unchanged")
                .extracting(e -> ((ProjectStoreException) e).problem()).isEqualTo(Problem.IO);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.readAllBytes(backup)).isEqualTo(backupBefore);
        assertThat(folderListing()).isEqualTo(listing);
    }

    @Test
    void aFailureToKeepTheBackupLeavesTheFileByteIdentical() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        Project project = store.create(folder, "p");
        byte[] before = Files.readAllBytes(file);
        // a folder that is not empty where the backup goes: the rename of the backup fails, as root too
        Files.createDirectories(backup.resolve("in-the-way"));
        project.setDescription("changed");

        assertThatThrownBy(() -> store.save(project)).isInstanceOf(ProjectStoreException.class)
                .hasMessageStartingWith(file + ": was not saved: ")
                .hasMessageContaining(ProjectStore.BACKUP_FILE_NAME);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(folderListing()).containsExactly(ProjectStore.FILE_NAME, ProjectStore.BACKUP_FILE_NAME);
    }

    @Test
    void aReadOnlyFolderLeavesTheFileByteIdentical() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        Project project = store.create(folder, "p");
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(folder), "the folder is still writable (running as root)");
            project.setDescription("changed");
            assertThatThrownBy(() -> store.save(project)).isInstanceOf(ProjectStoreException.class)
                    .hasMessageContaining("permission denied");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(folderListing()).containsExactly(ProjectStore.FILE_NAME);
    }

    @Test
    void aModelThatCannotBeSerialisedIsNotWrittenAtAll() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        Project project = store.create(folder, "p");
        byte[] before = Files.readAllBytes(file);
        // an experiment using a model that is in no project: XMI cannot refer to it
        ModelDescriptor stray = AvLensFactory.eINSTANCE.createModelDescriptor();
        stray.setId("stray");
        Experiment experiment = AvLensFactory.eINSTANCE.createExperiment();
        experiment.setId("e");
        experiment.getModels().add(stray);
        project.getExperiments().add(experiment);

        assertThatThrownBy(() -> store.save(project)).isInstanceOf(ProjectStoreException.class)
                .hasMessageStartingWith(file + ": was not saved, the project cannot be written: ")
                .extracting(e -> ((ProjectStoreException) e).problem()).isEqualTo(Problem.INVALID_CONTENT);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(folderListing()).containsExactly(ProjectStore.FILE_NAME);
    }

    @Test
    void createRefusesToReplaceAProject() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        store.create(folder, "mine");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> store.create(folder, "other")).isInstanceOf(ProjectStoreException.class)
                .hasMessage(file + ": already exists: open the project instead of creating it");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aProjectNotFromAStoreCannotBeSaved() {
        Project loose = AvLensFactory.eINSTANCE.createProject();
        assertThatThrownBy(() -> new XmiProjectStore().save(loose)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not created or opened by a ProjectStore");
    }
}
