package io.avlens.cli.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.cli.command.ArgumentParser;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.HelpFormatter;

/**
 * Runs one command line: finds the command among the registered {@link CliCommand} services, checks its arguments,
 * runs it and turns every failure into a message and an exit code (0 ok, 2 bad input, 1 internal error).
 */
@Component(service = CommandDispatcher.class)
public class CommandDispatcher {

    private final Map<String, CliCommand> commands = new ConcurrentSkipListMap<>();

    /** For DS. */
    public CommandDispatcher() {
    }

    /** With a fixed set of commands (tests, embedding). */
    public CommandDispatcher(Collection<? extends CliCommand> initial) {
        initial.forEach(this::addCommand);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(CliCommand command) {
        commands.put(command.spec().name(), command);
    }

    void removeCommand(CliCommand command) {
        commands.remove(command.spec().name(), command);
    }

    /** The specs of all registered commands, by name. */
    public List<CommandSpec> specs() {
        return commands.values().stream().map(CliCommand::spec).toList();
    }

    /**
     * Runs {@code args} (the command word first).
     *
     * @return the process exit code
     */
    public int execute(List<String> args, CommandContext given) {
        // one interruption per command: a context used again must not carry the last command's "ended"
        CommandContext context = new CommandContext(given.out(), given.err(), given.workingDirectory(),
                given.interruption().fresh());
        if (args.isEmpty()) {
            context.err().print(HelpFormatter.overview(specs()));
            context.err().println("\navlens: no command given");
            return CommandException.BAD_INPUT;
        }
        String name = args.get(0);
        if (List.of("--help", "-h", "help").contains(name)) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                context.out().print(HelpFormatter.command(commands.get(args.get(1)).spec()));
            } else if (args.size() > 1) {
                return unknown(args.get(1), context);
            } else {
                context.out().print(HelpFormatter.overview(specs()));
            }
            return 0;
        }
        if (name.equals("--version")) {
            name = "version";
        }
        CliCommand command = commands.get(name);
        if (command == null) {
            return unknown(name, context);
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            context.out().print(HelpFormatter.command(command.spec()));
            return 0;
        }
        try {
            return command.run(ArgumentParser.parse(command.spec(), rest), context);
        } catch (CommandException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(name + ": ")) { // a message that names its command already: say it once
                message = message.substring(name.length() + 2);
            }
            context.err().println("avlens " + name + ": " + message);
            debugTrace(e, context);
            return e.exitCode();
        } catch (RuntimeException | LinkageError e) {
            context.err().println("avlens " + name + ": internal error: " + e);
            context.err().println("This is a bug in AV Lens. Set AVLENS_DEBUG=1 to see where it happened.");
            debugTrace(e, context);
            return CommandException.INTERNAL;
        } finally {
            context.err().flush();
            context.interruption().ended(); // a Ctrl-C waiting for the command to say how it ended goes on
        }
    }

    private int unknown(String name, CommandContext context) {
        String hint = nearest(name);
        context.err().println("avlens: unknown command '" + name + "'"
                + (hint != null ? "; did you mean '" + hint + "'?" : "")
                + ". Commands: " + String.join(", ", commands.keySet()) + " (see: avlens --help)");
        return CommandException.BAD_INPUT;
    }

    /** The command whose name is within two edits of {@code name}, if there is one. */
    private String nearest(String name) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : commands.keySet()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** With AVLENS_DEBUG set, the stack trace (and its causes) follows the message. */
    private static void debugTrace(Throwable e, CommandContext context) {
        if (System.getenv("AVLENS_DEBUG") == null) {
            return;
        }
        StringBuilder trace = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            trace.append(t == e ? "" : "Caused by: ").append(t).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                trace.append("\tat ").append(frame).append('\n');
            }
        }
        context.err().print(trace);
    }
}
