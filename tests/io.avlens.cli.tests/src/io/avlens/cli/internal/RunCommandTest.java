package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceService;
import io.avlens.media.FrameReader;
import io.avlens.model.AvLensFactory;
import io.avlens.model.ClipSelection;
import io.avlens.model.Experiment;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.runner.internal.RunnerService;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/** {@code avlens run} on a project on disk, with a real TorchScript model on the CPU inference service. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();
    private final RunnerService runner = new RunnerService();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int taskCalls;
    /** What another program does to the project while the task runs (null: nothing). */
    private volatile ThrowingRunnable whileRunning;

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Frames at 8 fps 16×16 through the fixture conv net, all at once: embedding.npy [T, 4]. */
    private final ClipTask embedding = new ClipTask() {
        @Override
        public String kind() {
            return "embedding";
        }

        @Override
        public boolean supports(String family) {
            return family.equals("fixture");
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
            taskCalls++;
            try {
                if (whileRunning != null) {
                    ThrowingRunnable other = whileRunning;
                    whileRunning = null;
                    other.run();
                }
                FloatTensor hwc = new FrameReader(new VideoSpec(8, 16, 16, FrameFit.CENTER_CROP)).read(input.media())
                        .tensor();
                int n = hwc.dim(0);
                float[] chw = new float[n * 3 * 256];
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < 256; p++) {
                        for (int c = 0; c < 3; c++) {
                            chw[(i * 3 + c) * 256 + p] = hwc.get(i, p / 16, p % 16, c);
                        }
                    }
                }
                FloatTensor y = input.model().forward(Map.of("frames", FloatTensor.of(new int[] {n, 3, 16, 16},
                        chw))).get("embedding");
                Npy.write(input.outputFolder().resolve("embedding.npy"), y);
                return new ClipResult(input.clipId(), List.of(new TaskArtifact("embedding", "embedding",
                        "embedding.npy", y.shape(), "float32")), Map.of("frames", (double) n));
            } catch (Exception e) {
                throw new TaskException(input.media() + ": " + e.getMessage(), e);
            }
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        runner.addInferenceService(inference(), Map.of());
        runner.addTask(embedding);
        Path model = Files.createDirectories(dir.resolve("models/fixture-conv"));
        for (String name : List.of("model.json", "conv_traced.pt")) {
            try (InputStream in = RunCommandTest.class.getResourceAsStream("/resources/models/fixture-conv/" + name)) {
                Files.copy(in, model.resolve(name));
            }
        }
        Path media = Files.createDirectories(dir.resolve("media"));
        RecordedMedia.videoWithSound(media.resolve("stir.mp4"), 64, 64, 8, 4.0);
        // 5 s: another content (identical files would share one cache entry), cut into windows by the profile
        RecordedMedia.videoWithSound(media.resolve("pour.mp4"), 64, 64, 8, 5.0);
        assertThat(run("import", "--project", "p", "--dataset", "takes", "media")).isZero();
        Project project = store.open(dir.resolve("p"));
        AvLensFactory f = AvLensFactory.eINSTANCE;
        ModelDescriptor descriptor = f.createModelDescriptor();
        descriptor.setId("fixture-conv");
        descriptor.setFamily("fixture");
        project.getModels().add(descriptor);
        for (String id : List.of("emb", "maps")) {
            Experiment e = f.createExperiment();
            e.setId(id);
            e.setKind(id.equals("emb") ? "embedding" : "heatmap");
            e.getModels().add(descriptor);
            ClipSelection selection = f.createClipSelection();
            selection.setDataset(project.findDataset("takes"));
            e.setSelection(selection);
            project.getExperiments().add(e);
        }
        Experiment none = f.createExperiment();
        none.setId("empty");
        project.getExperiments().add(none);
        store.save(project);
    }

    @Test
    void runRecordsTheRunInTheProjectAndRepeatsFromTheCache() throws Exception {
        long t0 = System.nanoTime();
        assertThat(run("run", "--project", "p", "--experiment", "emb", "--models", "models", "--cache", "cache",
                "--device", "cpu")).as(err()).isZero();
        long t1 = System.nanoTime();
        JsonObject json = json();
        assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(json.get("device").getAsString()).isEqualTo("cpu");
        assertThat(json.has("error")).as("no error when it succeeded").isFalse();
        String id = json.get("id").getAsString();
        assertThat(id).startsWith("emb-");
        assertThat(Path.of(json.get("runFolder").getAsString())).isEqualTo(dir.resolve("p/runs/" + id));
        assertThat(json.getAsJsonObject("metrics").get("clips").getAsDouble()).isEqualTo(2);
        assertThat(json.getAsJsonArray("artifacts")).hasSize(2);
        JsonObject artifact = json.getAsJsonArray("artifacts").get(0).getAsJsonObject();
        String location = artifact.get("location").getAsString();
        assertThat(location).matches("runs/" + id + "/fixture-conv/(pour|stir)/embedding.npy");
        int frames = location.contains("pour") ? 40 : 32;
        assertThat(Npy.read(dir.resolve("p").resolve(location)).toFloatTensor().shape()).containsExactly(frames, 4);
        assertThat(artifact.getAsJsonArray("shape").get(0).getAsInt()).isEqualTo(frames);
        assertThat(json.get("log").getAsString()).isEqualTo("runs/" + id + "/run.json");
        assertThat(err()).contains("run: [").contains("succeeded");

        Project saved = store.open(dir.resolve("p"));
        Run run = saved.findExperiment("emb").findRun(id);
        assertThat(run.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.getArtifacts()).hasSize(2);
        assertThat(dir.resolve("p/project.avlens.bak")).isRegularFile();
        assertThat(store.validate(saved)).noneMatch(p -> p.message().contains(id));

        assertThat(run("run", "--project", "p", "--experiment", "emb", "--models", "models", "--cache", "cache"))
                .isZero();
        long t2 = System.nanoTime();
        System.out.printf("avlens run: first %.3f s, repeated (cache) %.3f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        assertThat(json().getAsJsonObject("metrics").get("cachedClips").getAsDouble()).isEqualTo(2);
        assertThat(taskCalls).isEqualTo(2);
        assertThat(store.open(dir.resolve("p")).findExperiment("emb").getRuns()).hasSize(2);
    }

    @Test
    void aChangeAnotherProgramMakesDuringTheRunIsKeptWithTheRun() throws Exception {
        // another 'avlens run' (or the workbench) records a run and edits an experiment while this run computes:
        // before, this run's save wrote the project it had opened at its start and the other run vanished
        Run other = AvLensFactory.eINSTANCE.createRun();
        other.setId("maps-by-another-program");
        other.setStatus(RunStatus.SUCCEEDED);
        whileRunning = () -> new XmiProjectStore().update(dir.resolve("p"), p -> {
            p.findExperiment("maps").getRuns().add(other);
            p.findExperiment("maps").setDescription("edited elsewhere");
        });

        assertThat(run("run", "--project", "p", "--experiment", "emb", "--models", "models", "--no-cache"))
                .as(err()).isZero();

        Project saved = store.open(dir.resolve("p"));
        assertThat(saved.findExperiment("emb").getRuns()).extracting(Run::getId)
                .containsExactly(json().get("id").getAsString());
        assertThat(saved.findExperiment("maps").getRuns()).extracting(Run::getId)
                .containsExactly("maps-by-another-program");
        assertThat(saved.findExperiment("maps").getDescription()).isEqualTo("edited elsewhere");
    }

    @Test
    void aFailedRunExitsOneAndIsStillRecorded() throws Exception {
        assertThat(run("run", "--project", "p", "--experiment", "maps", "--models", "models", "--no-cache"))
                .isEqualTo(1);
        assertThat(json().get("status").getAsString()).isEqualTo("failed");
        assertThat(json().get("error").getAsString()).contains("no heatmap task", "fixture-conv");
        Run run = store.open(dir.resolve("p")).findExperiment("maps").getRuns().get(0);
        assertThat(run.getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(run.getErrorMessage()).contains("no heatmap task");
        assertThat(dir.resolve("p").resolve(run.getLogLocation())).isRegularFile();
    }

    @Test
    void badInputExitsTwoNamingWhatIsWrongAndWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("p/project.avlens"));
        assertThat(run("run", "--project", "p", "--experiment", "nope", "--models", "models")).isEqualTo(2);
        assertThat(err()).contains("project.avlens", "no experiment 'nope'", "emb");
        assertThat(run("run", "--project", "p", "--experiment", "empty", "--models", "models")).isEqualTo(2);
        assertThat(err()).contains("experiment 'empty' uses no model");
        assertThat(run("run", "--project", "elsewhere", "--experiment", "emb")).isEqualTo(2);
        assertThat(err()).contains("elsewhere").contains("no such project file");
        assertThat(run("run", "--project", "p", "--experiment", "emb", "--device", "tpu")).isEqualTo(2);
        assertThat(err()).contains("'tpu' is not a device");
        assertThat(Files.readAllBytes(dir.resolve("p/project.avlens"))).isEqualTo(before);
        assertThat(dir.resolve("p/runs")).doesNotExist();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new ImportCommand(store),
                new RunCommand(store, runner)));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static InferenceService inference() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(RunCommandTest.class);
        if (bundle != null) {
            ServiceTracker<InferenceService, InferenceService> tracker = new ServiceTracker<>(
                    bundle.getBundleContext(), InferenceService.class, null);
            tracker.open();
            return tracker.waitForService(20_000);
        }
        return (InferenceService) Class.forName("io.avlens.inference.djl.internal.CpuInferenceService")
                .getConstructor().newInstance();
    }
}
