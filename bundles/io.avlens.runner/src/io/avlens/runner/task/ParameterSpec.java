package io.avlens.runner.task;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One experiment parameter a {@link ClipTask} reads: what the experiment editor offers, what {@code avlens
 * validate} knows, and what enters the runner's cache key.
 *
 * @param name         the parameter's name, e.g. {@code maxLagSeconds}
 * @param type         its type
 * @param defaultValue the value the task uses when the experiment does not set it, as a user would type it (lists
 *                     comma-separated), e.g. {@code 1.0}
 * @param min          the smallest value accepted (numbers), or null
 * @param max          the largest value accepted (numbers), or null
 * @param allowed      the values accepted (text), empty for any
 * @param doc          one line saying what it does, with its unit
 */
public record ParameterSpec(String name, Type type, String defaultValue, Double min, Double max,
        List<String> allowed, String doc) {

    /** The types of parameter: those of the EMF model's {@code Parameter} subclasses. */
    public enum Type {
        /** A whole number ({@code IntegerParameter}). */
        INTEGER,
        /** A real number ({@code RealParameter}). */
        REAL,
        /** A text ({@code TextParameter}). */
        TEXT,
        /** true or false ({@code BooleanParameter}). */
        BOOLEAN,
        /** Whole numbers ({@code IntegerListParameter}). */
        INTEGER_LIST,
        /** Real numbers ({@code RealListParameter}). */
        REAL_LIST;

        /** The name a user sees, e.g. {@code real list}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** @throws NullPointerException when the name, type or doc is missing */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** A real parameter between {@code min} and {@code max} (either null for no bound). */
    public static ParameterSpec real(String name, double defaultValue, Double min, Double max, String doc) {
        return new ParameterSpec(name, Type.REAL, Double.toString(defaultValue), min, max, List.of(), doc);
    }

    /** An integer parameter between {@code min} and {@code max} (either null for no bound). */
    public static ParameterSpec integer(String name, long defaultValue, Double min, Double max, String doc) {
        return new ParameterSpec(name, Type.INTEGER, Long.toString(defaultValue), min, max, List.of(), doc);
    }

    /** A text parameter taking one of {@code allowed} (empty for any). */
    public static ParameterSpec text(String name, String defaultValue, List<String> allowed, String doc) {
        return new ParameterSpec(name, Type.TEXT, defaultValue, null, null, allowed, doc);
    }

    /** A boolean parameter. */
    public static ParameterSpec bool(String name, boolean defaultValue, String doc) {
        return new ParameterSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), null, null, List.of(), doc);
    }
}
