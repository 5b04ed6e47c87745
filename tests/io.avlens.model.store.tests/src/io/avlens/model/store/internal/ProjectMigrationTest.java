package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.avlens.model.Project;
import io.avlens.model.store.ProjectMigration;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * Files of an older schema version go through the registered migrations, in memory. The "older" file here is a
 * hypothetical version 0 that called the project's name "title" (then the built-in 1 to 2 step runs); a real
 * version 1 file, whose experiment kinds were an enum, opens with the same kinds as text.
 */
class ProjectMigrationTest {

    private static final String VERSION_0 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <avlens:Project xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                xmlns:avlens="http://avlens.io/model/1.0" title="Old project" schemaVersion="0">
              <datasets name="d"/>
            </avlens:Project>
            """;

    @TempDir
    Path dir;

    private Path file;
    private final List<Integer> calls = new ArrayList<>();

    /** Version 0 to 1: the attribute "title" became "name". */
    private final ProjectMigration renameTitle = new ProjectMigration() {
        @Override
        public int fromVersion() {
            return 0;
        }

        @Override
        public void migrate(Document document) {
            calls.add(fromVersion());
            Element root = document.getDocumentElement();
            root.setAttribute("name", root.getAttribute("title"));
            root.removeAttribute("title");
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        file = Files.createDirectories(dir.resolve("old")).resolve(ProjectStore.FILE_NAME);
        Files.writeString(file, VERSION_0, StandardCharsets.UTF_8);
    }

    @Test
    void anOlderFileIsMigratedInMemoryAndTheFileIsNotTouched() throws IOException {
        XmiProjectStore store = new XmiProjectStore(List.of(renameTitle), UnaryOperator.identity());

        Project project = store.open(dir.resolve("old"));

        assertThat(calls).containsExactly(0);
        assertThat(project.getName()).isEqualTo("Old project");
        assertThat(project.getSchemaVersion()).isEqualTo(2);
        assertThat(project.findDataset("d")).isNotNull();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(VERSION_0);
    }

    @Test
    void savingAMigratedProjectWritesTheCurrentVersionAndKeepsTheOldFileAsBackup() throws IOException {
        XmiProjectStore store = new XmiProjectStore();
        store.addMigration(renameTitle); // as DS would
        store.save(store.open(dir.resolve("old")));

        assertThat(Files.readString(file.resolveSibling(ProjectStore.BACKUP_FILE_NAME))).isEqualTo(VERSION_0);
        assertThat(Files.readString(file)).contains("schemaVersion=\"2\"", "name=\"Old project\"")
                .doesNotContain("title=");
        calls.clear();
        assertThat(store.open(dir.resolve("old")).getName()).isEqualTo("Old project");
        assertThat(calls).as("a current file needs no migration").isEmpty();
    }

    @Test
    void withoutAMigrationTheFileIsRefusedNamingTheVersions() {
        assertThatThrownBy(() -> new XmiProjectStore().open(dir.resolve("old")))
                .isInstanceOf(ProjectStoreException.class)
                .hasMessage(file + ": was written with project schema version 0; this AV Lens (version 2) has no"
                        + " migration from version 0 to 1. The file was not changed.")
                .extracting(e -> ((ProjectStoreException) e).problem()).isEqualTo(Problem.MIGRATION_FAILED);
    }

    @Test
    void aFailingMigrationIsReportedWithItsReason() throws IOException {
        ProjectMigration broken = new ProjectMigration() {
            @Override
            public int fromVersion() {
                return 0;
            }

            @Override
            public void migrate(Document document) {
                throw new IllegalStateException("the old clip table is missing");
            }
        };
        XmiProjectStore store = new XmiProjectStore(List.of(broken), UnaryOperator.identity());
        assertThatThrownBy(() -> store.open(dir.resolve("old"))).isInstanceOf(ProjectStoreException.class)
                .hasMessage(file + ": could not be migrated from schema version 0 to 1: the old clip table is"
                        + " missing. The file was not changed.");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(VERSION_0);
    }

    @Test
    void aRemovedMigrationIsNoLongerUsed() {
        XmiProjectStore store = new XmiProjectStore();
        store.addMigration(renameTitle);
        store.removeMigration(renameTitle);
        assertThatThrownBy(() -> store.open(dir.resolve("old"))).isInstanceOf(ProjectStoreException.class)
                .hasMessageContaining("has no migration from version 0 to 1");
    }

    /** Schema 1 as AV Lens wrote it: the enum default {@code similarity} was left out, other kinds written. */
    private static final String VERSION_1 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <avlens:Project xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                xmlns:avlens="http://avlens.io/model/1.0" name="p" schemaVersion="1">
              <experiments id="sync"/>
              <experiments id="heat" kind="heatmap"/>
              <experiments id="gen" kind="generation" description="d"/>
            </avlens:Project>
            """;

    @Test
    void aVersion1FileOpensWithItsEnumKindsAsTextAndTheDefaultMadeExplicit() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("v1"));
        Files.writeString(folder.resolve(ProjectStore.FILE_NAME), VERSION_1, StandardCharsets.UTF_8);
        XmiProjectStore store = new XmiProjectStore();

        Project project = store.open(folder);

        assertThat(project.getSchemaVersion()).isEqualTo(2);
        assertThat(project.getExperiments()).extracting(e -> e.getId() + "=" + e.getKind())
                .containsExactly("sync=similarity", "heat=heatmap", "gen=generation");
        store.save(project);
        assertThat(Files.readString(folder.resolve(ProjectStore.FILE_NAME))).contains("kind=\"similarity\"");
        assertThat(store.open(folder).findExperiment("sync").getKind()).isEqualTo("similarity");
    }

    @Test
    void aNewKindNeedsNoSchemaChange() throws IOException {
        Path folder = dir.resolve("new");
        XmiProjectStore store = new XmiProjectStore();
        Project project = store.create(folder, "p");
        io.avlens.model.Experiment e = io.avlens.model.AvLensFactory.eINSTANCE.createExperiment();
        e.setId("clap");
        e.setKind("audio-captioning");
        project.getExperiments().add(e);
        store.save(project);

        assertThat(store.open(folder).findExperiment("clap").getKind()).isEqualTo("audio-captioning");
    }
}
