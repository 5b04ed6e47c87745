package io.avlens.model.store;

import java.util.Objects;

/**
 * One thing wrong with a project.
 *
 * @param severity how bad it is
 * @param path     where in the project, e.g. {@code datasets[kitchen]/clips[take-03]/annotations[2]}; the empty
 *                 string for the project itself
 * @param message  the problem in words, naming the file where a file is concerned
 */
public record ValidationProblem(Severity severity, String path, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The project cannot be used as it is: a missing file, duplicate ids, an impossible profile. */
        ERROR,
        /** Probably a mistake, but the project still works (e.g. a bookmark after the end of its clip). */
        WARNING
    }

    /** @throws NullPointerException when a component is null */
    public ValidationProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
