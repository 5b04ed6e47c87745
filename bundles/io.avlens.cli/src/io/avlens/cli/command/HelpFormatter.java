package io.avlens.cli.command;

import java.util.Collection;
import java.util.Comparator;

import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;

/** Writes {@code avlens --help} and {@code avlens NAME --help} from the commands' specs. */
public final class HelpFormatter {

    private HelpFormatter() {
    }

    /** The overview: usage, every command with its summary, exit codes. */
    public static String overview(Collection<CommandSpec> specs) {
        StringBuilder b = new StringBuilder();
        b.append("AV Lens: look inside audio-visual models.\n\n")
                .append("Usage: avlens                 open the workbench on the demo project\n")
                .append("       avlens COMMAND [OPTIONS] [ARGUMENTS]\n")
                .append("       avlens COMMAND --help  describe one command\n\nCommands:\n");
        int width = specs.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        specs.stream().sorted(Comparator.comparing(CommandSpec::name)).forEach(s -> b.append("  ")
                .append(pad(s.name(), width)).append("  ").append(s.summary()).append('\n'));
        b.append("\nResults are JSON on standard output; messages go to standard error.\n")
                .append("Exit status: 0 success, 2 bad arguments or input (the message names the file and the problem),\n")
                .append("1 internal error (set AVLENS_DEBUG=1 for the stack trace).\n");
        return b.toString();
    }

    /** The help of one command: usage line, description, options and arguments. */
    public static String command(CommandSpec spec) {
        StringBuilder b = new StringBuilder("Usage: avlens ").append(spec.name());
        for (OptionSpec o : spec.options()) {
            String text = "--" + o.name() + (o.takesValue() ? " " + o.valueName() : "");
            b.append(' ').append(o.required() ? text : "[" + text + "]");
        }
        for (ArgumentSpec a : spec.arguments()) {
            b.append(' ').append(a.required() ? a.name() : "[" + a.name() + "]");
        }
        b.append("\n\n").append(spec.summary()).append("\n\n").append(spec.description().strip()).append('\n');
        int width = Math.max(
                spec.options().stream().mapToInt(o -> label(o).length()).max().orElse(0),
                spec.arguments().stream().mapToInt(a -> a.name().length()).max().orElse(0));
        if (!spec.arguments().isEmpty()) {
            b.append("\nArguments:\n");
            spec.arguments().forEach(a -> b.append("  ").append(pad(a.name(), width)).append("  ")
                    .append(a.description()).append(a.required() ? "" : " (optional)").append('\n'));
        }
        b.append("\nOptions:\n");
        spec.options().forEach(o -> b.append("  ").append(pad(label(o), width)).append("  ")
                .append(o.description()).append(o.required() ? " (required)" : "").append('\n'));
        b.append("  ").append(pad("--help", width)).append("  show this help\n");
        return b.toString();
    }

    private static String label(OptionSpec o) {
        return "--" + o.name() + (o.takesValue() ? " " + o.valueName() : "");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
