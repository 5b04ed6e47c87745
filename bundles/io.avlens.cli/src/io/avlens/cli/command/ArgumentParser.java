package io.avlens.cli.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.avlens.cli.command.CommandSpec.OptionSpec;

/**
 * Checks raw arguments against a {@link CommandSpec}. Accepts {@code --name value}, {@code --name=value},
 * {@code --flag}, and {@code --} to end options. Every problem is reported in words that name the command and
 * the option, with a pointer to its help.
 */
public final class ArgumentParser {

    private ArgumentParser() {
    }

    /**
     * @throws CommandException (exit 2) for an unknown option, a missing value, a missing required option or
     *                          argument, or too many arguments
     */
    public static ParsedArguments parse(CommandSpec spec, List<String> args) throws CommandException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("--")) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            OptionSpec option = spec.option(name);
            if (option == null) {
                throw usage(spec, "unknown option --" + name);
            }
            if (!option.takesValue()) {
                if (inline != null) {
                    throw usage(spec, "--" + name + " takes no value");
                }
                flags.add(name);
            } else if (inline != null) {
                values.put(name, inline);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                throw usage(spec, "--" + name + " needs a value (" + option.valueName() + ")");
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw usage(spec, "missing required option --" + o.name() + " " + o.valueName());
            }
        }
        int required = (int) spec.arguments().stream().filter(CommandSpec.ArgumentSpec::required).count();
        if (positionals.size() < required) {
            throw usage(spec, "missing argument " + spec.arguments().get(positionals.size()).name());
        }
        if (positionals.size() > spec.arguments().size()) {
            throw usage(spec, "unexpected argument '" + positionals.get(spec.arguments().size()) + "'");
        }
        return new ParsedArguments(spec.name(), values, flags, positionals);
    }

    private static CommandException usage(CommandSpec spec, String problem) {
        return new CommandException(spec.name() + ": " + problem + " (see: avlens " + spec.name() + " --help)");
    }
}
