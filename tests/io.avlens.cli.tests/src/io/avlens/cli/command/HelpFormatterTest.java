package io.avlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;

class HelpFormatterTest {

    private final CommandSpec probe = new CommandSpec("probe", "describe a media file", "Prints JSON about FILE.",
            List.of(OptionSpec.optional("format", "F", "output format"), OptionSpec.required("model", "ID", "model")),
            List.of(new ArgumentSpec("FILE", true, "a video")));
    private final CommandSpec bench = new CommandSpec("bench", "measure speed", "Runs benchmarks.", List.of(), List.of());

    @Test
    void overviewListsEveryCommandSortedWithItsSummaryAndTheExitCodes() {
        String text = HelpFormatter.overview(List.of(probe, bench));
        assertThat(text).contains("  bench  measure speed\n", "  probe  describe a media file\n");
        assertThat(text.indexOf("bench")).isLessThan(text.indexOf("probe  describe"));
        assertThat(text).contains("Exit status: 0 success, 2 bad arguments or input");
    }

    @Test
    void commandHelpShowsUsageOptionsAndArguments() {
        String text = HelpFormatter.command(probe);
        assertThat(text).startsWith("Usage: avlens probe [--format F] --model ID FILE\n");
        assertThat(text).contains("Prints JSON about FILE.", "--model ID", "model (required)", "FILE", "a video",
                "--help");
    }
}
