package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;

/** {@code bench --program} reports both timings of the 25-step loop, and both paths computed the same sample. */
class BenchProgramTest {

    @TempDir
    Path dir;

    @Test
    void benchProgramTimesTheProgramAndTheDirectLoop() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CliCommand> commands = List.of(new BenchCommand(DjlInferenceServices.cpu(List.of()), null));
        int code = new CommandDispatcher(commands).execute(List.of("bench", "--program", "--runs", "3"),
                new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir));
        assertThat(code).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("program");
        JsonObject p = json.getAsJsonObject("program");
        assertThat(p.get("steps").getAsInt()).isEqualTo(25);
        assertThat(p.get("runs").getAsInt()).isEqualTo(3);
        assertThat(p.get("programMs").getAsDouble()).isPositive();
        assertThat(p.get("directMs").getAsDouble()).isPositive();
        assertThat(p.get("ratio").getAsDouble()).isCloseTo(p.get("programMs").getAsDouble()
                / p.get("directMs").getAsDouble(), within(0.01));
        assertThat(p.get("maxAbsDifference").getAsDouble()).isLessThan(1e-6);
    }
}
