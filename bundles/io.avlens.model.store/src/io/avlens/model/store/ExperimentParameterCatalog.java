package io.avlens.model.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the installed computations read, for checking experiments without depending on them (an optional OSGi
 * service: the model runner registers one from its tasks). {@link ExperimentParameterCheck} and the experiment
 * editor use it to warn about parameters nothing reads and kinds nothing computes. Thread-safe.
 */
public interface ExperimentParameterCatalog {

    /**
     * One parameter a computation reads.
     *
     * @param name         its name
     * @param type         {@code INTEGER}, {@code REAL}, {@code TEXT}, {@code BOOLEAN}, {@code INTEGER_LIST} or
     *                     {@code REAL_LIST}
     * @param defaultValue its default as a user would type it (lists comma-separated)
     * @param doc          one line saying what it does
     */
    record Declared(String name, String type, String defaultValue, String doc) {
    }

    /** The experiment kinds (as {@code Experiment.kind} strings) some installed computation serves. */
    Set<String> kinds();

    /**
     * The parameters the computations of {@code kind} read (those of every family together; {@code seed} is
     * always read and not listed), or empty when nothing computes that kind.
     */
    Optional<List<Declared>> parameters(String kind);
}
