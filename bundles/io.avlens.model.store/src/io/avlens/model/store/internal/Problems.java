package io.avlens.model.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;

import io.avlens.model.store.Locations;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.ValidationProblem.Severity;

/** Collects the problems of one validation, with the checks several parts of the model share. */
final class Problems {

    private final Path projectFolder;
    private final List<ValidationProblem> found = new ArrayList<>();

    Problems(Path projectFolder) {
        this.projectFolder = projectFolder;
    }

    void error(EObject where, String message) {
        found.add(new ValidationProblem(Severity.ERROR, ObjectPaths.of(where), message));
    }

    void warning(EObject where, String message) {
        found.add(new ValidationProblem(Severity.WARNING, ObjectPaths.of(where), message));
    }

    void add(ValidationProblem problem) {
        found.add(problem);
    }

    /** Errors first, otherwise in the order found (model order). */
    List<ValidationProblem> sorted() {
        return found.stream().sorted(Comparator.comparing(ValidationProblem::severity)).toList();
    }

    /**
     * Reports every object whose key repeats an earlier one's (blank keys are left to the required-value check).
     *
     * @param what e.g. "clip id"
     */
    <T extends EObject> void unique(List<T> objects, Function<T, String> key, String what) {
        Map<String, T> first = new HashMap<>();
        for (T object : objects) {
            String k = key.apply(object);
            if (k == null || k.isBlank()) {
                continue;
            }
            T earlier = first.putIfAbsent(k, object);
            if (earlier != null) {
                error(object, "duplicate " + what + " '" + k + "' (also used by " + ObjectPaths.of(earlier) + ")");
            }
        }
    }

    /**
     * Checks that a location resolves to an existing file (or folder).
     *
     * @param what     e.g. "media file"
     * @param location the location, or null / blank when it is not set (then nothing is checked)
     * @param folder   whether a folder is expected rather than a file
     * @return the resolved path, or null when it is not set or does not resolve
     */
    Path existing(EObject where, String what, String location, boolean folder) {
        if (location == null || location.isBlank()) {
            return null;
        }
        Path path;
        try {
            path = Locations.resolve(projectFolder, location);
        } catch (IllegalArgumentException e) {
            error(where, what + " location is not valid: " + e.getMessage());
            return null;
        }
        if (!Files.exists(path)) {
            error(where, what + " " + path + " does not exist");
            return null;
        }
        if (folder != Files.isDirectory(path)) {
            error(where, what + " " + path + (folder ? " is not a folder" : " is a folder, not a file"));
            return null;
        }
        return path;
    }

    /** Checks that {@code seconds} is a finite time ≥ 0; returns whether it is. */
    boolean time(EObject where, String what, double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            error(where, what + " must be a time ≥ 0 s, not " + seconds);
            return false;
        }
        return true;
    }
}
