package io.avlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;

class ArgumentParserTest {

    private static final CommandSpec SPEC = new CommandSpec("synth", "make clips", "Makes clips.",
            List.of(OptionSpec.required("out", "DIR", "output folder"), OptionSpec.optional("clips", "N", "how many"),
                    OptionSpec.flag("speech", "add words")),
            List.of(new ArgumentSpec("SRC", true, "source"), new ArgumentSpec("EXTRA", false, "more")));

    private static ParsedArguments parse(String... args) throws CommandException {
        return ArgumentParser.parse(SPEC, List.of(args));
    }

    @Test
    void readsValuesFlagsAndPositionalsInAnyOrder() throws CommandException {
        ParsedArguments a = parse("src", "--out", "/tmp/x", "--speech", "--clips=12", "more");
        assertThat(a.value("out", null)).isEqualTo("/tmp/x");
        assertThat(a.required("out")).isEqualTo("/tmp/x");
        assertThat(a.intValue("clips", 1, 1, 100)).isEqualTo(12);
        assertThat(a.flag("speech")).isTrue();
        assertThat(a.positionals()).containsExactly("src", "more");
        assertThat(a.positional(2)).isNull();
    }

    @Test
    void defaultsApplyWhenOptionsAreAbsent() throws CommandException {
        ParsedArguments a = parse("--out", "o", "src");
        assertThat(a.intValue("clips", 7, 1, 100)).isEqualTo(7);
        assertThat(a.flag("speech")).isFalse();
        assertThat(a.value("clips", "none")).isEqualTo("none");
    }

    @Test
    void doubleDashEndsOptions() throws CommandException {
        ParsedArguments a = parse("--out", "o", "--", "--not-an-option");
        assertThat(a.positionals()).containsExactly("--not-an-option");
    }

    @Test
    void unknownOptionNamesItAndPointsToHelp() {
        assertThatThrownBy(() -> parse("--out", "o", "src", "--colour", "red"))
                .isInstanceOf(CommandException.class)
                .hasMessage("synth: unknown option --colour (see: avlens synth --help)")
                .extracting(e -> ((CommandException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void missingValueIsReported() {
        assertThatThrownBy(() -> parse("src", "--out")).hasMessageContaining("--out needs a value (DIR)");
        assertThatThrownBy(() -> parse("src", "--out", "--speech")).hasMessageContaining("--out needs a value");
    }

    @Test
    void missingRequiredOptionAndArgumentAreReported() {
        assertThatThrownBy(() -> parse("src")).hasMessageContaining("missing required option --out DIR");
        assertThatThrownBy(() -> parse("--out", "o")).hasMessageContaining("missing argument SRC");
    }

    @Test
    void tooManyArgumentsAreReported() {
        assertThatThrownBy(() -> parse("--out", "o", "a", "b", "c")).hasMessageContaining("unexpected argument 'c'");
    }

    @Test
    void flagWithValueIsRejected() {
        assertThatThrownBy(() -> parse("--out", "o", "src", "--speech=yes")).hasMessageContaining("--speech takes no value");
    }

    @Test
    void badNumbersAreReportedWithTheOption() throws CommandException {
        ParsedArguments nan = parse("--out", "o", "src", "--clips", "many");
        assertThatThrownBy(() -> nan.intValue("clips", 1, 1, 100))
                .hasMessage("synth: --clips needs a whole number, got 'many'");
        ParsedArguments big = parse("--out", "o", "src", "--clips", "1000");
        assertThatThrownBy(() -> big.intValue("clips", 1, 1, 100))
                .hasMessage("synth: --clips must be between 1 and 100, got 1000");
    }
}
