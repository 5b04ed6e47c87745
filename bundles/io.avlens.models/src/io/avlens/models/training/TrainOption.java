package io.avlens.models.training;

/**
 * One setting a family's trainer takes besides the steps, seed and checkpoint interval every trainer has: its name
 * (the command line's {@code --name}), the label a form shows, whole or decimal, its range, default and a one-line
 * description. Immutable.
 *
 * @param name         the option's name, e.g. {@code batch}
 * @param label        the form's label, e.g. {@code Batch size}
 * @param kind         whole or decimal
 * @param min          smallest value
 * @param max          largest value
 * @param defaultValue the value when not given
 * @param description  what it does, one line
 */
public record TrainOption(String name, String label, Kind kind, double min, double max, double defaultValue,
        String description) {

    /** The type of the value. */
    public enum Kind {
        /** An int. */
        WHOLE,
        /** A double. */
        DECIMAL
    }

    public TrainOption {
        if (!(min <= defaultValue && defaultValue <= max) || name.isBlank()) {
            throw new IllegalArgumentException("option '" + name + "': default " + defaultValue + " outside [" + min
                    + ", " + max + "]");
        }
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

    /**
     * The value of {@code text} (an {@link Integer} or a {@link Double}).
     *
     * @throws IllegalArgumentException naming the label and the problem, as a form shows it
     */
    public Number parse(String text) {
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
        return kind == Kind.WHOLE ? Long.toString((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The default as the user types it. */
    public String formattedDefault() {
        return format(defaultValue);
    }
}
