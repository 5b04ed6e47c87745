package io.avlens.model.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.avlens.model.Project;

/**
 * Creates, opens, saves and validates projects. A project is a folder holding {@value #FILE_NAME} (EMF XMI);
 * its media, masks, artifacts and logs are files the model points at with locations (see {@link Locations}).
 * <p>
 * Nothing is ever lost: a save goes to a temporary file beside the project file, is flushed to disk and renamed
 * over it, and the previous version is kept as {@value #BACKUP_FILE_NAME}; a failed save leaves the previous file
 * as it was. A file that cannot be opened (truncated, not XML, not a project, written by a newer AV Lens) gives a
 * {@link ProjectStoreException} naming the file and the problem, and is never written to.
 * <p>
 * Implementations are thread-safe; each opened project is a separate object graph that its caller owns (EMF
 * objects are not thread-safe: use one from one thread at a time).
 */
public interface ProjectStore {

    /** The project file's name inside the project folder. */
    String FILE_NAME = "project.avlens";

    /** Where the previous version of the project file is kept. */
    String BACKUP_FILE_NAME = "project.avlens.bak";

    /** The project file of the project in {@code folder}. */
    static Path projectFile(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    /** Whether {@code folder} holds a project file (readable or not). */
    static boolean isProject(Path folder) {
        return Files.isRegularFile(projectFile(folder));
    }

    /** The newest schema version this store reads and the one it writes. */
    int schemaVersion();

    /**
     * Creates a project in {@code folder} (created when missing) and saves it.
     *
     * @param name the project's name
     * @throws ProjectStoreException ({@link ProjectStoreException.Problem#ALREADY_EXISTS}) when the folder already
     *                               holds a project file, or when it cannot be written
     */
    Project create(Path folder, String name) throws ProjectStoreException;

    /**
     * Opens the project in {@code folder}, migrating a file of an older schema version in memory (the file itself
     * is not changed until the project is saved).
     *
     * @throws ProjectStoreException naming the file and the problem; the file is left untouched
     */
    Project open(Path folder) throws ProjectStoreException;

    /**
     * Saves a project that this store created or opened, keeping the previous file as {@value #BACKUP_FILE_NAME}.
     *
     * @throws ProjectStoreException when the project cannot be written; the previous file is then unchanged
     */
    void save(Project project) throws ProjectStoreException;

    /**
     * The folder of a project this store created or opened.
     *
     * @throws IllegalArgumentException for a project that did not come from a store
     */
    Path folderOf(Project project);

    /**
     * Checks a project: EMF's own constraints (required values, multiplicities) and AV Lens's: every location
     * resolves to an existing file, preprocessing profiles are sane, ids and names are unique where they must be,
     * times lie within their clips.
     *
     * @return the problems found, errors first, in model order; empty when there are none
     */
    List<ValidationProblem> validate(Project project);
}
