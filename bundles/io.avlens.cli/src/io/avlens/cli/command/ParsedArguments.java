package io.avlens.cli.command;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments after checking against its {@link CommandSpec}: every option is known, every required one
 * is present, and the count of positional arguments fits.
 */
public final class ParsedArguments {

    private final String command;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;

    ParsedArguments(String command, Map<String, String> values, Set<String> flags, List<String> positionals) {
        this.command = command;
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
        this.positionals = List.copyOf(positionals);
    }

    /** Whether the flag {@code --name} was given. */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The value of {@code --name}, or {@code fallback} when absent. */
    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of a required option. */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("--" + name + " is not declared required by '" + command + "'");
        }
        return v;
    }

    /**
     * The value of {@code --name} as an int within [min, max], or {@code fallback} when absent.
     *
     * @throws CommandException when the value is not such a number
     */
    public int intValue(String name, int fallback, int min, int max) throws CommandException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i < min || i > max) {
                throw new CommandException(command + ": --" + name + " must be between " + min + " and " + max
                        + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new CommandException(command + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** Positional argument {@code i}, or null when absent. */
    public String positional(int i) {
        return i < positionals.size() ? positionals.get(i) : null;
    }

    /** All positional arguments. */
    public List<String> positionals() {
        return positionals;
    }
}
