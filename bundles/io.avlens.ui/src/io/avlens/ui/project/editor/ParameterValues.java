package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.avlens.model.Parameter;

/**
 * A parameter's value as the text a user reads and types: numbers in the Java/Python notation ({@code 2.5},
 * {@code 1e-4}, never a locale's decimal comma, so a value pasted from a script or a paper reads the same), lists as
 * comma-separated numbers ({@code 1, 2.5, 4.5}; brackets and blanks are allowed around them).
 */
final class ParameterValues {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ParameterValues() {
    }

    /** The value of {@code parameter} as text. */
    static String format(Parameter parameter) {
        ParameterType type = ParameterType.of(parameter);
        Object value = parameter.eGet(type.valueFeature());
        return switch (type) {
            case REAL -> number((Double) value);
            case INTEGER_LIST, REAL_LIST -> ((List<?>) value).stream()
                    .map(v -> v instanceof Double d ? number(d) : String.valueOf(v))
                    .collect(Collectors.joining(", "));
            default -> String.valueOf(value == null ? "" : value);
        };
    }

    /**
     * The value {@code text} stands for, of the Java type the parameter's value feature holds ({@code Long},
     * {@code Double}, {@code String}, {@code Boolean}, or a list of {@code Long} or {@code Double}).
     *
     * @throws IllegalArgumentException with a message for the user when the text is not such a value
     */
    static Object parse(ParameterType type, String text) {
        String trimmed = text.trim();
        return switch (type) {
            case INTEGER -> integer(trimmed);
            case REAL -> real(trimmed);
            case TEXT -> text;
            case BOOLEAN -> bool(trimmed);
            case INTEGER_LIST -> list(trimmed, ParameterValues::integer);
            case REAL_LIST -> list(trimmed, ParameterValues::real);
        };
    }

    private static Long integer(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static Double real(String text) {
        // Double.parseDouble would also take "NaN", "Infinity", "0x1p3" and "1d": none of them is a setting
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value;
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
        };
    }

    private static <T> List<T> list(String text, Function<String, T> element) {
        String inner = text;
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1).trim();
        }
        List<T> values = new ArrayList<>();
        if (inner.isEmpty()) {
            return values;
        }
        String[] parts = inner.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("value " + (i + 1) + " of the list is empty");
            }
            values.add(element.apply(part));
        }
        return values;
    }

    /** {@code 1} for 1.0, {@code 2.5} for 2.5: what a person writes. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
