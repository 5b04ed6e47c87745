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
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.model.store.ProjectStore;

/** The project commands as the product wires them: the store is a DS service the commands are bound to. */
class ProjectServicesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(CommandDispatcher.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertThat(service).as("the %s DS component is registered", type.getSimpleName()).isNotNull();
        return service;
    }

    private int run(String... args) throws InterruptedException {
        out.reset();
        err.reset();
        return service(CommandDispatcher.class).execute(List.of(args), new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void theProjectStoreIsAServiceOfTheCurrentSchema() throws InterruptedException {
        assertThat(service(ProjectStore.class).schemaVersion()).isEqualTo(2);
    }

    @Test
    void importThenValidateThroughTheRegisteredCommands() throws InterruptedException, IOException {
        RecordedMedia.tone(Files.createDirectories(dir.resolve("p/audio")).resolve("a.wav"), 16_000, 0.3);
        Files.writeString(dir.resolve("p/audio/readme.txt"), "not audio\n".repeat(20));

        assertThat(run("import", "--project", "p", "--dataset", "sounds", "p/audio")).isZero();
        assertThat(json().get("clips").getAsInt()).isEqualTo(1);
        assertThat(json().getAsJsonArray("rejected")).hasSize(1);

        assertThat(run("validate", "--project", "p")).isZero();
        assertThat(json().get("valid").getAsBoolean()).isTrue();

        Files.delete(dir.resolve("p/audio/a.wav"));
        assertThat(run("validate", "--project", "p")).isEqualTo(2);
        assertThat(json().get("valid").getAsBoolean()).isFalse();
        assertThat(service(ProjectStore.class).open(dir.resolve("p")).findDataset("sounds").getClips()).hasSize(1);
    }
}
