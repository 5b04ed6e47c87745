package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * Files that cannot be opened: each gives an error naming the file and what is wrong, and the file is not touched
 * (same bytes, same modification time, no other file appears).
 */
class ProjectOpenFailureTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();
    private Path folder;
    private Path file;
    private String valid;

    @BeforeEach
    void setUp() throws IOException {
        folder = dir.resolve("project");
        file = ProjectStore.projectFile(folder);
        store.save(TestProjects.full(store, folder, Files.createDirectories(dir.resolve("elsewhere"))));
        Files.delete(folder.resolve(ProjectStore.BACKUP_FILE_NAME));
        valid = Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Writes {@code content} as the project file, opens it, and checks the failure and that nothing changed. */
    private ProjectStoreException openFails(byte[] content, Problem problem, String... messageParts)
            throws IOException {
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        List<String> listing = listing();

        ProjectStoreException e = catchThrowableOfType(ProjectStoreException.class, () -> store.open(folder));

        assertThat(e).as("opening must fail").isNotNull();
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.file()).isEqualTo(file.toAbsolutePath());
        assertThat(e.getMessage()).startsWith(file.toAbsolutePath() + ": ").contains(messageParts);
        assertThat(Files.readAllBytes(file)).as("the file is byte-identical").isEqualTo(content);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(listing()).isEqualTo(listing);
        return e;
    }

    private ProjectStoreException openFails(String content, Problem problem, String... messageParts)
            throws IOException {
        return openFails(content.getBytes(StandardCharsets.UTF_8), problem, messageParts);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTruncatedFileIsReportedAsDamagedWithTheLine() throws IOException {
        // cut between two elements, so the parser reports the premature end (not a tag cut in half)
        byte[] all = valid.getBytes(StandardCharsets.UTF_8);
        int cut = valid.substring(0, valid.indexOf("<experiments")).getBytes(StandardCharsets.UTF_8).length;
        openFails(Arrays.copyOf(all, cut), Problem.MALFORMED, "is damaged or truncated: line ",
                "XML document structures must start and end within the same entity");
    }

    @Test
    void aFileCutInsideTheRootElementIsDamaged() throws IOException {
        openFails(valid.substring(0, valid.indexOf("schemaVersion")), Problem.MALFORMED,
                "is damaged or truncated");
    }

    @Test
    void garbageIsNotXml() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'P';
        openFails(garbage, Problem.MALFORMED, "is not an AV Lens project file: it is not XML (line 1, column 1");
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        openFails(new byte[0], Problem.EMPTY, "is empty (0 bytes)");
    }

    @Test
    void otherXmlIsNotAProject() throws IOException {
        openFails("<?xml version=\"1.0\"?>\n<html><body>hello</body></html>\n", Problem.NOT_A_PROJECT,
                "is not an AV Lens project: its root element is html, not Project of http://avlens.io/model/1.0");
    }

    @Test
    void aNewerSchemaVersionIsRefusedWithBothVersions() throws IOException {
        openFails(valid.replace("schemaVersion=\"2\"", "schemaVersion=\"7\""), Problem.NEWER_SCHEMA,
                "was written with project schema version 7 by a newer AV Lens; this one reads versions up to 2",
                "the file was not changed");
    }

    @Test
    void aNewerSchemaNamespaceIsRefused() throws IOException {
        openFails(valid.replace("http://avlens.io/model/1.0", "http://avlens.io/model/2.0"), Problem.NEWER_SCHEMA,
                "uses the project schema http://avlens.io/model/2.0, which this AV Lens does not know");
    }

    @Test
    void aMissingOrBrokenSchemaVersionIsInvalid() throws IOException {
        openFails(valid.replace(" schemaVersion=\"2\"", ""), Problem.INVALID_CONTENT, "has no schemaVersion");
        openFails(valid.replace("schemaVersion=\"2\"", "schemaVersion=\"one\""), Problem.INVALID_CONTENT,
                "schemaVersion that is not a whole number: 'one'");
    }

    @Test
    void anUnknownElementOrAttributeIsInvalidContentWithItsPosition() throws IOException {
        openFails(valid.replace("<labels key=\"take\"", "<labelz key=\"take\""), Problem.INVALID_CONTENT,
                "does not fit the project schema: line ", "labelz");
        openFails(valid.replace("device=\"cpu\"", "device=\"cpu\" colour=\"blue\""), Problem.INVALID_CONTENT,
                "colour");
    }

    @Test
    void aBadValueIsInvalidContent() throws IOException {
        openFails(valid.replace("seed=\"42\"", "seed=\"forty-two\""), Problem.INVALID_CONTENT,
                "does not fit the project schema: line ");
        openFails(valid.replace("2026-05-01T12:00:00.250Z", "yesterday"), Problem.INVALID_CONTENT,
                "does not fit the project schema: line ");
    }

    @Test
    void aBrokenReferenceIsInvalidContent() throws IOException {
        openFails(valid.replace("models=\"#//@models.0\"", "models=\"#//@models.9\""), Problem.INVALID_CONTENT,
                "does not fit the project schema", "//@models.9");
    }

    @Test
    void aDamagedFilePointsAtTheBackup() throws IOException {
        Path backup = folder.resolve(ProjectStore.BACKUP_FILE_NAME);
        Files.writeString(backup, valid);
        ProjectStoreException e = openFails(valid.substring(0, 300), Problem.MALFORMED, "is damaged or truncated");
        assertThat(e.getMessage()).endsWith(". The file was not changed; the previous version is in " + backup);
    }

    @Test
    void aFolderWithoutAProjectIsNotFound() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> store.open(empty)).isInstanceOf(ProjectStoreException.class)
                .hasMessage(ProjectStore.projectFile(empty) + ": does not exist: the folder holds no AV Lens project")
                .extracting(e -> ((ProjectStoreException) e).problem()).isEqualTo(Problem.NOT_FOUND);
    }

    @Test
    void aDoctypeIsRefusedRatherThanExpanded() throws IOException {
        String withEntity = valid.replaceFirst("\\?>", "?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");
        openFails(withEntity, Problem.MALFORMED, "DOCTYPE");
    }

    @Test
    void theValidFileOpensAlsoWithAByteOrderMark() throws IOException {
        assertThat(store.open(folder).getName()).isEqualTo("Kitchen sounds");
        byte[] content = valid.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[content.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(content, 0, withBom, 3, content.length);
        Files.write(file, withBom);
        assertThat(store.open(folder).getDescription()).isEqualTo("Spoons, pans & <tags> \"quoted\" — ünïcode ♪");
    }
}
