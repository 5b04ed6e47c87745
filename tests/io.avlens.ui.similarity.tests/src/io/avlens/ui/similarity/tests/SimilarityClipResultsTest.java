package io.avlens.ui.similarity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.results.ClipResults;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.ui.similarity.internal.ClipSimilarity;

/**
 * The Similarity view asks {@link ClipResults} for its volume instead of running the model itself: what it asks
 * for, its cancel withdrawing its interest, and a computation cancelled elsewhere cancelling its answer.
 */
class SimilarityClipResultsTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    /** Records what is asked and hands out futures the test completes or cancels. */
    private static final class AskedResults implements ClipResults {
        final BlockingQueue<ClipRequest> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<CompletableFuture<ClipOutcome>> futures = new LinkedBlockingQueue<>();

        @Override
        public CompletableFuture<ClipOutcome> request(ClipRequest request, RunSettings settings) {
            CompletableFuture<ClipOutcome> f = new CompletableFuture<>();
            requests.add(request);
            futures.add(f);
            return f;
        }
    }

    /** Waits until {@code f} is done, however it ended. */
    private static void awaitEnd(CompletableFuture<?> f) throws Exception {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (CancellationException | ExecutionException e) {
            // the test looks at how it ended
        }
    }

    private RunSettings settings() {
        return RunSettings.defaults(dir).withCacheFolder(dir.resolve("cache")).withModelsFolder(dir.resolve("models"));
    }

    @Test
    void theViewsVolumeIsAskedOfTheServiceAndItsCancelWithdrawsOnlyItsInterest() throws Exception {
        AskedResults results = new AskedResults();
        Path media = Files.writeString(dir.resolve("bounce.mp4"), "not read: the service is a stand-in");
        CompletableFuture<ClipSimilarity.Result> volume = ClipSimilarity.request(results,
                BuiltinModels.of(new CavpShippedModel()), settings(), "cavp-small", media, 0.5);

        ClipRequest asked = results.requests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(asked).as("the view asked the service").isNotNull();
        assertThat(asked.kind()).isEqualTo(ClipSimilarity.KIND);
        assertThat(asked.model().id()).isEqualTo("cavp-small");
        assertThat(asked.clip().id()).isEqualTo("bounce");
        assertThat(asked.clip().media()).isEqualTo(media.toAbsolutePath());
        assertThat(asked.parameters()).containsEntry("maxLagSeconds", 0.5);
        CompletableFuture<ClipOutcome> interest = results.futures.take();

        volume.cancel(false);
        awaitEnd(interest);
        assertThat(interest).as("the view's interest is withdrawn").isCancelled();
    }

    @Test
    void aComputationCancelledElsewhereCancelsTheViewsAnswer() throws Exception {
        AskedResults results = new AskedResults();
        Path media = Files.writeString(dir.resolve("bounce.mp4"), "not read");
        CompletableFuture<ClipSimilarity.Result> volume = ClipSimilarity.request(results,
                BuiltinModels.of(new CavpShippedModel()), settings(), "cavp-small", media, 0.5);
        CompletableFuture<ClipOutcome> interest = results.futures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(interest).isNotNull();
        interest.cancel(false); // as the service does when the job is cancelled in the Progress view
        awaitEnd(volume);
        assertThat(volume).isCancelled();
    }

    @Test
    void anUnknownModelIsAnsweredWithItsProblemWithoutAskingTheService() throws Exception {
        AskedResults results = new AskedResults();
        Path media = Files.writeString(dir.resolve("bounce.mp4"), "not read");
        ClipSimilarity.Result result = ClipSimilarity.request(results, null, settings(), "cavp-large", media, 0.5)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(result.volume()).isNull();
        assertThat(result.message()).contains("no model 'cavp-large'");
        assertThat(results.requests).isEmpty();
        assertThat(List.copyOf(results.futures)).isEmpty();
    }

    @Test
    void aSoundOnItsOwnStepsGetsItsOwnTimeAxis() throws Exception {
        for (boolean own : new boolean[] {true, false}) {
            AskedResults results = new AskedResults();
            Path media = Files.writeString(dir.resolve("bounce.mp4"), "not read");
            CompletableFuture<ClipSimilarity.Result> volume = ClipSimilarity.request(results,
                    BuiltinModels.of(new CavpShippedModel()), settings(), "cavp-small", media, 0.5);
            CompletableFuture<ClipOutcome> interest = results.futures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(interest).isNotNull();
            Path folder = Files.createDirectories(dir.resolve("outcome-" + own));
            int audioSteps = own ? 15 : 16;
            Npy.write(folder.resolve("similarity.npy"), FloatTensor.wrap(new int[] {audioSteps, 16},
                    new float[audioSteps * 16]));
            // as CAVP's similarity task answers for Diff-Foley's CAVP: 15 audio steps over the 4 s of 16 frames
            Map<String, Double> metrics = own ? Map.of("lagSeconds", 0.0, "audioStepSeconds", 4.0 / 15)
                    : Map.of("lagSeconds", 0.0);
            interest.complete(new ClipOutcome("cavp-small", "bounce", media, RunState.SUCCEEDED, false, folder,
                    List.of(new TaskArtifact("similarity", "similarityVolume", "similarity.npy",
                            new int[] {audioSteps, 16}, "float32")), metrics, List.of(), 0.1, "key", null));
            ClipSimilarity.Result r = volume.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(r.message()).isNull();
            assertThat(r.volume().audioSteps()).isEqualTo(audioSteps);
            assertThat(r.volume().videoSteps()).isEqualTo(16);
            // cavp-small's profile runs at 8 fps
            assertThat(r.volume().videoTime(1)).isEqualTo(0.125);
            assertThat(r.volume().audioTime(1)).as("own audio steps: %s", own).isEqualTo(own ? 4.0 / 15 : 0.125);
        }
    }
}
