package io.avlens.cli.command;

import java.util.List;
import java.util.Objects;

/**
 * What a command accepts, declared once: the dispatcher validates arguments against it and writes the command's
 * {@code --help} from it, so every command's usage and errors look alike.
 *
 * @param name        the command word: {@code version}, {@code inspect}
 * @param summary     one line for {@code avlens --help}
 * @param description paragraphs for {@code avlens NAME --help}, including what the JSON output holds
 * @param options     the {@code --options} it accepts
 * @param arguments   its positional arguments, in order
 */
public record CommandSpec(String name, String summary, String description, List<OptionSpec> options,
        List<ArgumentSpec> arguments) {

    /** @throws NullPointerException when a component is null */
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    /** The option named {@code name} (without dashes), or null. */
    public OptionSpec option(String optionName) {
        for (OptionSpec o : options) {
            if (o.name().equals(optionName)) {
                return o;
            }
        }
        return null;
    }

    /**
     * An {@code --option}.
     *
     * @param name        without the leading dashes
     * @param valueName   placeholder of its value in help ({@code FILE}), or null for a flag
     * @param required    whether it must be given
     * @param description one line
     */
    public record OptionSpec(String name, String valueName, boolean required, String description) {

        /** A flag (no value). */
        public static OptionSpec flag(String name, String description) {
            return new OptionSpec(name, null, false, description);
        }

        /** An optional option with a value. */
        public static OptionSpec optional(String name, String valueName, String description) {
            return new OptionSpec(name, valueName, false, description);
        }

        /** A required option with a value. */
        public static OptionSpec required(String name, String valueName, String description) {
            return new OptionSpec(name, valueName, true, description);
        }

        /** Whether the option takes a value. */
        public boolean takesValue() {
            return valueName != null;
        }
    }

    /**
     * A positional argument.
     *
     * @param name        placeholder in help ({@code FILE})
     * @param required    whether it must be given
     * @param description one line
     */
    public record ArgumentSpec(String name, boolean required, String description) {
    }
}
