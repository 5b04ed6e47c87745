package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;

/** {@code avlens models} and {@code avlens check} on real files. */
class ModelCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new ModelsCommand(), new CheckCommand()));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private List<String> fields() {
        List<String> f = new ArrayList<>();
        for (JsonElement m : json().getAsJsonArray("mismatches")) {
            f.add(m.getAsJsonObject().get("field").getAsString() + "/"
                    + m.getAsJsonObject().get("severity").getAsString());
        }
        return f;
    }

    @Test
    void checkListsEveryMismatchAgainstAProfile() throws Exception {
        // 64x48 at 8 fps, 16 kHz mono AAC, 5 s, against Diff-Foley's 4 fps 224x224 16 kHz 8 s
        RecordedMedia.videoWithSound(dir.resolve("stir.mp4"), 64, 48, 8, 5.0);
        assertThat(run("check", "--model", "diff-foley-cavp", "--clip", "stir.mp4")).isEqualTo(2);
        assertThat(json().get("ok").getAsBoolean()).isFalse();
        assertThat(fields()).containsExactly("clipLength/error", "fps/converted", "frameSize/converted");
        assertThat(run("check", "--model", "avshapes-small", "--clip", "stir.mp4")).isZero();
        assertThat(json().get("ok").getAsBoolean()).isTrue();
        assertThat(fields()).containsExactly("frameSize/converted", "clipLength/converted");
    }

    @Test
    void checkUsesAnImportedModelsModalities() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models/denseav-audio"));
        ModelDescriptors.write(folder.resolve("model.json"), new ModelDescriptor("denseav-audio", "denseav",
                ModelDescriptor.Source.TORCHSCRIPT, "model.pt", null, Profiles.DENSEAV,
                java.util.Set.of(ModelDescriptor.Modality.AUDIO), List.of(TensorSpec.of("audio", "B,N")), List.of(),
                null));
        RecordedMedia.tone(dir.resolve("speech.wav"), 16_000, 10.0);
        assertThat(run("models", "--models", "models")).isZero();
        assertThat(json().getAsJsonArray("models").get(0).getAsJsonObject().get("id").getAsString())
                .isEqualTo("denseav-audio");
        assertThat(json().getAsJsonArray("models").get(0).getAsJsonObject().get("weightsPresent").getAsBoolean())
                .isFalse();
        assertThat(run("check", "--models", "models", "--model", "denseav-audio", "--clip", "speech.wav")).isZero();
        assertThat(json().getAsJsonArray("mismatches")).isEmpty();
        // the profile alone also wants frames
        assertThat(run("check", "--model", "denseav", "--clip", "speech.wav")).isEqualTo(2);
        assertThat(fields()).containsExactly("video/error");
    }

    @Test
    void badInputIsNamed() throws Exception {
        RecordedMedia.tone(dir.resolve("hum.wav"), 16_000, 1.0);
        assertThat(run("check", "--model", "nope", "--clip", "hum.wav")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown model 'nope'");
        assertThat(run("check", "--model", "denseav", "--clip", "missing.mp4")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.mp4");
    }
}
