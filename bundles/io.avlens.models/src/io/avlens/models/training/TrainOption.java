package io.avlens.models.training;

import java.util.List;

/**
 * One setting a family's trainer takes besides the steps, seed and checkpoint interval every trainer has: its name
 * (the command line's {@code --name}), the label a form shows, whole, decimal or one of named choices, its range,
 * default and a one-line description. A choice's value is its index in {@link #choices} (so a request's options stay
 * numbers); it is typed and shown by name. Immutable.
 *
 * @param name         the option's name, e.g. {@code batch}
 * @param label        the form's label, e.g. {@code Batch size}
 * @param kind         whole, decimal or choice
 * @param min          smallest value
 * @param max          largest value
 * @param defaultValue the value when not given
 * @param description  what it does, one line
 * @param choices      a choice's names, its values 0 … n−1 (empty unless {@link Kind#CHOICE})
 */
public record TrainOption(String name, String label, Kind kind, double min, double max, double defaultValue,
        String description, List<String> choices) {

    /** The type of the value. */
    public enum Kind {
        /** An int. */
        WHOLE,
        /** A double. */
        DECIMAL,
        /** One of named choices, valued by its index (an int). */
        CHOICE
    }

    public TrainOption {
        choices = List.copyOf(choices);
        if (!(min <= defaultValue && defaultValue <= max) || name.isBlank()) {
            throw new IllegalArgumentException("option '" + name + "': default " + defaultValue + " outside [" + min
                    + ", " + max + "]");
        }
        if ((kind == Kind.CHOICE) != !choices.isEmpty()
                || kind == Kind.CHOICE && (min != 0 || max != choices.size() - 1)) {
            throw new IllegalArgumentException("option '" + name + "': choices " + choices + " do not fit " + kind);
        }
    }

    /** A whole or decimal option. */
    public TrainOption(String name, String label, Kind kind, double min, double max, double defaultValue,
            String description) {
        this(name, label, kind, min, max, defaultValue, description, List.of());
    }

    /** A whole-number option. */
    public static TrainOption whole(String name, String label, int min, int max, int defaultValue,
            String description) {
        return new TrainOption(name, label, Kind.WHOLE, min, max, defaultValue, description);
    }

    /** A decimal option. */
    public static TrainOption decimal(String name, String label, double min, double max, double defaultValue,
            String description) {
        return new TrainOption(name, label, Kind.DECIMAL, min, max, defaultValue, description);
    }

    /** An option whose value is one of {@code choices} by name (its index as the value). */
    public static TrainOption choice(String name, String label, List<String> choices, int defaultIndex,
            String description) {
        return new TrainOption(name, label, Kind.CHOICE, 0, choices.size() - 1, defaultIndex, description, choices);
    }

    /**
     * The value of {@code text} (an {@link Integer} or a {@link Double}; a choice's index for its name).
     *
     * @throws IllegalArgumentException naming the label and the problem, as a form shows it
     */
    public Number parse(String text) {
        if (kind == Kind.CHOICE) {
            int i = choices.indexOf(text.trim());
            if (i < 0) {
                throw new IllegalArgumentException(label + ": '" + text + "' is not one of "
                        + String.join(", ", choices) + ".");
            }
            return i;
        }
        double value;
        try {
            value = kind == Kind.WHOLE ? Integer.parseInt(text.trim()) : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ": '" + text + "' is not "
                    + (kind == Kind.WHOLE ? "a whole number." : "a number."));
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(label + " must be between " + format(min) + " and " + format(max)
                    + ", not " + format(value) + ".");
        }
        return kind == Kind.WHOLE ? (Number) (int) value : (Number) value;
    }

    /** {@code value} as the user types it. */
    public String format(double value) {
        if (kind == Kind.CHOICE) {
            int i = (int) value;
            return i == value && i >= 0 && i < choices.size() ? choices.get(i) : Double.toString(value);
        }
        return kind == Kind.WHOLE ? Long.toString((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The values allowed, as a form or usage line shows them: {@code 1-10}, or {@code audio, video or text}. */
    public String range() {
        if (kind == Kind.CHOICE) {
            return choices.size() == 1 ? choices.get(0) : String.join(", ", choices.subList(0, choices.size() - 1))
                    + " or " + choices.get(choices.size() - 1);
        }
        return format(min) + "-" + format(max);
    }

    /** The default as the user types it. */
    public String formattedDefault() {
        return format(defaultValue);
    }
}
