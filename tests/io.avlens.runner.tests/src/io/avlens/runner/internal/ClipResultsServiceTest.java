package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.results.ClipResults;

/**
 * The views' per-clip results: one computation for concurrent askers, a failure forgotten, a computation
 * cancelled only when every asker withdrew, a bounded memory; with a scripted runner, and once through the real
 * runner and task.
 */
class ClipResultsServiceTest {

    /** Generous: only a broken service takes this long. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void twoAskersOfOneRequestShareOneComputation() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        runner.hold = true;
        ClipResults results = new ClipResultsService(runner, 4);
        ClipRequest request = request("a");

        CompletableFuture<ClipOutcome> first = results.request(request, settings());
        CompletableFuture<ClipOutcome> second = results.request(request, settings());
        assertThat(runner.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second).as("a future of its own").isNotSameAs(first).isNotDone();
        runner.release();

        ClipOutcome outcome = first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(outcome);
        assertThat(results.request(request, settings())).as("remembered").isCompletedWithValue(outcome);
        assertThat(runner.calls).hasValue(1);

        assertThat(results.request(request("b"), settings()).get(WAIT_SECONDS, TimeUnit.SECONDS).clipId())
                .as("another clip is another computation").isEqualTo("b");
        assertThat(runner.calls).hasValue(2);
    }

    @Test
    void aFailureIsForgottenSoAskingAgainComputesAgain() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        runner.fail = true;
        ClipResults results = new ClipResultsService(runner, 4);
        ClipRequest request = request("a");

        ClipOutcome failed = results.request(request, settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.message()).contains("a.mp4").contains("scripted failure");

        runner.fail = false;
        ClipOutcome retried = results.request(request, settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(retried.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(runner.calls).hasValue(2);
    }

    @Test
    void theComputationIsCancelledOnlyWhenEveryAskerWithdrew() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        runner.hold = true;
        ClipResults results = new ClipResultsService(runner, 4);
        ClipRequest request = request("a");
        CompletableFuture<ClipOutcome> first = results.request(request, settings());
        CompletableFuture<ClipOutcome> second = results.request(request, settings());
        assertThat(runner.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        IProgressMonitor monitor = runner.monitors.peek();

        first.cancel(false);
        assertThat(monitor.isCanceled()).as("the second asker still wants it").isFalse();
        second.cancel(false);
        assertThat(monitor.isCanceled()).as("nobody wants it").isTrue();
        Job.getJobManager().join(ClipResults.class, null);

        runner.hold = false;
        runner.started = new CountDownLatch(1);
        ClipOutcome again = results.request(request, settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(again.state()).as("a cancelled computation is not remembered").isEqualTo(RunState.SUCCEEDED);
        assertThat(runner.calls).hasValue(2);
    }

    @Test
    void aJobCancelledFromTheProgressViewCancelsEveryAsker() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        runner.hold = true;
        ClipResults results = new ClipResultsService(runner, 4);
        CompletableFuture<ClipOutcome> first = results.request(request("a"), settings());
        CompletableFuture<ClipOutcome> second = results.request(request("a"), settings());
        assertThat(runner.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Job.getJobManager().cancel(ClipResults.class);
        Job.getJobManager().join(ClipResults.class, null);
        // the askers' futures are ended by the job's done listener, which may run just after join returns
        awaitEnd(first);
        awaitEnd(second);
        assertThat(first).isCancelled();
        assertThat(second).isCancelled();
    }

    /** Waits until {@code f} has ended, however it ended. */
    private static void awaitEnd(CompletableFuture<?> f) throws Exception {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.ExecutionException e) {
            // the test looks at how it ended
        }
    }

    @Test
    void theMemoryKeepsTheLastOutcomesUpToItsBound() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        ClipResults results = new ClipResultsService(runner, 2);
        ClipOutcome a = results.request(request("a"), settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        results.request(request("b"), settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(results.request(request("a"), settings())).as("a is remembered").isCompletedWithValue(a);
        results.request(request("c"), settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(runner.calls).hasValue(3);

        // a was asked for after b, so b went first
        assertThat(results.request(request("a"), settings())).isCompletedWithValue(a);
        assertThat(runner.calls).hasValue(3);
        results.request(request("b"), settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(runner.calls).as("b was forgotten").hasValue(4);
    }

    @Test
    void withoutACacheTheServiceDeletesTheFolderOfAForgottenOutcome() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        ClipResults results = new ClipResultsService(runner, 1);
        RunSettings noCache = settings().withCacheFolder(null);
        ClipOutcome a = results.request(request("a"), noCache).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(a.folder()).isDirectory();
        results.request(request("b"), noCache).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(a.folder()).as("a was pushed out of the memory of one").doesNotExist();
    }

    @Test
    void aChangedMediaFileIsComputedAgain() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(dir.resolve("results"));
        ClipResults results = new ClipResultsService(runner, 4);
        ClipRequest request = request("a");
        results.request(request, settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        Files.writeString(request.clip().media(), "other picture, other sound, longer");
        results.request(request, settings()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(runner.calls).hasValue(2);
    }

    @Test
    void throughTheRealRunnerTwoAskersRunTheTaskOnce() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        ClipResults results = new ClipResultsService(rig.runner, 4);
        ClipRequest request = new ClipRequest("embedding", ExperimentSnapshots.model(rig.models, Rig.MODEL),
                new ClipRef("a", rig.media("a")), Map.of("scale", 1.5), 7);
        CompletableFuture<ClipOutcome> first = results.request(request, rig.settings());
        CompletableFuture<ClipOutcome> second = results.request(request, rig.settings());
        ClipOutcome outcome = first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(outcome.state()).as(outcome.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(outcome);
        assertThat(rig.task.calls).hasValue(1);
        assertThat(outcome.files()).isNotEmpty().allSatisfy(f -> assertThat(f).isRegularFile());
    }

    @Test
    void theServiceIsRegisteredByDeclarativeServices() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(ClipResultsServiceTest.class);
        Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        ServiceTracker<ClipResults, ClipResults> tracker = new ServiceTracker<>(bundle.getBundleContext(),
                ClipResults.class, null);
        tracker.open();
        try {
            assertThat(tracker.waitForService(20_000)).as("the ClipResults DS component").isNotNull();
        } finally {
            tracker.close();
        }
    }

    /** Model fixture-conv on a media file {@code <clip>.mp4} of a few bytes (the scripted runner reads neither). */
    private ClipRequest request(String clip) throws Exception {
        Path model = dir.resolve("models").resolve(Rig.MODEL);
        if (!Files.isDirectory(model)) {
            Files.createDirectories(model);
            for (String name : new String[] {"model.json", "conv_traced.pt"}) {
                try (InputStream in = getClass().getResourceAsStream("/resources/models/fixture-conv/" + name)) {
                    Files.copy(in, model.resolve(name));
                }
            }
        }
        Path media = dir.resolve("media").resolve(clip + ".mp4");
        if (!Files.exists(media)) {
            Files.createDirectories(media.getParent());
            Files.writeString(media, "picture and sound of " + clip);
        }
        ModelRef ref = ExperimentSnapshots.model(dir.resolve("models"), Rig.MODEL);
        return new ClipRequest("embedding", ref, new ClipRef(clip, media), Map.of("scale", 1.5), 0);
    }

    private RunSettings settings() {
        return RunSettings.defaults(dir).withCacheFolder(dir.resolve("cache")).withModelsFolder(dir.resolve("models"));
    }
}
