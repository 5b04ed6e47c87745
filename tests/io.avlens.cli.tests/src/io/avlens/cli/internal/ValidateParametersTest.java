package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.RealParameter;
import io.avlens.model.TextParameter;
import io.avlens.model.store.ProjectStore;

/**
 * {@code avlens validate} as the product wires it: the runner's catalog of what the installed tasks read makes a
 * parameter nothing reads, and a kind nothing computes, a warning.
 */
class ValidateParametersTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void aParameterTheTaskDoesNotReadIsAWarning() throws Exception {
        ProjectStore store = service(ProjectStore.class);
        Project project = store.create(dir.resolve("p"), "p");
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Experiment sync = f.createExperiment();
        sync.setId("sync");
        sync.setKind("similarity");
        RealParameter maxLag = f.createRealParameter();
        maxLag.setName("maxLagSeconds");
        maxLag.setValue(0.5);
        TextParameter aggregation = f.createTextParameter();
        aggregation.setName("aggregation");
        aggregation.setValue("max");
        sync.getParameters().addAll(List.of(maxLag, aggregation));
        Experiment heat = f.createExperiment();
        heat.setId("heat");
        heat.setKind("captioning"); // a kind no installed family computes (DenseAV now computes heatmap)
        project.getExperiments().addAll(List.of(sync, heat));
        store.save(project);

        int code = service(CommandDispatcher.class).execute(List.of("validate", "--project", "p"),
                new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir));
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(code).as("warnings only").isZero();
        List<String> warnings = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("problems")) {
            JsonObject p = e.getAsJsonObject();
            if (p.get("severity").getAsString().equals("warning")) {
                warnings.add(p.get("path").getAsString() + ": " + p.get("message").getAsString());
            }
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("experiments[sync]/parameters[aggregation]: ")
                .contains("'aggregation' is not read by similarity", "maxLagSeconds", "ignored"));
        assertThat(warnings).noneMatch(w -> w.contains("maxLagSeconds]"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("experiments[heat]: ")
                .contains("no installed model computes experiments of kind 'captioning'", "similarity"));
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(CommandDispatcher.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertThat(service).as("the %s DS component is registered", type.getSimpleName()).isNotNull();
        return service;
    }
}
