package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * Two programs writing one project never lose a record: writers take turns under the project's lock, a change made
 * from an old copy is applied to the newest file, a save never overwrites changes it has not seen, and another
 * program's changes merge into an open project.
 */
class ProjectConcurrencyTest {

    @TempDir
    Path dir;

    private Path folder;
    private Path elsewhere;

    @BeforeEach
    void setUp() throws IOException {
        folder = dir.resolve("project");
        elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        XmiProjectStore store = new XmiProjectStore();
        store.save(TestProjects.full(store, folder, elsewhere));
    }

    private static Run run(String id) {
        Run run = TestProjects.F.createRun();
        run.setId(id);
        run.setStatus(RunStatus.SUCCEEDED);
        return run;
    }

    private static List<String> runIds(Project project) {
        return project.findExperiment("gen-1").getRuns().stream().map(Run::getId).toList();
    }

    @Test
    void concurrentUpdatesFromTwoStoresKeepEveryRun() throws Exception {
        // two store instances stand for two programs: each opened the project before the other wrote
        ProjectStore a = new XmiProjectStore();
        ProjectStore b = new XmiProjectStore();
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> futures = new ArrayList<>();
        for (ProjectStore store : List.of(a, b)) {
            String prefix = store == a ? "a-" : "b-";
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    String id = prefix + i;
                    store.update(folder, p -> p.findExperiment("gen-1").getRuns().add(run(id)));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<String> ids = runIds(new XmiProjectStore().open(folder));
        assertThat(ids).hasSize(2 + 2 * perWriter);
        for (int i = 0; i < perWriter; i++) {
            assertThat(ids).contains("a-" + i, "b-" + i);
        }
    }

    @Test
    void theOldWayOfOpenRunSaveLosesNothingEither() throws Exception {
        // the bug this replaces: two 'avlens run' opened the project, each added its run and saved; one run vanished
        XmiProjectStore store = new XmiProjectStore();
        Project first = store.open(folder);
        Project second = store.open(folder);
        first.findExperiment("gen-1").getRuns().add(run("first"));
        store.save(first);
        second.findExperiment("gen-1").getRuns().add(run("second"));
        byte[] before = Files.readAllBytes(ProjectStore.projectFile(folder));

        assertThatThrownBy(() -> store.save(second)).isInstanceOf(ProjectStoreException.class)
                .satisfies(e -> assertThat(((ProjectStoreException) e).problem()).isEqualTo(Problem.CHANGED_ON_DISK))
                .hasMessageContaining(ProjectStore.projectFile(folder).toString())
                .hasMessageContaining("changed by another program");
        assertThat(Files.readAllBytes(ProjectStore.projectFile(folder))).isEqualTo(before);

        MergeReport report = store.merge(second);
        assertThat(report.conflicts()).isEmpty();
        assertThat(report.changes()).anySatisfy(c -> assertThat(c).contains("runs[first]"));
        store.save(second);
        assertThat(runIds(store.open(folder))).contains("first", "second");
    }

    @Test
    void saveMergedRecordsBothRunsInOneStep() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Project first = store.open(folder);
        Project second = store.open(folder);
        first.findExperiment("gen-1").getRuns().add(run("first"));
        second.findExperiment("gen-1").getRuns().add(run("second"));

        assertThat(store.saveMerged(first).isEmpty()).isTrue();
        MergeReport report = store.saveMerged(second);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.changes()).containsExactly("added experiments[gen-1]/runs[first]");
        assertThat(runIds(store.open(folder))).endsWith("first", "second");
    }

    @Test
    void mergeTakesOverTheirChangesAndKeepsMine() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Project mine = store.open(folder);
        mine.findExperiment("gen-1").setDescription("mine");
        mine.getDatasets().get(0).getClips().get(1).setFps(12.5); // 'hum'

        new XmiProjectStore().update(folder, theirs -> {
            theirs.setDescription("theirs");
            Clip added = TestProjects.clip("take-02", "media/take-02.mp4", 3.0, 25, 320, 240, 16_000,
                    theirs.getDatasets().get(0).getSplits().get(1));
            theirs.getDatasets().get(0).getClips().add(added);
            Experiment experiment = theirs.findExperiment("gen-1");
            experiment.getSelection().getClips().add(added);
            experiment.getRuns().add(run("theirs-run"));
            experiment.getRuns().removeIf(r -> r.getStatus() == RunStatus.FAILED);
        });
        assertThat(store.changedOnDisk(mine)).isTrue();

        MergeReport report = store.merge(mine);

        assertThat(report.conflicts()).isEmpty();
        assertThat(mine.getDescription()).isEqualTo("theirs");
        assertThat(mine.findExperiment("gen-1").getDescription()).isEqualTo("mine");
        assertThat(mine.getDatasets().get(0).getClips()).extracting(Clip::getId)
                .containsExactly("take-01", "hum", "take-02");
        assertThat(mine.getDatasets().get(0).getClips().get(1).getFps()).isEqualTo(12.5);
        Clip added = mine.getDatasets().get(0).getClips().get(2);
        // references of a taken-over object point into this project, not the other program's copy
        assertThat(added.getSplit()).isSameAs(mine.getDatasets().get(0).getSplits().get(1));
        assertThat(mine.findExperiment("gen-1").getSelection().getClips()).extracting(Clip::getId)
                .containsExactly("take-01", "take-02");
        assertThat(mine.findExperiment("gen-1").getSelection().getClips().get(1)).isSameAs(added);
        assertThat(runIds(mine)).contains("theirs-run").hasSize(2);
        assertThat(store.changedOnDisk(mine)).isFalse();

        store.save(mine);
        Project reopened = store.open(folder);
        assertThat(reopened.getDescription()).isEqualTo("theirs");
        assertThat(reopened.findExperiment("gen-1").getDescription()).isEqualTo("mine");
        assertThat(reopened.findExperiment("gen-1").getSelection().getClips()).hasSize(2);
    }

    @Test
    void conflictsKeepMineAndSayWhere() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Project mine = store.open(folder);
        mine.findExperiment("gen-1").setDescription("mine");
        mine.findExperiment("gen-1").getRuns().get(1).setDevice("edited here");
        new XmiProjectStore().update(folder, theirs -> {
            theirs.findExperiment("gen-1").setDescription("theirs");
            theirs.findExperiment("gen-1").getRuns().remove(1);
        });

        MergeReport report = store.merge(mine);

        assertThat(mine.findExperiment("gen-1").getDescription()).isEqualTo("mine");
        assertThat(mine.findExperiment("gen-1").getRuns()).hasSize(2);
        assertThat(report.conflicts()).hasSize(2);
        assertThat(report.conflicts().get(0)).contains("experiments[gen-1]/description", "mine", "theirs");
        assertThat(report.conflicts().get(1)).contains("runs[").contains("deleted by the other program");
    }

    @Test
    void anUnchangedObjectDeletedElsewhereIsDeletedHereToo() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Project mine = store.open(folder);
        String deleted = mine.findExperiment("gen-1").getRuns().get(1).getId();
        new XmiProjectStore().update(folder, theirs -> theirs.findExperiment("gen-1").getRuns().remove(1));

        MergeReport report = store.merge(mine);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.changes()).containsExactly("removed experiments[gen-1]/runs[" + deleted + "]");
        assertThat(runIds(mine)).doesNotContain(deleted);
    }

    @Test
    void aWriterWaitsForAnotherProcessHoldingTheLockAndGivesUpWithAMessage() throws Exception {
        Path lockFile = folder.resolve(ProjectLock.FILE_NAME);
        Path ready = folder.resolve("locked.flag");
        // another process (Python, fcntl locks as Java's FileChannel uses them) holds the lock for 1.5 s
        Process holder = new ProcessBuilder("python3", "-c", String.join("\n",
                "import fcntl, os, sys, time",
                "f = open(sys.argv[1], 'a+')",
                "fcntl.lockf(f, fcntl.LOCK_EX)",
                "open(sys.argv[2], 'w').close()",
                "time.sleep(1.5)"), lockFile.toString(), ready.toString()).inheritIO().start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(ready).exists();
            byte[] before = Files.readAllBytes(ProjectStore.projectFile(folder));
            XmiProjectStore impatient = new XmiProjectStore(List.of(), UnaryOperator.identity(),
                    Duration.ofMillis(200));
            assertThatThrownBy(() -> impatient.update(folder, p -> p.setDescription("too early")))
                    .isInstanceOf(ProjectStoreException.class)
                    .hasMessageContaining(ProjectStore.projectFile(folder).toString())
                    .hasMessageContaining("being written by another program")
                    .satisfies(e -> assertThat(((ProjectStoreException) e).problem()).as(e.getMessage())
                            .isEqualTo(Problem.LOCKED));
            assertThat(Files.readAllBytes(ProjectStore.projectFile(folder))).isEqualTo(before);

            new XmiProjectStore().update(folder, p -> p.setDescription("after the other program"));
            assertThat(new XmiProjectStore().open(folder).getDescription()).isEqualTo("after the other program");
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aWriterOfThisProgramThatGivesUpLeavesTheOtherWritersLockHeld() throws Exception {
        XmiProjectStore store = new XmiProjectStore(List.of(), UnaryOperator.identity(), Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Project> writing = first.submit(() -> store.update(folder, p -> {
                inside.countDown();
                try {
                    finish.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.setDescription("the first writer's");
            }));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> store.update(folder, p -> p.setDescription("too early")))
                    .isInstanceOf(ProjectStoreException.class)
                    .hasMessageContaining("being written by another window or job of this program")
                    .satisfies(e -> assertThat(((ProjectStoreException) e).problem()).isEqualTo(Problem.LOCKED));

            // the second writer gave up: another program must still be kept out while the first one writes (on
            // Linux, closing a channel of the lock file would have dropped the first writer's lock)
            Process probe = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import fcntl, sys",
                    "f = open(sys.argv[1], 'a+')",
                    "try:",
                    "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                    "    sys.exit(3)",
                    "except OSError:",
                    "    sys.exit(0)"), folder.resolve(ProjectLock.FILE_NAME).toString()).inheritIO().start();
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.exitValue()).as("another program could take the lock while the first writer held it")
                    .isZero();

            finish.countDown();
            writing.get(30, TimeUnit.SECONDS);
            assertThat(new XmiProjectStore().open(folder).getDescription()).isEqualTo("the first writer's");
            store.update(folder, p -> p.setDescription("after it"));
            assertThat(new XmiProjectStore().open(folder).getDescription()).isEqualTo("after it");
        } finally {
            finish.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void aDeletedProjectFileIsNoChangeToTakeOverAndASaveWritesItAnew() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Project open = store.open(folder);
        Files.delete(ProjectStore.projectFile(folder));

        assertThat(store.changedOnDisk(open)).isFalse();
        open.setDescription("saved again");
        store.save(open);
        assertThat(store.open(folder).getDescription()).isEqualTo("saved again");
    }

    @Test
    void anAbortedUpdateWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(ProjectStore.projectFile(folder));
        XmiProjectStore store = new XmiProjectStore();
        assertThatThrownBy(() -> store.update(folder, p -> {
            p.setDescription("half done");
            throw new ProjectStoreException(ProjectStore.projectFile(folder), Problem.INVALID_CONTENT, "no", null);
        })).isInstanceOf(ProjectStoreException.class);
        assertThat(Files.readAllBytes(ProjectStore.projectFile(folder))).isEqualTo(before);
    }
}
