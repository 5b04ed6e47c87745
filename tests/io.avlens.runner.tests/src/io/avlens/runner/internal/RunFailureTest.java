package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunRecords;
import io.avlens.runner.RunState;
import io.avlens.runner.RunnerException;

/** Failures end a run with a message a user can act on; cancel stops it; runs queue on one rule. */
class RunFailureTest {

    @TempDir
    Path dir;

    @Test
    void badMediaAndAContractErrorFailTheirClipsAndTheRunNamesThem() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("good", 0);
        rig.addClip("notes");
        Files.writeString(rig.media("notes"), "not a video", StandardCharsets.UTF_8);
        TestMedia.clip(rig.media("short"), 2, 0);
        rig.addClip("short");
        rig.addClip("gone");
        Map<String, String> before = Rig.files(rig.project);

        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.clips()).extracting(ClipOutcome::state).containsExactly(RunState.SUCCEEDED, RunState.FAILED,
                RunState.FAILED, RunState.FAILED);
        assertThat(run.clips().get(1).message()).contains("notes.mp4");
        assertThat(run.clips().get(2).message()).contains("short.mp4", "shorter than one 4 s window",
                "fixture-conv");
        assertThat(run.clips().get(3).message()).contains("gone.mp4", "no such file");
        assertThat(run.message()).startsWith("3 of 4 clips failed").contains("notes.mp4", "short.mp4", "gone.mp4");
        assertThat(run.metrics()).containsEntry("failedClips", 3.0).containsEntry("totalFrames", 32.0);
        // the task's summary sees the failed clips with their reasons, so it can count them (never drop them)
        assertThat(run.metrics()).containsEntry("failuresSeen", 3.0);
        assertThat(run.runFolder().resolve("fixture-conv/good/embedding.npy")).isRegularFile();
        assertThat(run.runFolder().resolve("fixture-conv/short")).doesNotExist();
        JsonObject json = JsonParser.parseString(Files.readString(run.runJson())).getAsJsonObject();
        assertThat(json.get("status").getAsString()).isEqualTo("failed");
        assertThat(json.get("error").getAsString()).isEqualTo(run.message());
        assertThat(json.getAsJsonArray("clips").get(2).getAsJsonObject().get("error").getAsString())
                .contains("short.mp4");
        Run emf = RunRecords.toRun(run);
        assertThat(emf.getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(emf.getErrorMessage()).isEqualTo(run.message());
        assertThat(emf.getArtifacts()).hasSize(1);
        // nothing of the project changed but the new run's folder
        Map<String, String> after = Rig.files(rig.project);
        after.keySet().removeIf(k -> k.startsWith("runs/" + run.runId() + "/"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aMissingTaskOrChangedWeightsFailTheRunAndMissingWeightsAreBadInput() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.experiment.setKind("heatmap");
        RunOutcome noTask = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(noTask.state()).isEqualTo(RunState.FAILED);
        assertThat(noTask.message()).contains("no heatmap task", "fixture-conv", "'fixture'");
        assertThat(noTask.runJson()).isRegularFile();

        rig.experiment.setKind("embedding");
        Path weights = rig.models.resolve("fixture-conv/conv_traced.pt");
        byte[] original = Files.readAllBytes(weights);
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 1;
        Files.write(weights, changed);
        RunOutcome tampered = rig.runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(tampered.state()).isEqualTo(RunState.FAILED);
        assertThat(tampered.message()).contains("conv_traced.pt", "SHA-256");
        assertThat(rig.task.calls).hasValue(0);

        Files.delete(weights);
        assertThatThrownBy(rig::snapshot).isInstanceOf(RunnerException.class)
                .hasMessageContaining("conv_traced.pt").hasMessageContaining("missing");
        rig.experiment.getModels().clear();
        assertThatThrownBy(rig::snapshot).hasMessageContaining("experiment 'emb' uses no model");
    }

    @Test
    void cancelStopsWithinAClipAndRecordsTheRunAsCancelled() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        rig.clip("c", 80);
        NullProgressMonitor monitor = new NullProgressMonitor();
        rig.task.onStart = in -> {
            if (in.clipId().equals("b")) {
                monitor.setCanceled(true);
            }
        };
        RunOutcome run = rig.runner.run(rig.snapshot(), rig.settings(), monitor);
        assertThat(run.state()).isEqualTo(RunState.CANCELLED);
        assertThat(rig.task.calls).hasValue(2);
        assertThat(run.clips()).extracting(ClipOutcome::clipId).containsExactly("a");
        assertThat(run.message()).contains("cancelled after 1 of 3 clips");
        JsonObject json = JsonParser.parseString(Files.readString(run.runJson())).getAsJsonObject();
        assertThat(json.get("status").getAsString()).isEqualTo("cancelled");
        assertThat(Rig.names(run.runFolder())).containsExactly("", "fixture-conv", "fixture-conv/a",
                "fixture-conv/a/embedding.npy", "run.json");
        assertThat(Rig.names(rig.cache.resolve("tmp"))).containsExactly("");
        assertThat(RunRecords.toRun(run).getStatus()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void theSchedulingRuleLetsOneRunAtATime() throws Exception {
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        rig.clip("b", 40);
        List<RunOutcome> outcomes = new ArrayList<>();
        Map<String, Boolean> overlap = new ConcurrentHashMap<>();
        rig.task.onStart = in -> {
            if (rig.task.running.get() > 1) {
                overlap.put(in.clipId(), true);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Job first = rig.runner.runJob(rig.snapshot(), rig.settings().withCacheFolder(null), outcomes::add);
        Job second = rig.runner.runJob(rig.snapshot(), rig.settings().withCacheFolder(null), outcomes::add);
        // the job takes the rule itself when it must compute a clip (so cached results never queue)
        assertThat(first.getRule()).isNull();
        assertThat(rig.runner.schedulingRule().isConflicting(new io.avlens.runner.InferenceRule())).isTrue();
        first.schedule();
        second.schedule();
        first.join();
        second.join();
        assertThat(first.getResult().getSeverity()).isEqualTo(IStatus.OK);
        assertThat(second.getResult().getSeverity()).isEqualTo(IStatus.OK);
        assertThat(outcomes).hasSize(2).allMatch(o -> o.state() == RunState.SUCCEEDED);
        assertThat(rig.task.calls).hasValue(4);
        assertThat(rig.task.mostAtOnce).hasValue(1);
        assertThat(overlap).isEmpty();
    }
}
