package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code bench --heatmap} without an installed DenseAV model: the features are skipped with the reason, the instant
 * is timed against its reference, and the memory of a clip's features grows with its length while its volume grows
 * with the square.
 */
class BenchHeatmapTest {

    @TempDir
    Path dir;

    @Test
    void benchHeatmapTimesAnInstantAndCountsTheMemory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CliCommand> commands = List.of(new BenchCommand(DjlInferenceServices.cpu(List.of()), null));
        int code = new CommandDispatcher(commands).execute(List.of("bench", "--heatmap", "--runs", "2", "--models",
                dir.resolve("models").toString()), new CommandContext(new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                                StandardCharsets.UTF_8), dir));
        assertThat(code).isZero();
        JsonObject h = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject("heatmap");
        assertThat(h.getAsJsonObject("features").get("skipped").getAsString()).contains("denseav-small");
        JsonObject instant = h.getAsJsonObject("instant");
        assertThat(instant.get("runs").getAsInt()).isEqualTo(2);
        assertThat(instant.get("medianMs").getAsDouble()).isPositive();
        assertThat(instant.get("referenceMedianMs").getAsDouble()).isPositive();
        assertThat(instant.get("view").getAsString()).isEqualTo("1920x1080");
        assertThat(instant.get("heatmapMedianMs").getAsDouble()).isLessThanOrEqualTo(instant.get("medianMs")
                .getAsDouble());
        JsonObject memory = h.getAsJsonObject("memory");
        long f5 = memory.getAsJsonObject("5s").get("featureBytes").getAsLong();
        long f10 = memory.getAsJsonObject("10s").get("featureBytes").getAsLong();
        long v5 = memory.getAsJsonObject("5s").get("volumeBytes").getAsLong();
        long v10 = memory.getAsJsonObject("10s").get("volumeBytes").getAsLong();
        // 40 frames x 2 heads x 16 channels x 16 x 16 floats, 40 steps of 2 x 16 x (8 + 1) floats, 40 mask bytes
        assertThat(f5).isEqualTo(4L * (40 * 2 * 16 * 256 + 40 * 2 * 16 * 9) + 40);
        assertThat(f10).isEqualTo(2 * f5);
        assertThat(v5).isEqualTo(4L * 40 * 2 * 256 * 40);
        assertThat(v10).isEqualTo(4 * v5);
    }
}
