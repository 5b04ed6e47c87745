package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.internal.XmiProjectStore;

/** {@code avlens import} and {@code avlens validate} on real media files made with FFmpeg. */
class ProjectCommandsTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path project;
    private Path media;

    @BeforeEach
    void makeMedia() throws IOException {
        project = dir.resolve("kitchen");
        media = Files.createDirectories(project.resolve("media"));
        RecordedMedia.videoWithSound(media.resolve("stir.mp4"), 64, 48, 8, 1.0);
        RecordedMedia.tone(Files.createDirectories(media.resolve("takes")).resolve("hum.wav"), 22_050, 0.5);
        // media whose extension says otherwise: recognised by probing
        RecordedMedia.videoWithSound(media.resolve("disguised.bin"), 32, 32, 10, 0.5);
        Files.writeString(media.resolve("notes.txt"), "a shopping list, not a video\n".repeat(40));
        Files.writeString(media.resolve("fake.mp4"), "this is text with a video's name\n".repeat(40));
        Files.createFile(media.resolve("empty.wav"));
        // annotation sidecars of a clip (as AV-Shapes writes them) belong to it: neither clips nor rejected
        Files.writeString(media.resolve("stir.json"), "{\"events\": []}");
        Files.write(media.resolve("stir.masks.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
        // hidden files and folders are not looked at
        RecordedMedia.tone(media.resolve(".hidden.wav"), 16_000, 0.2);
        RecordedMedia.tone(Files.createDirectories(media.resolve(".cache")).resolve("cached.wav"), 16_000, 0.2);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new ImportCommand(store),
                new ValidateCommand(store)));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonArray array, String key) {
        return array.asList().stream().map(JsonElement::getAsJsonObject).map(o -> o.get(key).getAsString()).toList();
    }

    @Test
    void importCreatesTheProjectAddsEveryMediaFileAndRejectsTheRestWithReasons() throws IOException {
        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media")).isZero();

        JsonObject json = json();
        assertThat(json.get("created").getAsBoolean()).isTrue();
        assertThat(json.get("clips").getAsInt()).isEqualTo(3);
        assertThat(json.get("datasetClips").getAsInt()).isEqualTo(3);
        assertThat(json.getAsJsonArray("skipped")).isEmpty();
        JsonArray rejected = json.getAsJsonArray("rejected");
        assertThat(strings(rejected, "path")).containsExactly(media.resolve("empty.wav").toString(),
                media.resolve("fake.mp4").toString(), media.resolve("notes.txt").toString());
        assertThat(strings(rejected, "reason")).satisfiesExactly(
                r -> assertThat(r).isEqualTo("the file is empty (0 bytes)"),
                r -> assertThat(r).startsWith("is not a media file FFmpeg can read"),
                r -> assertThat(r).isEqualTo("is a text file, not a clip (FFmpeg would draw it as ansi text art)"));
        assertThat(err()).as("a progress bar, a unit per file, and no warning").contains("import: [")
                .contains("] 100% ").doesNotContain("kept").doesNotContain("error");

        Dataset dataset = store.open(project).findDataset("takes");
        assertThat(dataset.getRootLocation()).isEqualTo("media");
        assertThat(dataset.getClips()).extracting(Clip::getId, Clip::getMediaLocation).containsExactly(
                tuple("disguised", "media/disguised.bin"), tuple("stir", "media/stir.mp4"),
                tuple("takes/hum", "media/takes/hum.wav"));
        assertProbed(dataset.findClip("stir"), media.resolve("stir.mp4"));
        assertProbed(dataset.findClip("takes/hum"), media.resolve("takes/hum.wav"));
        Clip stir = dataset.findClip("stir");
        assertThat(stir.getFrameWidth()).isEqualTo(64);
        assertThat(stir.getFrameHeight()).isEqualTo(48);
        assertThat(stir.getFps()).isEqualTo(8.0);
        assertThat(stir.isHasAudio()).isTrue();
        assertThat(stir.getSampleRate()).isEqualTo(16_000);
        Clip hum = dataset.findClip("takes/hum");
        assertThat(hum.hasVideo()).isFalse();
        assertThat(hum.getSampleRate()).isEqualTo(22_050);
        assertThat(hum.getDuration()).isCloseTo(0.5, within(0.01));
    }

    /** The clip holds exactly what the media layer reports for its file. */
    private static void assertProbed(Clip clip, Path file) throws IOException {
        MediaInfo info = MediaProbe.probe(file);
        assertThat(clip.getDuration()).isEqualTo(info.durationSeconds());
        assertThat(clip.getFps()).isEqualTo(info.hasVideo() ? info.video().fps() : 0);
        assertThat(clip.getFrameWidth()).isEqualTo(info.hasVideo() ? info.video().width() : 0);
        assertThat(clip.getSampleRate()).isEqualTo(info.hasAudio() ? info.audio().sampleRate() : 0);
        assertThat(clip.isHasAudio()).isEqualTo(info.hasAudio());
    }

    @Test
    void importingAgainSkipsWhatIsThereAndAddsOnlyNewFiles() throws IOException {
        run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media");
        byte[] saved = Files.readAllBytes(ProjectStore.projectFile(project));

        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media")).isZero();
        JsonObject again = json();
        assertThat(again.get("created").getAsBoolean()).isFalse();
        assertThat(again.get("clips").getAsInt()).isZero();
        assertThat(strings(again.getAsJsonArray("skipped"), "clip")).containsExactly("disguised", "stir",
                "takes/hum");
        assertThat(again.getAsJsonArray("rejected")).hasSize(3);
        assertThat(Files.readAllBytes(ProjectStore.projectFile(project))).as("nothing new: not rewritten")
                .isEqualTo(saved);

        RecordedMedia.tone(media.resolve("stir.wav"), 16_000, 0.3);
        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media")).isZero();
        assertThat(json().get("clips").getAsInt()).isEqualTo(1);
        assertThat(json().get("datasetClips").getAsInt()).isEqualTo(4);
        assertThat(store.open(project).findDataset("takes").findClip("stir-2").getMediaLocation())
                .isEqualTo("media/stir.wav");
    }

    @Test
    void mediaOutsideTheProjectGetAbsoluteFileUrisAndTheProjectValidates() throws IOException {
        Path outside = dir.resolve("outside");
        RecordedMedia.tone(Files.createDirectories(outside).resolve("far.wav"), 16_000, 0.4);

        assertThat(run("import", "--project", "elsewhere", "--dataset", "far", "outside")).isZero();
        Clip far = store.open(dir.resolve("elsewhere")).findDataset("far").findClip("far");
        assertThat(far.getMediaLocation()).isEqualTo(outside.resolve("far.wav").toUri().toString());

        assertThat(run("validate", "--project", "elsewhere")).isZero();
        assertThat(json().get("valid").getAsBoolean()).isTrue();
        assertThat(json().getAsJsonArray("problems")).isEmpty();
    }

    @Test
    void validateWarnsOfARunFolderAKilledProgramLeftBehind() throws Exception {
        run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media");
        // 'avlens run' killed with -9: its folder still says "running" for a process that is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path folder = Files.createDirectories(dir.resolve("kitchen/runs/sync-20261206-101500"));
        Files.writeString(folder.resolve("run.json"), "{\"status\": \"running\", \"pid\": " + gone.pid() + "}");

        assertThat(run("validate", "--project", "kitchen")).as(err.toString()).isZero();

        JsonObject json = json();
        assertThat(json.get("valid").getAsBoolean()).isTrue();
        assertThat(json.get("warnings").getAsInt()).isEqualTo(1);
        JsonObject problem = json.getAsJsonArray("problems").get(0).getAsJsonObject();
        assertThat(problem.get("severity").getAsString()).isEqualTo("warning");
        assertThat(problem.get("path").getAsString()).isEqualTo("runs/sync-20261206-101500");
        assertThat(problem.get("message").getAsString()).contains(folder.toString(), "incomplete run",
                "process " + gone.pid(), "delete the folder");
    }

    @Test
    void validateExitsTwoListingAMissingMediaFile() throws IOException {
        run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media");
        assertThat(run("validate", "--project", "kitchen")).isZero();
        assertThat(json().get("valid").getAsBoolean()).isTrue();

        Files.delete(media.resolve("stir.mp4"));
        assertThat(run("validate", "--project", "kitchen")).isEqualTo(2);
        JsonObject json = json();
        assertThat(json.get("valid").getAsBoolean()).isFalse();
        assertThat(json.get("errors").getAsInt()).isEqualTo(1);
        JsonObject problem = json.getAsJsonArray("problems").get(0).getAsJsonObject();
        assertThat(problem.get("severity").getAsString()).isEqualTo("error");
        assertThat(problem.get("path").getAsString()).isEqualTo("datasets[takes]/clips[stir]");
        assertThat(problem.get("message").getAsString())
                .isEqualTo("media file " + media.resolve("stir.mp4") + " does not exist");
    }

    @Test
    void aDamagedProjectFileIsReportedNamingItAndLeftAsItWas() throws IOException {
        run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media");
        Path file = ProjectStore.projectFile(project);
        byte[] all = Files.readAllBytes(file);
        byte[] truncated = java.util.Arrays.copyOf(all, all.length / 2);
        Files.write(file, truncated);

        assertThat(run("validate", "--project", "kitchen")).isEqualTo(2);
        assertThat(json().get("valid").getAsBoolean()).isFalse();
        assertThat(json().getAsJsonArray("problems").get(0).getAsJsonObject().get("message").getAsString())
                .startsWith(file + ": is damaged or truncated");

        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media")).isEqualTo(2);
        assertThat(err()).startsWith("avlens import: " + file + ": is damaged or truncated");
        assertThat(out.size()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
    }

    @Test
    void badArgumentsNameTheFolder() throws IOException {
        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "absent")).isEqualTo(2);
        assertThat(err()).contains(dir.resolve("absent") + ": no such folder");
        assertThat(run("import", "--project", "kitchen", "--dataset", "takes", "kitchen/media/notes.txt"))
                .isEqualTo(2);
        assertThat(err()).contains("notes.txt: is not a folder");
        assertThat(run("import", "--dataset", "takes", "kitchen/media")).isEqualTo(2);
        assertThat(err()).contains("missing required option --project DIR");
        assertThat(run("validate", "--project", "kitchen/media")).isEqualTo(2);
        assertThat(err()).contains(media.resolve(ProjectStore.FILE_NAME) + ": no such file");
        assertThat(Files.exists(ProjectStore.projectFile(project))).as("nothing was created").isFalse();
    }
}
