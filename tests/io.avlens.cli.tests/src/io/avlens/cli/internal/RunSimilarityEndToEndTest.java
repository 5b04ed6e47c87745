package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceService;
import io.avlens.model.AvLensFactory;
import io.avlens.model.ClipSelection;
import io.avlens.model.Experiment;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.RunStatus;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpSimilarityTask;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.internal.RunnerService;

/**
 * End to end: {@code avlens synth} makes AV-Shapes clips, and {@code avlens run} installs the shipped cavp-small
 * model into an empty models folder and computes its similarity volumes through the runner, as the product wires it.
 */
class RunSimilarityEndToEndTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aSimilarityExperimentOnCavpSmall() throws Exception {
        ModelRunner runner = runner();
        // nothing installed beforehand: `run` puts the built-in models into the models folder itself
        assertThat(run(runner, "synth", "--out", "p", "--clips", "3", "--seed", "5", "--lag-range", "0.5")).isZero();
        Project project = store.open(dir.resolve("p"));
        AvLensFactory f = AvLensFactory.eINSTANCE;
        ModelDescriptor cavp = f.createModelDescriptor();
        cavp.setId("cavp-small");
        cavp.setFamily(CavpBlockFactory.FAMILY);
        project.getModels().add(cavp);
        Experiment e = f.createExperiment();
        e.setId("sync");
        e.setKind("similarity");
        e.getModels().add(cavp);
        ClipSelection selection = f.createClipSelection();
        selection.setDataset(project.getDatasets().get(0));
        e.setSelection(selection);
        project.getExperiments().add(e);
        store.save(project);

        assertThat(run(runner, "run", "--project", "p", "--experiment", "sync", "--models", "models", "--no-cache"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(json.getAsJsonObject("metrics").get("clips").getAsDouble()).isEqualTo(3);
        assertThat(json.getAsJsonObject("metrics").get("failedClips").getAsDouble()).isZero();
        List<JsonObject> volumes = new ArrayList<>();
        for (JsonElement a : json.getAsJsonArray("artifacts")) {
            if (a.getAsJsonObject().get("kind").getAsString().equals("similarityVolume")) {
                volumes.add(a.getAsJsonObject());
            }
        }
        assertThat(volumes).hasSize(3);
        for (JsonObject v : volumes) {
            FloatTensor s = Npy.read(dir.resolve("p").resolve(v.get("location").getAsString())).toFloatTensor();
            assertThat(s.rank()).isEqualTo(2);
            assertThat(s.dim(0)).isEqualTo(v.getAsJsonArray("shape").get(0).getAsInt()).isGreaterThan(1);
            for (int i = 0; i < s.size(); i++) {
                assertThat(Float.isFinite(s.getFlat(i))).isTrue();
            }
        }
        assertThat(store.open(dir.resolve("p")).findExperiment("sync").getRuns().get(0).getStatus())
                .isEqualTo(RunStatus.SUCCEEDED);
    }

    private int run(ModelRunner runner, String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new SynthCommand(store),
                new RunCommand(store, runner, BuiltinModels.of(new CavpShippedModel()))));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    /** The DS-wired runner inside OSGi; outside, one wired by hand with the CPU service, CAVP family and task. */
    private static ModelRunner runner() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(RunSimilarityEndToEndTest.class);
        if (bundle != null) {
            ServiceTracker<ModelRunner, ModelRunner> tracker = new ServiceTracker<>(bundle.getBundleContext(),
                    ModelRunner.class, null);
            tracker.open();
            return tracker.waitForService(20_000);
        }
        Class<?> cpu = Class.forName("io.avlens.inference.djl.internal.CpuInferenceService");
        Object service = cpu.getConstructor().newInstance();
        Method addFamily = cpu.getDeclaredMethod("addFamily",
                Class.forName("io.avlens.inference.djl.BuiltinBlockFactory"));
        addFamily.setAccessible(true);
        addFamily.invoke(service, new CavpBlockFactory());
        RunnerService runner = new RunnerService();
        runner.addInferenceService((InferenceService) service, Map.of());
        runner.addTask(new CavpSimilarityTask());
        return runner;
    }
}
