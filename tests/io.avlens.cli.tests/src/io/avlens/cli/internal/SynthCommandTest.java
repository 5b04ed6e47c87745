package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.model.store.internal.XmiProjectStore;

/** {@code avlens synth}: JSON on stdout, progress on stderr, exit 2 on bad arguments. */
class SynthCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new SynthCommand(new XmiProjectStore())));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheDatasetAndPrintsItsProject() {
        assertThat(run("synth", "--out", "shapes", "--clips", "3", "--seed", "7", "--seconds", "1", "--lag-range",
                "0.2")).as(err()).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("clips").getAsInt()).isEqualTo(3);
        Path project = dir.resolve("shapes").resolve("project.avlens");
        assertThat(json.get("project").getAsString()).isEqualTo(project.toString());
        assertThat(project).isRegularFile();
        for (String suffix : new String[] {".mp4", ".json", ".masks.npy", ".sounding.npy"}) {
            assertThat(dir.resolve("shapes/media/clip-00002" + suffix)).isRegularFile();
        }
        assertThat(err()).contains("3/3 clips");
        // the folder now holds a project: refused, nothing overwritten
        assertThat(run("synth", "--out", "shapes", "--clips", "1")).isEqualTo(2);
        assertThat(err()).contains("project.avlens").contains("already holds a project");
    }

    @Test
    void separateSpeechPutsSoundsAndWordsInSeparateClips() throws Exception {
        assertThat(run("synth", "--out", "sep", "--clips", "2", "--seed", "7", "--size", "64", "--seconds", "2",
                "--speech", "--separate-speech")).as(err()).isZero();
        JsonObject sounds = JsonParser.parseString(Files.readString(dir.resolve("sep/media/clip-00000.json")))
                .getAsJsonObject();
        JsonObject words = JsonParser.parseString(Files.readString(dir.resolve("sep/media/clip-00001.json")))
                .getAsJsonObject();
        assertThat(sounds.has("words") ? sounds.getAsJsonArray("words").size() : 0).isZero();
        for (var e : words.getAsJsonArray("events")) {
            assertThat(e.getAsJsonObject().get("type").getAsString()).isEqualTo("silent");
        }
        assertThat(Files.readString(dir.resolve("sep/project.avlens"))).contains("sounds and speech in separate clips");
        assertThat(run("synth", "--out", "x", "--separate-speech")).isEqualTo(2);
        assertThat(err()).contains("needs speech");
    }

    @Test
    void seenNarrationSaysOnlyWhatIsSeen() throws Exception {
        assertThat(run("synth", "--out", "seen", "--clips", "4", "--seed", "7", "--size", "64", "--seconds", "2",
                "--narration", "seen")).as(err()).isZero();
        assertThat(run("synth", "--out", "full", "--clips", "4", "--seed", "7", "--size", "64", "--seconds", "2"))
                .as(err()).isZero();
        for (int i = 0; i < 4; i++) {
            String seen = JsonParser.parseString(Files.readString(dir.resolve("seen/media/clip-0000" + i + ".json")))
                    .getAsJsonObject().get("narration").getAsString();
            String full = JsonParser.parseString(Files.readString(dir.resolve("full/media/clip-0000" + i + ".json")))
                    .getAsJsonObject().get("narration").getAsString();
            assertThat(seen).doesNotContain("sound", "silent", "out of view").isNotBlank();
            assertThat(full.replace(" with a scraping sound", "").replace("silently ", "")
                    .replace(" without a sound", "").replaceAll(", and something out of view clatters.*$", ""))
                    .isEqualTo(seen);
            assertThat(Files.readAllBytes(dir.resolve("seen/media/clip-0000" + i + ".mp4")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("full/media/clip-0000" + i + ".mp4")));
        }
        assertThat(Files.readString(dir.resolve("seen/project.avlens"))).contains("narration of what is seen");
        assertThat(Files.readString(dir.resolve("full/project.avlens"))).doesNotContain("narration of what is");
        assertThat(run("synth", "--out", "x", "--narration", "heard")).isEqualTo(2);
        assertThat(err()).contains("narration must be full or seen").contains("heard");
    }

    @Test
    void objectsAndSilentShareShapeTheClips() throws Exception {
        assertThat(run("synth", "--out", "silent", "--clips", "3", "--seed", "7", "--seconds", "1", "--objects", "1-1",
                "--silent-share", "1")).as(err()).isZero();
        for (int i = 0; i < 3; i++) {
            JsonObject sidecar = JsonParser.parseString(Files.readString(dir.resolve(
                    "silent/media/clip-0000" + i + ".json"))).getAsJsonObject();
            assertThat(sidecar.getAsJsonArray("objects")).hasSize(1);
            assertThat(sidecar.getAsJsonArray("objects").get(0).getAsJsonObject().get("action").getAsString())
                    .isEqualTo("silent");
        }
        assertThat(Files.readString(dir.resolve("silent/project.avlens"))).contains("1-1 objects, silent share 1.0");
        assertThat(run("synth", "--out", "x", "--objects", "3-1")).isEqualTo(2);
        assertThat(err()).contains("objects must be a range");
        assertThat(run("synth", "--out", "x", "--objects", "two")).isEqualTo(2);
        assertThat(err()).contains("--objects").contains("two");
        assertThat(run("synth", "--out", "x", "--silent-share", "1.5")).isEqualTo(2);
        assertThat(err()).contains("silent share");
    }

    @Test
    void badArgumentsExitWith2AndSayWhichOne() throws Exception {
        assertThat(run("synth", "--clips", "2")).isEqualTo(2);
        assertThat(err()).contains("--out");
        assertThat(run("synth", "--out", "x", "--size", "33")).isEqualTo(2);
        assertThat(err()).contains("size");
        assertThat(run("synth", "--out", "x", "--clips", "0")).isEqualTo(2);
        assertThat(err()).contains("--clips");
        assertThat(run("synth", "--out", "x", "--fps", "fast")).isEqualTo(2);
        assertThat(err()).contains("--fps").contains("fast");
        assertThat(run("synth", "--out", "x", "--seconds", "4", "--lag-range", "3")).isEqualTo(2);
        assertThat(err()).contains("lag range");
        assertThat(run("synth", "--out", "x", "--seed", "1.5")).isEqualTo(2);
        assertThat(err()).contains("--seed");
        Files.writeString(dir.resolve("file"), "not a folder");
        assertThat(run("synth", "--out", "file", "--clips", "1")).isEqualTo(2);
        assertThat(err()).contains("not a folder");
        assertThat(out.size()).isZero();
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
