package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.io.FileTrees;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.InferenceRule;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;

/**
 * What the runner reads and holds around a clip: every input file in the cache key, cached results without the
 * inference rule, one model load for a viewer's clips, nothing left in the temporary folder without a cache.
 */
class RunnerSchedulingTest {

    /** Generous: only a runner that waits for the held rule takes this long. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void aChangedSidecarIsComputedAgainWithItsNewTruth() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        Path sidecar = rig.project.resolve("media/a.json");
        Files.writeString(sidecar, "{\"lagSeconds\": 0.25}");
        RunOutcome first = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(first.clips().get(0).metrics()).containsEntry("trueLagSeconds", 0.25);
        RunOutcome again = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(again.clips().get(0).cached()).isTrue();

        Files.writeString(sidecar, "{\"lagSeconds\": 0.5}");
        RunOutcome changed = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(changed.clips().get(0).cached()).as("the sidecar changed, the media did not").isFalse();
        assertThat(changed.clips().get(0).metrics()).containsEntry("trueLagSeconds", 0.5);
        assertThat(rig.task.calls).hasValue(2);

        Files.delete(sidecar);
        RunOutcome gone = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(gone.clips().get(0).cached()).isFalse();
        assertThat(gone.clips().get(0).metrics()).doesNotContainKey("trueLagSeconds");
    }

    @Test
    void cachedResultsDoNotWaitForAJobHoldingTheInferenceRule() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        ClipRequest cached = request(rig, "a");
        assertThat(rig.runner.runClip(cached, rig.settings(), null).state()).isEqualTo(RunState.SUCCEEDED);
        rig.dataset.getClips().remove(1); // the runs below are of clip a alone, which is cached
        rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(1);

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread training = new Thread(() -> {
            IJobManager jobs = Job.getJobManager();
            InferenceRule rule = new InferenceRule();
            try {
                jobs.beginRule(rule, null);
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                jobs.endRule(rule);
            }
        }, "a training holding the inference rule");
        training.start();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            Future<ClipOutcome> clip = pool.submit(() -> rig.runner.runClip(cached, rig.settings(), null));
            ClipOutcome outcome = clip.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(outcome.cached()).isTrue();
            RunOutcome run = pool.submit(() -> rig.runner.run(rig.snapshot(), rig.settings(), null))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.clips()).allMatch(ClipOutcome::cached);

            // a clip that must be computed still waits for the rule
            Future<ClipOutcome> computed = pool.submit(() -> rig.runner.runClip(request(rig, "b"), rig.settings(),
                    null));
            assertThat(computed.isDone()).isFalse();
            release.countDown();
            assertThat(computed.get(WAIT_SECONDS, TimeUnit.SECONDS).cached()).isFalse();
            assertThat(rig.task.calls).hasValue(2);
        } finally {
            release.countDown();
            pool.shutdownNow();
            training.join();
        }
    }

    @Test
    void aViewerGoingFromClipToClipLoadsTheModelOnce() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        CountingInference inference = new CountingInference();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(inference, Map.of());
        runner.addTask(rig.task);
        for (String id : new String[] {"a", "b"}) {
            ClipOutcome outcome = runner.runClip(request(rig, id), rig.settings(), null);
            assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
            assertThat(outcome.cached()).isFalse();
        }
        assertThat(rig.task.calls).hasValue(2);
        assertThat(inference.loads).hasValue(1);
        assertThat(inference.closes).hasValue(0);
        // on other threads the pooled model is loaded once more; when the runner goes every model is closed
        ClipOutcome threads = runner.runClip(request(rig, "a"), rig.settings().withThreads(1)
                .withCacheFolder(null), null);
        assertThat(threads.state()).isEqualTo(RunState.SUCCEEDED);
        FileTrees.deleteQuietly(threads.folder());
        assertThat(inference.loads).hasValue(2);
        runner.deactivate();
        assertThat(inference.closes).hasValue(2);
    }

    @Test
    void withoutACacheNothingIsLeftInTheTemporaryFolder() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        RunnerService runner = new RunnerService(tmp);
        runner.addInferenceService(Rig.inference(), Map.of());
        runner.addTask(rig.task);

        ClipOutcome outcome = runner.runClip(request(rig, "a"), rig.settings().withCacheFolder(null), null);
        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.folder()).startsWith(tmp);
        assertThat(outcome.files()).allMatch(Files::isRegularFile);
        FileTrees.deleteQuietly(outcome.folder()); // what the caller is told to do
        String area = outcome.folder().getParent().getFileName().toString();
        assertThat(area).startsWith(ScratchArea.PREFIX);
        assertThat(Rig.names(tmp)).containsExactly("", area);

        ClipOutcome missing = runner.runClip(new ClipRequest("embedding", request(rig, "a").model(),
                new ClipRef("gone", rig.media("gone")), Map.of(), 7), rig.settings().withCacheFolder(null), null);
        assertThat(missing.state()).isEqualTo(RunState.FAILED);
        assertThat(Rig.names(tmp)).containsExactly("", area);
        ClipOutcome kept = runner.runClip(request(rig, "a"), rig.settings().withCacheFolder(null), null);
        assertThat(kept.folder()).exists();
        runner.deactivate(); // a result its caller did not delete goes with the runner
        assertThat(Rig.names(tmp)).containsExactly("");
    }

    private static ClipRequest request(Rig rig, String id) throws Exception {
        return new ClipRequest("embedding", ExperimentSnapshots.model(rig.models, Rig.MODEL),
                new ClipRef(id, rig.media(id)), Map.of("scale", 1.5, "seed", 7L), 7);
    }
}
