package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpSimilarityTask;
import io.avlens.runner.internal.RunnerService;

/**
 * {@code probe}, {@code similarity} and {@code import} on files that are no clip: exit 2 (import: rejected) with a
 * message that names the file and says what is wrong, never JavaCV's advice to programmers; a named pipe or a
 * device is named as such (and never opened, so nothing blocks).
 */
class UnusableMediaCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void probeAndSimilaritySayWhatIsWrongWithTheFile() throws Exception {
        Path noise = noise(dir.resolve("noise.mp4"));
        Path cut = cut(dir.resolve("cut.mp4"));
        Path fifo = fifo(dir.resolve("pipe.mp4"));
        for (String command : new String[] {"probe", "similarity"}) {
            expect(command, noise, "is not a media file FFmpeg can read");
            expect(command, cut, "is truncated or damaged");
            expect(command, fifo, "is a named pipe (FIFO), not a file");
            expect(command, Path.of("/dev/null"), "is a device, not a file");
            expect(command, Path.of("/dev/zero"), "is a device, not a file");
        }
    }

    @Test
    void importRejectsEachNamingTheProblem() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        noise(media.resolve("noise.mp4"));
        cut(media.resolve("cut.mp4"));
        fifo(media.resolve("pipe.mp4"));
        assertThat(run("import", "--project", "p", "--dataset", "d", media.toString())).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> rejected = new ArrayList<>();
        for (JsonElement r : json.getAsJsonArray("rejected")) {
            rejected.add(Path.of(r.getAsJsonObject().get("path").getAsString()).getFileName() + ": "
                    + r.getAsJsonObject().get("reason").getAsString());
        }
        assertThat(rejected).hasSize(3).noneMatch(r -> r.contains("setFormat") || r.contains("FFmpegLogCallback"));
        assertThat(rejected).anySatisfy(r -> assertThat(r).startsWith("noise.mp4: is not a media file FFmpeg can read"))
                .anySatisfy(r -> assertThat(r).startsWith("cut.mp4: is truncated or damaged"))
                .anySatisfy(r -> assertThat(r).startsWith("pipe.mp4: is a named pipe (FIFO), not a file"));
    }

    private void expect(String command, Path file, String words) {
        int code = command.equals("probe") ? run("probe", file.toString())
                : run("similarity", "--model", "cavp-small", "--clip", file.toString(), "--models", "models",
                        "--no-cache");
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as("%s %s: %s", command, file, message).isEqualTo(2);
        assertThat(message).as(command).contains(file + ": " + words)
                .doesNotContain("setFormat", "FFmpegLogCallback", "\tat ");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory())), Map.of());
        runner.addTask(new CavpSimilarityTask());
        XmiProjectStore store = new XmiProjectStore();
        return new CommandDispatcher(List.of(new ProbeCommand(), new ImportCommand(store),
                new SimilarityCommand(runner, BuiltinModels.of(new CavpShippedModel())))).execute(List.of(args),
                        new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private static Path noise(Path file) throws Exception {
        byte[] noise = new byte[8192];
        new Random(3).nextBytes(noise);
        return Files.write(file, noise);
    }

    private Path cut(Path file) throws Exception {
        byte[] whole = Files.readAllBytes(RecordedMedia.videoWithSound(dir.resolve("whole-" + file.getFileName()),
                64, 48, 8, 2.0));
        return Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    }

    private static Path fifo(Path file) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor()).isZero();
        return file;
    }
}
