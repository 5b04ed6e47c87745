package io.avlens.cli.internal;

import java.util.List;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.runner.RunSettings;

/**
 * The options of the commands that run models through the model runner ({@code run}, {@code eval},
 * {@code similarity}), and the runner settings they stand for: the defaults of {@link RunSettings#defaults} under
 * the AV Lens data folder, changed by what was given.
 */
final class RunnerOptions {

    /** The options, in help order. */
    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("device", "DEV", "auto (default), cpu or cuda:N"),
            OptionSpec.optional("threads", "N", "libtorch CPU threads (default: the engine's)"),
            OptionSpec.optional("batch-size", "N", "largest batch per forward call (default: all at once)"),
            OptionSpec.optional("cache", "DIR", "the result cache (default $AVLENS_DATA/cache/runs)"),
            OptionSpec.flag("no-cache", "compute every clip, reading and writing no cache (results, decoded clips)"),
            OptionSpec.optional("models", "DIR", "the models folder (default $AVLENS_DATA/models)"));

    private RunnerOptions() {
    }

    /** {@code own} followed by the runner options. */
    static List<OptionSpec> with(List<OptionSpec> own) {
        return java.util.stream.Stream.concat(own.stream(), OPTIONS.stream()).toList();
    }

    /**
     * The settings the arguments ask for.
     *
     * @throws CommandException naming the option that is wrong
     */
    static RunSettings settings(String command, ParsedArguments arguments, CommandContext context)
            throws CommandException {
        RunSettings s = RunSettings.defaults(RunSettings.dataFolder());
        try {
            s = s.withDevice(arguments.value("device", RunSettings.AUTO));
        } catch (IllegalArgumentException e) {
            throw new CommandException(command + ": --device: " + e.getMessage());
        }
        s = s.withThreads(arguments.intValue("threads", 0, 0, 1024))
                .withBatchSize(arguments.intValue("batch-size", 0, 0, 1 << 20));
        String cache = arguments.value("cache", null);
        if (cache != null) {
            s = s.withCacheFolder(context.resolve(cache));
        }
        if (arguments.flag("no-cache")) {
            s = s.withCacheFolder(null);
        }
        return s.withModelsFolder(ModelFolders.folder(arguments, context));
    }
}
