package io.avlens.model.store.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.XMIException;
import org.xml.sax.SAXParseException;

import io.avlens.model.Project;
import io.avlens.model.store.ProjectMigration;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * Reads a project file without ever writing to it: all its bytes first, then its header (kind and schema version),
 * then, for an older version, the migrations, and only then EMF. Every failure names the file and the problem, and
 * for a damaged file points at the backup when there is one.
 */
final class ProjectFileReader {

    private final int supportedVersion;
    private final SchemaMigrator migrator;

    ProjectFileReader(int supportedVersion, List<ProjectMigration> migrations) {
        this.supportedVersion = supportedVersion;
        this.migrator = new SchemaMigrator(supportedVersion, migrations);
    }

    Project read(Path file) throws ProjectStoreException {
        byte[] content;
        String stamp = DiskState.stamp(file); // before reading: a change after it shows as a new stamp
        try {
            content = readBytes(file);
        } catch (ProjectStoreException e) {
            throw withBackupHint(e);
        }
        Project project = parse(file, content);
        DiskState.set(project.eResource(), content, stamp);
        return project;
    }

    /** The project held by {@code content}, the bytes of {@code file}. */
    Project parse(Path file, byte[] content) throws ProjectStoreException {
        try {
            ProjectFileHeader header = ProjectFileHeader.read(file, content);
            if (header.schemaVersion() > supportedVersion) {
                throw new ProjectStoreException(file, Problem.NEWER_SCHEMA, "was written with project schema version "
                        + header.schemaVersion() + " by a newer AV Lens; this one reads versions up to "
                        + supportedVersion + ". Update AV Lens to open it (the file was not changed).", null);
            }
            if (header.schemaVersion() < supportedVersion) {
                content = migrator.migrate(file, content, header.schemaVersion());
            }
            return load(file, content);
        } catch (ProjectStoreException e) {
            throw withBackupHint(e);
        }
    }

    /** All bytes of a project file, refusing folders, missing and empty files. */
    static byte[] readBytes(Path file) throws ProjectStoreException {
        if (Files.isDirectory(file)) {
            throw new ProjectStoreException(file, Problem.IO, "is a folder, not a project file", null);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProjectStoreException(file, Problem.NOT_FOUND,
                    "does not exist: the folder holds no AV Lens project", e);
        } catch (IOException e) {
            throw new ProjectStoreException(file, Problem.IO, "cannot be read: " + e.getMessage(), e);
        }
        if (content.length == 0) {
            throw new ProjectStoreException(file, Problem.EMPTY, "is empty (0 bytes)", null);
        }
        return content;
    }

    private Project load(Path file, byte[] content) throws ProjectStoreException {
        Resource resource = ProjectXmi.newResource(file);
        try {
            resource.load(new ByteArrayInputStream(content), ProjectXmi.loadOptions());
        } catch (IOException e) {
            throw describeLoadFailure(file, e);
        }
        List<EObject> roots = resource.getContents();
        if (roots.size() != 1 || !(roots.get(0) instanceof Project project)) {
            throw new ProjectStoreException(file, Problem.NOT_A_PROJECT,
                    "does not hold exactly one Project (it holds " + roots.size() + " root objects)", null);
        }
        project.setSchemaVersion(supportedVersion);
        return project;
    }

    /** The most telling cause of an EMF load failure: an XML syntax error, or a content error with its position. */
    private static ProjectStoreException describeLoadFailure(Path file, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SAXParseException parse && String.valueOf(parse.getMessage()).contains("DOCTYPE")) {
                return new ProjectStoreException(file, Problem.MALFORMED, "is not an AV Lens project file: it has a"
                        + " document type declaration (DOCTYPE), which project files never have (line "
                        + parse.getLineNumber() + ")", e);
            }
            if (t instanceof SAXParseException parse) {
                return new ProjectStoreException(file, Problem.MALFORMED,
                        "is damaged or truncated: " + XmlErrors.describe(parse), e);
            }
            if (t instanceof XMIException xmi) {
                return new ProjectStoreException(file, Problem.INVALID_CONTENT,
                        "does not fit the project schema: " + XmlErrors.describe(xmi), e);
            }
        }
        return new ProjectStoreException(file, Problem.INVALID_CONTENT, "cannot be read as a project: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }

    private static ProjectStoreException withBackupHint(ProjectStoreException e) {
        boolean damaged = e.problem() == Problem.EMPTY || e.problem() == Problem.MALFORMED
                || e.problem() == Problem.INVALID_CONTENT;
        Path backup = e.file().resolveSibling(ProjectStore.BACKUP_FILE_NAME);
        if (!damaged || !Files.isRegularFile(backup)) {
            return e;
        }
        String detail = XmlErrors.withoutPeriod(e.getMessage().substring(e.file().toString().length() + 2));
        return new ProjectStoreException(e.file(), e.problem(), detail
                + ". The file was not changed; the previous version is in " + backup, e.getCause());
    }
}
