package io.avlens.model.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A project file that cannot be opened, created or saved. The message names the file and the problem in words a
 * user can act on; {@link #problem()} tells programs which problem it is. The file itself was not changed.
 */
public class ProjectStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** There is no project file in the folder. */
        NOT_FOUND,
        /** A project is to be created where one already is. */
        ALREADY_EXISTS,
        /** The file has no bytes. */
        EMPTY,
        /** Not well-formed XML: truncated, damaged, or not XML at all. */
        MALFORMED,
        /** Well-formed XML, but not an AV Lens project. */
        NOT_A_PROJECT,
        /** Written by a newer AV Lens: a schema version this one does not know. */
        NEWER_SCHEMA,
        /** An older schema version with no migration to the current one, or a migration that failed. */
        MIGRATION_FAILED,
        /** A project file whose content does not fit the schema (unknown element, bad value, broken reference). */
        INVALID_CONTENT,
        /** Reading or writing failed (permissions, disk full, ...). */
        IO,
        /** Another program kept the project locked for writing longer than a writer waits. */
        LOCKED,
        /**
         * Another program changed the project file since this project was read: saving would lose its changes.
         * Merge them first ({@link ProjectStore#merge}).
         */
        CHANGED_ON_DISK
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * @param file    the project file
     * @param problem which problem
     * @param detail  the problem in words, e.g. "is empty (0 bytes)"
     * @param cause   the underlying exception, or null
     */
    public ProjectStoreException(Path file, Problem problem, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The project file concerned. */
    public Path file() {
        return file;
    }

    /** Which problem it is. */
    public Problem problem() {
        return problem;
    }
}
