package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.runner.RunFolders;
import io.avlens.runner.RunFolders.RunFolder;
import io.avlens.runner.RunFolders.Status;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;

/**
 * A run's folder says what happened to it even when its program was killed: "running" while the program lives,
 * incomplete once it is gone, finished but unrecorded when the project was never saved.
 */
class RunFoldersTest {

    @TempDir
    Path dir;

    @Test
    void aRunFolderSaysRunningWhileTheRunComputesAndFinishedAfterwards() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        AtomicReference<List<RunFolder>> during = new AtomicReference<>();
        rig.task.onStart = in -> during.set(RunFolders.scan(rig.project, Set.of()));

        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), null);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(during.get()).singleElement().satisfies(f -> {
            assertThat(f.runId()).isEqualTo(run.runId());
            assertThat(f.status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(f.detail()).contains(Long.toString(ProcessHandle.current().pid()));
        });
        assertThat(RunFolders.scan(rig.project, Set.of())).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.UNRECORDED));
        assertThat(RunFolders.scan(rig.project, Set.of(run.runId()))).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.RECORDED));
        assertThat(RunFolders.leftBehind(rig.project, Set.of(run.runId()))).isEmpty();
    }

    @Test
    void whatAKilledProgramLeftIsIncompleteAndCanBeDeleted() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        // a process that has ended stands for one killed with -9 during its run
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(runs.resolve("sync-20261206-101500/cavp-small/clip-1"));
        Files.writeString(runs.resolve("sync-20261206-101500/run.json"), "{\"formatVersion\": 1, \"id\":"
                + " \"sync-20261206-101500\", \"status\": \"running\", \"pid\": " + gone.pid() + "}",
                StandardCharsets.UTF_8);
        Files.writeString(runs.resolve("sync-20261206-101500/cavp-small/clip-1/similarity.npy"), "half");
        Files.createDirectories(runs.resolve("sync-20261206-101501"));
        Files.createDirectories(runs.resolve("sync-20261206-101502"));
        Files.writeString(runs.resolve("sync-20261206-101502/run.json"), "{\"status\": \"runn", StandardCharsets.UTF_8);

        List<RunFolder> left = RunFolders.leftBehind(dir, Set.of());

        assertThat(left).extracting(RunFolder::runId).containsExactly("sync-20261206-101500",
                "sync-20261206-101501", "sync-20261206-101502");
        assertThat(left).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.INCOMPLETE));
        assertThat(left.get(0).detail()).contains("process " + gone.pid(), "killed or crashed");
        assertThat(left.get(1).detail()).contains("has no run.json");
        assertThat(left.get(2).detail()).contains("run.json is damaged");

        RunFolders.delete(left.get(0));
        assertThat(runs.resolve("sync-20261206-101500")).doesNotExist();
        assertThat(RunFolders.leftBehind(dir, Set.of())).hasSize(2);
    }

    @Test
    void aRunFolderThatCannotBeCreatedFailsTheRunSayingWhyAndChangesNothing() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        // a file where the runs folder should be (as a read-only or full disk, writing fails before any clip runs)
        Files.writeString(rig.project.resolve("runs"), "not a folder", StandardCharsets.UTF_8);
        java.util.Map<String, String> before = Rig.files(rig.project);

        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), null);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.message()).contains(rig.project.resolve("runs").toString(), "cannot create the run folder")
                .containsPattern("(a file is in the way|Not a directory|not a folder): ");
        assertThat(rig.task.calls).hasValue(0);
        assertThat(Rig.files(rig.project)).isEqualTo(before);
    }

    @Test
    void aRunInProgressIsNotDeleted() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("runs/live"));
        Files.writeString(folder.resolve("run.json"), "{\"status\": \"running\", \"pid\": "
                + ProcessHandle.current().pid() + "}", StandardCharsets.UTF_8);
        RunFolder live = RunFolders.scan(dir, Set.of()).get(0);
        assertThat(live.status()).isEqualTo(Status.IN_PROGRESS);
        assertThatThrownBy(() -> RunFolders.delete(live)).hasMessageContaining("still being computed");
        assertThat(folder).isDirectory();
    }
}
