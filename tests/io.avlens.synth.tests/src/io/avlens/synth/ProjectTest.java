package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.Project;
import io.avlens.model.SoundEvent;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.internal.XmiProjectStore;

/** The project a generation writes, its splits, and the API's refusals and cancel. */
class ProjectTest {

    @TempDir
    Path dir;

    private final ProjectStore store = new XmiProjectStore();

    @Test
    void projectListsEveryClipWithItsAnnotationsAndIsValid() throws IOException {
        Path folder = GeneratedDatasets.synced();
        Project project = store.open(folder);
        List<ValidationProblem> problems = store.validate(project);
        assertThat(problems).as("validation").isEmpty();
        Dataset dataset = project.findDataset("av-shapes");
        assertThat(dataset.getClips()).hasSize(GeneratedDatasets.CLIPS);
        Map<String, Long> perSplit = dataset.getClips().stream()
                .collect(Collectors.groupingBy(c -> c.getSplit().getName(), Collectors.counting()));
        assertThat(perSplit.get("train")).isEqualTo((long) Math.floor(0.8 * GeneratedDatasets.CLIPS));
        assertThat(dataset.getSplits()).extracting(s -> s.getName()).containsExactly("train", "val", "test");
        for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
            Clip clip = dataset.getClips().get(i);
            JsonObject sidecar = GeneratedDatasets.sidecar(folder, i);
            assertThat(Locations.resolve(folder, clip.getMediaLocation())).isEqualTo(GeneratedDatasets.video(folder, i));
            assertThat(clip.getDuration()).isEqualTo(sidecar.get("seconds").getAsDouble());
            List<SoundEvent> sounds = clip.getAnnotations().stream().filter(SoundEvent.class::isInstance)
                    .map(SoundEvent.class::cast).toList();
            assertThat(sounds).hasSize(GeneratedDatasets.events(sidecar, "hit", "scratch", "offscreen").size());
            assertThat(clip.getAnnotations().stream().filter(ObjectTrack.class::isInstance).count())
                    .isEqualTo(sidecar.getAsJsonArray("objects").size());
            assertThat(clip.getAnnotations().stream().filter(Narration.class::isInstance)
                    .map(n -> ((Narration) n).getText())).contains(sidecar.get("narration").getAsString());
        }
    }

    @Test
    void splitsDependOnTheSeedOnly() throws IOException {
        Path a = dir.resolve("a");
        new AvShapesGenerator(store).generate(SynthSpec.of(10, 5).withTiming(4, 1), a, SynthProgress.NONE);
        Dataset dataset = store.open(a).findDataset("av-shapes");
        Map<String, Long> perSplit = dataset.getClips().stream()
                .collect(Collectors.groupingBy(c -> c.getSplit().getName(), Collectors.counting()));
        assertThat(perSplit).containsEntry("train", 8L).containsEntry("val", 1L).containsEntry("test", 1L);
        assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(1, 5), a, SynthProgress.NONE))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("already holds a project");
    }

    @Test
    void cancelStopsWithoutAProjectFile() {
        Path out = dir.resolve("canceled");
        AtomicInteger reported = new AtomicInteger();
        SynthProgress progress = new SynthProgress() {
            @Override
            public void clipsDone(int done, int total) {
                reported.set(done);
            }

            @Override
            public boolean isCanceled() {
                return reported.get() >= 2;
            }
        };
        assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(40, 1).withTiming(4, 1), out,
                progress)).isInstanceOf(CancellationException.class);
        assertThat(reported.get()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("project.avlens"))).isFalse();
        assertThat(out).as("the clips written before the cancel are removed with the folders made for them")
                .doesNotExist();
    }

    @Test
    void aCancelInAFolderOfTheUsersKeepsTheFolderAndItsFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        AtomicInteger done = new AtomicInteger();
        SynthProgress stop = new SynthProgress() {
            @Override
            public void clipsDone(int n, int total) {
                done.set(n);
            }

            @Override
            public boolean isCanceled() {
                return done.get() >= 1; // after one whole clip is written
            }
        };
        assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(3, 1).withTiming(4, 1), out,
                stop)).isInstanceOf(CancellationException.class);
        assertThat(done.get()).as("a clip was written before the cancel").isPositive();
        try (var left = Files.list(out)) {
            assertThat(left).containsExactly(out.resolve("notes.txt"));
        }
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aFileOfAClipToBeWrittenIsNeverOverwritten() throws IOException {
        Path out = dir.resolve("busy");
        Path media = Files.createDirectories(out.resolve("media"));
        Files.writeString(media.resolve("clip-00001.json"), "the user's own notes");

        assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(3, 1).withTiming(4, 1), out,
                SynthProgress.NONE)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(media.resolve("clip-00001.json").toString())
                .hasMessageContaining("already exists");
        assertThat(media.resolve("clip-00001.json")).hasContent("the user's own notes");
        try (var left = Files.list(media)) {
            assertThat(left).as("nothing written beside it").containsExactly(media.resolve("clip-00001.json"));
        }
    }

    @Test
    void aSecondGenerationIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        Path out = dir.resolve("shared");
        CountDownLatch firstClip = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        SynthProgress held = new SynthProgress() {
            @Override
            public void clipsDone(int done, int total) {
                if (done == total) { // every clip written and no worker running: the folder holds still
                    firstClip.countDown();
                    try {
                        goOn.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<SynthResult> running = first.submit(() -> new AvShapesGenerator(store)
                    .generate(SynthSpec.of(3, 1).withTiming(4, 1), out, held));
            assertThat(firstClip.await(60, TimeUnit.SECONDS)).as("the first generation wrote its clips").isTrue();
            Map<Path, Long> before = sizes(out.resolve("media"));

            assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(2, 7).withTiming(4, 1), out,
                    SynthProgress.NONE)).isInstanceOf(DatasetBusyException.class)
                    .hasMessageContaining(out.toAbsolutePath().normalize().toString())
                    .hasMessageContaining("another synth is writing").hasMessageContaining(".avlens-synth.lock");
            assertThat(sizes(out.resolve("media"))).as("the refused one touched nothing").isEqualTo(before);

            goOn.countDown();
            SynthResult result = running.get(120, TimeUnit.SECONDS);
            assertThat(result.clips()).isEqualTo(3);
            Project project = store.open(out);
            assertThat(project.findDataset("av-shapes").getClips()).hasSize(3);
            try (var left = Files.list(out)) {
                assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".avlens-synth"))
                        .toList()).as("the lock (and no temporary or stale name) goes with the generation").isEmpty();
            }
        } finally {
            goOn.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void aLockLeftByAProgramThatDiedIsTakenOverAndOneOfARunningProgramRefuses() throws Exception {
        Path out = Files.createDirectories(dir.resolve("stale"));
        Path lock = out.resolve(".avlens-synth.lock");
        long dead = 4_000_000_000L; // above any Linux pid: no such process
        assertThat(ProcessHandle.of(dead)).isEmpty();
        Files.writeString(lock, Long.toString(dead));
        new AvShapesGenerator(store).generate(SynthSpec.of(1, 1).withTiming(4, 1), out, SynthProgress.NONE);
        assertThat(ProjectStore.isProject(out)).isTrue();
        assertThat(lockNames(out)).as("the stale lock taken over, nothing of the takeover left").isEmpty();

        // a lock file that holds no process id (written by hand, or cut short) is stale once it is not fresh
        Path empty = Files.createDirectories(dir.resolve("empty-lock"));
        Path emptyLock = Files.writeString(empty.resolve(".avlens-synth.lock"), "");
        Files.setLastModifiedTime(emptyLock, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000));
        new AvShapesGenerator(store).generate(SynthSpec.of(1, 1).withTiming(4, 1), empty, SynthProgress.NONE);
        assertThat(ProjectStore.isProject(empty)).isTrue();
        assertThat(lockNames(empty)).isEmpty();

        Path other = Files.createDirectories(dir.resolve("held"));
        Process running = new ProcessBuilder("sleep", "60").start(); // another program, alive while it sleeps
        try {
            Files.writeString(other.resolve(".avlens-synth.lock"), Long.toString(running.pid()));
            assertThatThrownBy(() -> new AvShapesGenerator(store).generate(SynthSpec.of(1, 1).withTiming(4, 1),
                    other, SynthProgress.NONE)).isInstanceOf(DatasetBusyException.class)
                    .hasMessageContaining("(process " + running.pid() + ")");
            try (var left = Files.list(other)) {
                assertThat(left).as("nothing written, the other program's lock kept")
                        .containsExactly(other.resolve(".avlens-synth.lock"));
            }
        } finally {
            running.destroyForcibly();
        }
    }

    private static List<String> lockNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".avlens-synth")).toList();
        }
    }

    private static Map<Path, Long> sizes(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.collect(Collectors.toMap(p -> p, p -> p.toFile().length()));
        }
    }

    @Test
    void impossibleSpecsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SynthSpec.of(0, 1)).hasMessageContaining("clips");
        assertThatThrownBy(() -> SynthSpec.of(1, 1).withSize(33)).hasMessageContaining("size");
        assertThatThrownBy(() -> SynthSpec.of(1, 1).withLagRange(3)).hasMessageContaining("lag range");
        assertThatThrownBy(() -> SynthSpec.of(1, 1).withTiming(0, 4)).hasMessageContaining("fps");
    }
}
