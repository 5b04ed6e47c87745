package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.RealParameter;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;

/** The result cache: hits without the model, misses when an input changes, damaged entries recomputed. */
class RunCacheTest {

    @TempDir
    Path dir;

    @Test
    void aRepeatedRunComesFromTheCacheWithoutRunningTheTask() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        rig.clip("c", 80);
        long t0 = System.nanoTime();
        RunOutcome first = rig.runner.run(rig.snapshot(), rig.settings(), null);
        long t1 = System.nanoTime();
        RunOutcome second = rig.runner.run(rig.snapshot(), rig.settings(), null);
        long t2 = System.nanoTime();
        System.out.printf("runner cache: first run %.3f s, repeated run %.3f s (3 clips)%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);
        assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(rig.task.calls).hasValue(3);
        assertThat(second.clips()).allMatch(ClipOutcome::cached);
        assertThat(second.metrics()).containsEntry("cachedClips", 3.0).containsEntry("totalFrames", 96.0);
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(Files.readAllBytes(file(second, id))).isEqualTo(Files.readAllBytes(file(first, id)));
        }
        assertThat(second.clips().get(0).metrics()).isEqualTo(first.clips().get(0).metrics());
        assertThat(Rig.names(rig.cache.resolve("tmp"))).containsExactly("");
    }

    @Test
    void aChangedParameterOrMediaFileIsComputedAgain() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(2);

        ((RealParameter) rig.experiment.findParameter("scale")).setValue(2.0);
        RunOutcome changed = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(4);
        assertThat(changed.clips()).noneMatch(ClipOutcome::cached);
        assertThat(changed.clips().get(0).metrics()).containsEntry("scale", 2.0);

        byte[] before = Files.readAllBytes(rig.media("b"));
        TestMedia.clip(rig.media("b"), 4, 120);
        assertThat(Files.readAllBytes(rig.media("b"))).isNotEqualTo(before);
        RunOutcome newMedia = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(5);
        assertThat(newMedia.clips()).extracting(ClipOutcome::cached).containsExactly(true, false);
        assertThat(Files.readAllBytes(file(newMedia, "b"))).isNotEqualTo(Files.readAllBytes(file(changed, "b")));
    }

    @Test
    void aParameterTheTaskDoesNotReadNeitherReachesItNorChangesTheCacheKey() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        java.util.List<Map<String, Object>> seen = new java.util.ArrayList<>();
        rig.task.onStart = in -> seen.add(in.parameters());
        RunOutcome first = rig.runner.run(rig.snapshot(), rig.settings(), null);
        io.avlens.model.TextParameter unread = io.avlens.model.AvLensFactory.eINSTANCE.createTextParameter();
        unread.setName("aggregation");
        unread.setValue("max");
        rig.experiment.getParameters().add(unread);
        RunOutcome second = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(second.clips().get(0).cached()).isTrue();
        assertThat(second.clips().get(0).cacheKey()).isEqualTo(first.clips().get(0).cacheKey());
        assertThat(second.snapshot().parameters()).containsEntry("aggregation", "max"); // still recorded
        rig.runner.runClip(new ClipRequest("embedding", ExperimentSnapshots.model(rig.models, Rig.MODEL),
                new ClipRef("a", rig.media("a")), Map.of("scale", 9.0, "aggregation", "max"), 7), rig.settings(),
                null);
        assertThat(seen).hasSize(2).allSatisfy(p -> assertThat(p).doesNotContainKey("aggregation"));
        assertThat(seen.get(1)).containsEntry("scale", 9.0);
    }

    @Test
    void aDamagedCacheEntryIsIgnoredAndRecomputed() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        RunOutcome first = rig.runner.run(rig.snapshot(), rig.settings(), null);
        Path entry = new ResultCache(rig.cache).entryFolder(first.clips().get(0).cacheKey());
        Path cached = entry.resolve("embedding.npy");
        byte[] bytes = Files.readAllBytes(cached);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(cached, bytes);

        RunOutcome second = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(2);
        assertThat(second.clips().get(0).cached()).isFalse();
        assertThat(Files.readAllBytes(file(second, "a"))).isEqualTo(Files.readAllBytes(file(first, "a")));
        // the entry was written again, sound this time
        RunOutcome third = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(third.clips().get(0).cached()).isTrue();
        assertThat(rig.task.calls).hasValue(2);

        // a half-written entry (no record) is ignored too
        Files.delete(entry.resolve(ResultCache.ENTRY));
        rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(rig.task.calls).hasValue(3);
    }

    @Test
    void aSingleClipForAViewerUsesTheSameCache() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), null);
        ClipRequest request = new ClipRequest("embedding", ExperimentSnapshots.model(rig.models, Rig.MODEL),
                new ClipRef("a", rig.media("a")), Map.of("scale", 1.5, "seed", 7L), 7);
        ClipOutcome clip = rig.runner.runClip(request, rig.settings(), null);
        assertThat(clip.state()).as(clip.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(clip.cached()).isTrue();
        assertThat(rig.task.calls).hasValue(1);
        assertThat(clip.folder()).startsWith(rig.cache);
        assertThat(Files.readAllBytes(clip.files().get(0))).isEqualTo(Files.readAllBytes(file(run, "a")));

        ClipOutcome other = rig.runner.runClip(new ClipRequest("embedding", request.model(), request.clip(),
                Map.of("scale", 3.0), 7), rig.settings(), null);
        assertThat(other.cached()).isFalse();
        assertThat(rig.task.calls).hasValue(2);
        assertThat(other.folder()).startsWith(rig.cache);
        assertThat(other.files().get(0)).isRegularFile();
        try (Stream<Path> s = Files.list(rig.cache.resolve("tmp"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    private static Path file(RunOutcome run, String clip) {
        return run.runFolder().resolve("fixture-conv").resolve(clip).resolve("embedding.npy");
    }
}
