package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.about.ComponentVersion;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;

class CommandDispatcherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final CliCommand broken = new CliCommand() {
        @Override
        public CommandSpec spec() {
            return new CommandSpec("explode", "always fails", "Throws.", List.of(), List.of());
        }

        @Override
        public int run(ParsedArguments arguments, CommandContext context) {
            throw new IllegalStateException("boom");
        }
    };

    /** Refuses its input with a message that names the command itself, as many commands' messages do. */
    private final CliCommand refusing = new CliCommand() {
        @Override
        public CommandSpec spec() {
            return new CommandSpec("refuse", "always refuses", "Refuses.", List.of(), List.of());
        }

        @Override
        public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
            throw new CommandException("refuse: --out x: is a file");
        }
    };

    private int run(String... args) {
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(
                new VersionCommand(() -> List.of(new ComponentVersion("avlens", "AV Lens", "0.1.0", "test"),
                        new ComponentVersion("java", "Java", "25", "vendor"))),
                new InspectCommand(), new ProbeCommand(), broken, refusing));
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        return dispatcher.execute(List.of(args), context);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsOneJsonObjectOfVersions() {
        assertThat(run("version")).isZero();
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertThat(json.get("avlens").getAsString()).isEqualTo("0.1.0");
        assertThat(json.get("java").getAsString()).isEqualTo("25");
        assertThat(json.has("details")).isFalse();
        assertThat(err()).isEmpty();
    }

    @Test
    void versionDetailsAddNamesAndFacts() {
        assertThat(run("version", "--details")).isZero();
        JsonObject details = JsonParser.parseString(out()).getAsJsonObject().getAsJsonObject("details");
        assertThat(details.getAsJsonObject("java").get("detail").getAsString()).isEqualTo("vendor");
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("explode", "inspect", "version");
        out.reset();
        assertThat(run("inspect", "--help")).isZero();
        assertThat(out()).startsWith("Usage: avlens inspect [--head N] FILE");
        out.reset();
        assertThat(run("help", "version")).isZero();
        assertThat(out()).startsWith("Usage: avlens version");
    }

    @Test
    void noCommandShowsHelpOnStderrAndExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("Commands:", "no command given");
    }

    @Test
    void unknownCommandExitsTwoWithASuggestion() {
        assertThat(run("inspekt", "x.npy")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'inspekt'", "did you mean 'inspect'?");
        assertThat(out()).isEmpty();
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("inspect")).isEqualTo(2);
        assertThat(err()).contains("missing argument FILE");
        err.reset();
        assertThat(run("version", "--colour")).isEqualTo(2);
        assertThat(err()).contains("unknown option --colour");
    }

    @Test
    void inspectDescribesATensor() throws IOException {
        Npy.write(dir.resolve("t.npy"), FloatTensor.of(new int[] {2, 2}, 1f, 2f, 3f, Float.NaN));
        assertThat(run("inspect", "--head", "4", "t.npy")).isZero();
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertThat(json.get("dtype").getAsString()).isEqualTo("float32");
        assertThat(json.getAsJsonArray("shape").toString()).isEqualTo("[2,2]");
        assertThat(json.get("elements").getAsLong()).isEqualTo(4);
        assertThat(json.get("nonFinite").getAsLong()).isEqualTo(1);
        assertThat(json.get("min").getAsDouble()).isEqualTo(1.0);
        assertThat(json.get("max").getAsDouble()).isEqualTo(3.0);
        assertThat(json.get("mean").getAsDouble()).isEqualTo(2.0);
        assertThat(json.getAsJsonArray("head").toString()).isEqualTo("[1.0,2.0,3.0,\"NaN\"]");
        assertThat(json.get("path").getAsString()).isEqualTo(dir.resolve("t.npy").toString());
    }

    @Test
    void inspectOfABadFileNamesTheFileAndTheProblemWithoutAStackTrace() throws IOException {
        Path bad = Files.writeString(dir.resolve("notes.npy"), "these are not numbers");
        assertThat(run("inspect", "notes.npy")).isEqualTo(2);
        assertThat(err()).contains(bad.toString(), "not a NumPy .npy file").doesNotContain("\tat ", "Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void inspectOfAMissingFileOrAFolderExitsTwo() {
        assertThat(run("inspect", "absent.npy")).isEqualTo(2);
        assertThat(err()).contains(dir.resolve("absent.npy").toString(), "no such file");
        err.reset();
        assertThat(run("inspect", ".")).isEqualTo(2);
        assertThat(err()).contains("is a folder");
    }

    @Test
    void probeOfANonMediaFileExitsTwoNamingTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video\n".repeat(40));
        assertThat(run("probe", "notes.mp4")).isEqualTo(2);
        assertThat(err()).startsWith("avlens probe: " + text + ": is not a media file FFmpeg can read")
                .doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }

    @Test
    void probeOfAnEmptyFileSaysSo() throws IOException {
        Files.createFile(dir.resolve("empty.wav"));
        assertThat(run("probe", "empty.wav")).isEqualTo(2);
        assertThat(err()).contains("empty.wav: the file is empty (0 bytes)");
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithExitOne() {
        assertThat(run("explode")).isEqualTo(1);
        assertThat(err()).contains("avlens explode: internal error: java.lang.IllegalStateException: boom",
                "This is a bug in AV Lens");
        if (System.getenv("AVLENS_DEBUG") == null) {
            assertThat(err()).doesNotContain("\tat ");
        }
    }

    @Test
    void aMessageThatNamesItsCommandSaysTheNameOnce() {
        assertThat(run("refuse")).isEqualTo(2);
        assertThat(err()).isEqualTo("avlens refuse: --out x: is a file" + System.lineSeparator());
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(CommandDispatcher.editDistance("inspect", "inspect")).isZero();
        assertThat(CommandDispatcher.editDistance("inspekt", "inspect")).isEqualTo(1);
        assertThat(CommandDispatcher.editDistance("versoin", "version")).isEqualTo(2);
        assertThat(CommandDispatcher.editDistance("", "abc")).isEqualTo(3);
    }
}
