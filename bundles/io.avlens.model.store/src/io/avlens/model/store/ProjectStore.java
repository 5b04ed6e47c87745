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
 * <b>One writer at a time.</b> Every write (create, save, update) holds an operating-system lock on the project
 * folder's {@value #LOCK_FILE_NAME}, so two programs (two command lines, the workbench and a command line)
 * never interleave. A program that changes a project it opened a while ago uses {@link #update}, which re-reads the
 * file under the lock and applies its change to the newest version; a program that keeps a project open for
 * editing (the workbench) notices another program's changes ({@link #changedOnDisk}), takes them over into its own
 * version ({@link #merge}) and only then saves: {@link #save} refuses to overwrite changes it has not seen.
 * <p>
 * Implementations are thread-safe; each opened project is a separate object graph that its caller owns (EMF
 * objects are not thread-safe: use one from one thread at a time).
 */
public interface ProjectStore {

    /** The project file's name inside the project folder. */
    String FILE_NAME = "project.avlens";

    /** Where the previous version of the project file is kept. */
    String BACKUP_FILE_NAME = "project.avlens.bak";

    /**
     * The lock file every write holds (see above) in the project folder. It stays after a write (deleting a lock
     * file is a race); a program that removes a project it failed to create removes it too.
     */
    String LOCK_FILE_NAME = ".project.avlens.lock";

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
     * @throws ProjectStoreException when the project cannot be written ({@link ProjectStoreException.Problem#IO},
     *                               {@link ProjectStoreException.Problem#LOCKED}) or when another program changed
     *                               the file since this project was read or saved
     *                               ({@link ProjectStoreException.Problem#CHANGED_ON_DISK}: {@link #merge} first);
     *                               the file on disk is then unchanged
     */
    void save(Project project) throws ProjectStoreException;

    /**
     * Saves a project after taking over, under the lock, whatever another program wrote since it was read (a
     * three-way {@link #merge}), so neither program's changes are lost. For programs that read a project, worked a
     * while (a run, an import) and now record the result; conflicts keep {@code project}'s version.
     *
     * @return what was taken over from the other program and what conflicted
     * @throws ProjectStoreException when the project cannot be read or written; the file is then unchanged
     */
    MergeReport saveMerged(Project project) throws ProjectStoreException;

    /** A change to a project, applied by {@link ProjectStore#update} to the newest version of the file. */
    @FunctionalInterface
    interface ProjectChange {
        /**
         * Changes {@code project} (the file's current content, just read).
         *
         * @throws ProjectStoreException to abort: nothing is written
         */
        void apply(Project project) throws ProjectStoreException;
    }

    /**
     * Changes the project in {@code folder} as its only writer: takes the project's lock, reads the file as it is
     * now, applies {@code change} and saves it, so a change made by another program meanwhile is never lost. Use it
     * where a program read the project a while ago (e.g. before a run) and now records its result.
     *
     * @return the project as saved (a new object graph, owned by the caller)
     * @throws ProjectStoreException when the project cannot be read or written, or when {@code change} aborts;
     *                               the file is then unchanged
     */
    Project update(Path folder, ProjectChange change) throws ProjectStoreException;

    /**
     * Whether another program changed the project file since {@code project} was read or last saved by this store.
     * Cheap enough to poll (reads the file, compares bytes); false when the file cannot be read.
     */
    boolean changedOnDisk(Project project);

    /**
     * Takes another program's changes into {@code project}: a three-way merge of the file on disk with the version
     * {@code project} was read from, keeping {@code project}'s own changes. Afterwards {@code project} counts as
     * read from the current file, so a {@link #save} writes the merged result. Changes {@code project} in place:
     * call it on the thread that owns the project (in the workbench, inside a command so it can be undone).
     *
     * @return what was taken over and what conflicted (conflicts keep {@code project}'s version)
     * @throws ProjectStoreException when the file on disk cannot be read; {@code project} is then unchanged
     */
    MergeReport merge(Project project) throws ProjectStoreException;

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
