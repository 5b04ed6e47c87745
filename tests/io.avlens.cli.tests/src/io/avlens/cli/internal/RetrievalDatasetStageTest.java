package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.Retrieval;
import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpEmbedTask;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.embedding.EmbeddingGather;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.internal.RunnerService;
import io.avlens.runner.internal.TaskParameterCatalog;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * The retrieval figures computed by the runner's embed dataset stage ({@link EmbeddingTableTask} with
 * {@value EmbeddingTableTask#RETRIEVAL_METRICS}): an embed run that asks for them carries them among its metrics, a
 * run that does not has none, the parameter leaves the clips' cache alone, and {@code avlens eval --task retrieval
 * --record} records exactly the figures {@link RetrievalRunMetrics} gives for the table {@code avlens embed} wrote
 * (the figures it recorded before the stage computed them). CAVP-small on 10 AV-Shapes clips (seed 6).
 */
class RetrievalDatasetStageTest {

    private static final int CLIPS = 10;

    @TempDir
    static Path dir;
    private static Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = dir.resolve("shapes");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(CLIPS, 6).withSize(64).withTiming(8, 4),
                data, SynthProgress.NONE);
    }

    private static RunnerService runner() {
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory())), Map.of());
        runner.addTask(new CavpEmbedTask());
        runner.addDatasetTask(new EmbeddingTableTask());
        return runner;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        XmiProjectStore store = new XmiProjectStore();
        RunnerService runner = runner();
        BuiltinModels builtin = BuiltinModels.of(new CavpShippedModel());
        List<CliCommand> commands = List.of(new EmbedCommand(runner, builtin, store),
                new EvalCommand(runner, builtin, store));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", dir.resolve("models").toString(), "--cache", dir.resolve("cache").toString()));
        return new CommandDispatcher(commands).execute(all, new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void evalRecordsTheDatasetStagesFiguresWhichAreTheTablesRetrievalFigures() throws Exception {
        Path e = dir.resolve("E");
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--out", e.toString()))
                .as(err()).isZero();
        EmbeddingTable table = EmbeddingFiles.read(e);
        Map<String, Double> expected = RetrievalRunMetrics.of(table.size(), Retrieval.all(table,
                RetrievalRunMetrics.RELEVANCES));

        XmiProjectStore store = new XmiProjectStore();
        Path project = dir.resolve("P");
        store.create(project, "retrieval by the dataset stage");
        assertThat(run("eval", "--task", "retrieval", "--model", "cavp-small", "--data", data.toString(), "--record",
                project.toString())).as(err()).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("cachedClips").getAsInt()).as("the parameter is no part of the clips' cache key")
                .isEqualTo(CLIPS);
        io.avlens.model.Run recorded = store.open(project).findExperiment("retrieval-cavp-small").getRuns().get(0);
        Map<String, Double> metrics = new LinkedHashMap<>();
        recorded.getMetrics().forEach(m -> metrics.put(m.getName(), m.getValue()));
        assertThat(metrics).as("the same figures, in the same order").containsExactlyEntriesOf(expected);
        System.out.println("eval --record, by the dataset stage: " + metrics);
    }

    @Test
    void anEmbedRunCarriesRetrievalFiguresOnlyWhenItsExperimentAsks() throws Exception {
        RunnerService runner = runner();
        RunSettings settings = new RunSettings("cpu", 0, 0, null, dir.resolve("cache"), dir.resolve("models"));
        BuiltinModels.of(new CavpShippedModel()).install(dir.resolve("models"));
        List<ClipRef> refs = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            Path media = data.resolve("media").resolve(String.format("clip-%05d.mp4", i));
            Map<String, String> labels = new LinkedHashMap<>(AvShapesLabels.read(AvShapesLabels.sidecar(media)));
            labels.put(EmbeddingGather.NARRATION, AvShapesLabels.narration(AvShapesLabels.sidecar(media)));
            refs.add(new ClipRef(String.format("clip-%05d", i), media, null, labels));
        }
        var model = ExperimentSnapshots.model(dir.resolve("models"), "cavp-small");
        RunOutcome plain = runner.run(new RunSnapshot(dir.resolve("W1"), "embed", EmbeddingTableTask.KIND,
                List.of(model), refs, Map.of(), 0, List.of()), settings, new NullProgressMonitor());
        assertThat(plain.metrics()).containsKey("embeddedClips").doesNotContainKey("audio→video R@1");
        RunOutcome scored = runner.run(new RunSnapshot(dir.resolve("W2"), "embed", EmbeddingTableTask.KIND,
                List.of(model), refs, Map.of(EmbeddingTableTask.RETRIEVAL_METRICS, true), 0, List.of()), settings,
                new NullProgressMonitor());
        assertThat(scored.metrics().get("cachedClips")).isEqualTo((double) CLIPS);
        EmbeddingTable table = EmbeddingFiles.read(scored.datasets().get(0).folder());
        Map<String, Double> expected = RetrievalRunMetrics.of(table);
        assertThat(expected).hasSize(1 + 2 * 2 * 5);
        assertThat(scored.metrics()).containsAllEntriesOf(expected);

        // the experiment editor and the project's checks know the parameter of the embed kind
        TaskParameterCatalog catalog = new TaskParameterCatalog();
        catalog.addTask(new CavpEmbedTask());
        catalog.addDatasetTask(new EmbeddingTableTask());
        assertThat(catalog.parameters("embed").orElseThrow()).contains(new ExperimentParameterCatalog.Declared(
                EmbeddingTableTask.RETRIEVAL_METRICS, "BOOLEAN", "false", new EmbeddingTableTask().parameters().get(0)
                        .doc()));
    }
}
