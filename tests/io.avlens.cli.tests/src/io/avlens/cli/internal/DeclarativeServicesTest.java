package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandSpec;

/** The command line as the product wires it: DS components found through the OSGi service registry. */
class DeclarativeServicesTest {

    private static CommandDispatcher dispatcher() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(CommandDispatcher.class).getBundleContext();
        ServiceTracker<CommandDispatcher, CommandDispatcher> tracker =
                new ServiceTracker<>(context, CommandDispatcher.class, null);
        tracker.open();
        CommandDispatcher d = tracker.waitForService(20_000);
        assertThat(d).as("the CommandDispatcher DS component is registered").isNotNull();
        return d;
    }

    @Test
    void theDispatcherHasEveryBuiltInCommand() throws InterruptedException {
        // commands with mandatory references (the runner, the inference service) come once those are satisfied
        List<String> expected = List.of("bench", "check", "eval", "import", "inspect", "models", "probe", "run",
                "similarity", "synth", "train", "validate", "version");
        CommandDispatcher d = dispatcher();
        long end = System.nanoTime() + 20_000_000_000L;
        while (!d.specs().stream().map(CommandSpec::name).toList().containsAll(expected) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(d.specs()).extracting(CommandSpec::name).containsAll(expected);
    }

    @Test
    void aTrainerRegisteredByAnotherBundleIsAFamilyOfTrain() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(CommandDispatcher.class).getBundleContext();
        org.osgi.framework.ServiceRegistration<io.avlens.models.training.FamilyTrainer> registration =
                context.registerService(io.avlens.models.training.FamilyTrainer.class, new LineFitTrainer(), null);
        try {
            CommandDispatcher d = dispatcher();
            long end = System.nanoTime() + 20_000_000_000L;
            String help = "";
            while (!help.contains("linefit (Line fit") && System.nanoTime() < end) {
                Thread.sleep(50);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                d.execute(List.of("train", "--help"), new CommandContext(
                        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Path.of(".")));
                help = out.toString(StandardCharsets.UTF_8);
            }
            assertThat(help).contains("linefit (Line fit").contains("cavp (CAVP-small").contains("--lr");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void theShippedModelTheModelsBundleRegistersIsInstalledByModels(@org.junit.jupiter.api.io.TempDir Path dir)
            throws InterruptedException {
        CommandDispatcher d = dispatcher();
        long end = System.nanoTime() + 20_000_000_000L;
        String listed = "";
        while (!listed.contains("\"cavp-small\"") && System.nanoTime() < end) {
            Thread.sleep(50);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.execute(List.of("models", "--models", dir.resolve("models").toString()), new CommandContext(
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err, dir));
            listed = out.toString(StandardCharsets.UTF_8);
        }
        JsonObject model = JsonParser.parseString(listed).getAsJsonObject().getAsJsonArray("models").get(0)
                .getAsJsonObject();
        assertThat(model.get("id").getAsString()).isEqualTo("cavp-small");
        assertThat(model.get("source").getAsString()).isEqualTo("builtin");
        assertThat(dir.resolve("models/cavp-small/cavp-small.params")).isRegularFile();
    }

    @Test
    void versionReportsThePlatformItRunsOn() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = dispatcher().execute(List.of("version"), new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Path.of(".")));
        assertThat(code).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("java").getAsString()).isEqualTo(Runtime.version().toString());
        assertThat(json.get("avlens").getAsString()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(json.get("eclipse").getAsString()).startsWith("4.");
        assertThat(json.get("osgi").getAsString()).startsWith("3.");
        assertThat(json.keySet()).startsWith("avlens", "java", "eclipse", "osgi");
        assertThat(json.get("ffmpeg").getAsString()).as("the media bundle's provider").startsWith("8.0");
    }
}
