package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.Discovery;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpEmbedTask;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens embed} and {@code avlens eval --task retrieval|discovery} with CAVP-small's embed task on a tiny
 * AV-Shapes dataset (10 clips, dataset seed 4): the table, its Parquet and projector copies, the cache on a rerun,
 * and bad input that writes nothing.
 */
class EmbedCommandsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = shared.resolve("shapes");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(10, 4).withSize(64).withTiming(8, 4),
                data, SynthProgress.NONE);
        Path other = Files.createDirectories(shared.resolve("models/fixture-conv"));
        for (String name : List.of("model.json", "conv_traced.pt")) {
            try (InputStream in = EmbedCommandsTest.class.getResourceAsStream("/resources/models/fixture-conv/"
                    + name)) {
                Files.copy(in, other.resolve(name));
            }
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory())), Map.of());
        runner.addTask(new CavpEmbedTask());
        runner.addDatasetTask(new EmbeddingTableTask());
        BuiltinModels builtin = BuiltinModels.of(new CavpShippedModel());
        XmiProjectStore store = new XmiProjectStore();
        List<CliCommand> commands = List.of(new EmbedCommand(runner, builtin, store),
                new EvalCommand(runner, builtin, store));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", shared.resolve("models").toString()));
        if (!all.contains("--cache")) {
            all.addAll(List.of("--cache", shared.resolve("cache").toString()));
        }
        return new CommandDispatcher(commands).execute(all, new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void embedWritesATableWithLabelsParquetAndProjectorAndARerunComesFromTheCache() throws Exception {
        Path cache = dir.resolve("own-cache");
        Path e = dir.resolve("E");
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--out", e.toString(),
                "--cache", cache.toString())).as(err()).isZero();
        JsonObject first = json();
        assertThat(first.get("n").getAsInt()).isEqualTo(10);
        assertThat(first.get("cachedClips").getAsInt()).isZero();
        EmbeddingTable table = EmbeddingFiles.read(e);
        assertThat(table.size()).isEqualTo(10);
        assertThat(table.modalities()).containsExactly("audio", "video");
        assertThat(table.model()).isEqualTo("cavp-small");
        for (int i = 0; i < table.size(); i++) {
            EmbeddingItem item = table.item(i);
            assertThat(item.id()).isEqualTo(String.format("clip-%05d", i));
            assertThat(item.split()).isIn("train", "val", "test");
            assertThat(item.narration()).isNotBlank();
            assertThat(item.label("material")).isNotEmpty();
            assertThat(item.label("action")).isNotEmpty();
            assertThat(item.label("soundingAction")).isIn("true", "false");
            assertThat(Double.parseDouble(item.label("sim:audio-video")))
                    .isCloseTo(table.similarity(i, 0, 1), within(1e-6));
            for (int m = 0; m < 2; m++) {
                double norm = 0;
                for (float f : table.vector(i, m)) {
                    norm += f * f;
                }
                assertThat(norm).as("L2-normalised").isCloseTo(1.0, within(1e-4));
            }
        }
        JsonObject description = EmbeddingFiles.description(e);
        assertThat(description.get("command").getAsString()).startsWith("avlens embed --model cavp-small");
        assertThat(description.get("split").getAsString()).isEqualTo("all");
        assertThat(e.resolve("consensus.npy")).as("no text modality, no consensus").doesNotExist();
        assertThat(Files.readAllLines(e.resolve("projector/vectors.tsv"))).hasSize(10 * 2);
        assertThat(Files.readAllLines(e.resolve("projector/metadata.tsv"))).hasSize(10 * 2 + 1);

        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> r = new ParquetReader.Builder<Group>(new LocalInputFile(e.resolve("items.parquet")),
                new PlainParquetConfiguration()) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                rows.add(g);
            }
        }
        assertThat(rows).hasSize(10);
        assertThat(rows.get(3).getString("id", 0)).isEqualTo(table.item(3).id());
        assertThat(rows.get(3).getString("material", 0)).isEqualTo(table.item(3).label("material"));
        assertThat(rows.get(3).getDouble("sim:audio-video", 0)).isCloseTo(table.similarity(3, 0, 1), within(1e-6));
        // the agreement of every clip, as the analysis computes it from the written vectors
        double[] agreement = io.avlens.analysis.embedding.Agreement.of(table, 0.05);
        assertThat(rows.get(3).getDouble("agreement", 0)).isCloseTo(agreement[3], within(1e-5));
        assertThat(Double.parseDouble(table.item(7).label("agreement"))).isCloseTo(agreement[7], within(1e-5));

        // a second run (here into the same folder, which it replaces) finds every clip in the cache
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--split", "train", "--out",
                e.toString(), "--cache", cache.toString())).as(err()).isZero();
        assertThat(json().get("cachedClips").getAsInt()).isEqualTo(json().get("n").getAsInt()).isPositive();
        EmbeddingTable train = EmbeddingFiles.read(e);
        assertThat(train.items()).allSatisfy(i -> assertThat(i.split()).isEqualTo("train"));
        int index = table.items().indexOf(table.items().stream().filter(i -> i.id().equals(train.item(0).id()))
                .findFirst().orElseThrow());
        assertThat(train.vector(0, 1)).containsExactly(table.vector(index, 1));
        assertThat(err()).contains("embed: [");
        try (var s = Files.list(e)) { // the table is written into a hidden folder in E/ first, then moved in
            assertThat(s.map(p -> p.getFileName().toString())).as("no staging folder left")
                    .noneMatch(n -> n.startsWith(EmbeddingOutput.STAGING));
        }
    }

    @Test
    void theBundlesRegisterTheCommandAndTheFamilyNeutralDatasetStage() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(CommandDispatcher.class)
                .getBundleContext();
        var commands = new org.osgi.util.tracker.ServiceTracker<CommandDispatcher, CommandDispatcher>(context,
                CommandDispatcher.class, null);
        commands.open();
        CommandDispatcher d = commands.waitForService(20_000);
        long end = System.nanoTime() + 20_000_000_000L;
        while (d.specs().stream().noneMatch(s -> s.name().equals("embed")) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(d.specs()).extracting(io.avlens.cli.command.CommandSpec::name).contains("embed", "eval");
        assertThat(awaitService(context, io.avlens.runner.task.DatasetTask.class,
                t -> t.kind().equals("embed") && t.supports("mc3"))).as("a dataset stage for every family").isTrue();
        assertThat(awaitService(context, io.avlens.runner.task.ClipTask.class,
                t -> t.kind().equals("embed") && t.supports("cavp"))).as("CAVP's embed task").isTrue();
        commands.close();
    }

    private static <T> boolean awaitService(org.osgi.framework.BundleContext context, Class<T> type,
            java.util.function.Predicate<T> wanted) throws InterruptedException {
        var tracker = new org.osgi.util.tracker.ServiceTracker<T, T>(context, type, null);
        tracker.open();
        try {
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end) {
                if (tracker.getTracked().values().stream().anyMatch(wanted)) {
                    return true;
                }
                Thread.sleep(50);
            }
            return false;
        } finally {
            tracker.close();
        }
    }

    @Test
    void badInputExitsTwoNamingTheProblemAndWritesNothing() throws Exception {
        Path e = dir.resolve("E");
        assertThat(run("embed", "--model", "nope", "--data", data.toString(), "--out", e.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown model 'nope'");
        assertThat(run("embed", "--model", "fixture-conv", "--data", data.toString(), "--out", e.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("no embed task is installed for model fixture-conv of family 'fixture'");
        assertThat(run("embed", "--model", "cavp-small", "--data", dir.resolve("none").toString(), "--out",
                e.toString())).isEqualTo(2);
        assertThat(err()).contains("none: no such folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("embed", "--model", "cavp-small", "--data", empty.toString(), "--out", e.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("empty: no .mp4 clips");
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--split", "holdout", "--out",
                e.toString())).isEqualTo(2);
        assertThat(err()).contains("no clips in a split 'holdout'").contains("train");
        assertThat(e).doesNotExist();
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--out", other.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("other: holds other files and no embedding table");
        try (var s = Files.list(other)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void aDamagedClipIsReportedByNameAndTheOthersAreEmbedded() throws Exception {
        // three good clips and one that is not a video at all, in a plain folder (no project)
        Path mixed = ShapesClips.copyFirst(data, 3, dir.resolve("mixed"));
        Path broken = mixed.resolve("clip-broken.mp4");
        Files.write(broken, "this is not a video".getBytes(StandardCharsets.UTF_8));
        Path e = dir.resolve("E");
        Path cache = dir.resolve("cache");
        assertThat(run("embed", "--model", "cavp-small", "--data", mixed.toString(), "--out", e.toString(),
                "--cache", cache.toString())).as(err()).isZero();
        JsonObject result = json();
        assertThat(result.get("n").getAsInt()).isEqualTo(3);
        assertThat(result.get("clips").getAsInt()).isEqualTo(4);
        assertThat(result.getAsJsonArray("failed")).hasSize(1);
        JsonObject failure = result.getAsJsonArray("failed").get(0).getAsJsonObject();
        assertThat(failure.get("clip").getAsString()).endsWith("clip-broken.mp4");
        assertThat(failure.get("message").getAsString()).as("says what is wrong with it").isNotBlank();
        assertThat(err()).contains("1 failed");
        assertThat(EmbeddingFiles.read(e).items()).extracting(EmbeddingItem::id)
                .containsExactly("clip-00000", "clip-00001", "clip-00002");

        // a folder of damaged clips only: an error naming the clips' problem, and nothing written
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.copy(broken, bad.resolve("clip-a.mp4"));
        Path f = dir.resolve("F");
        int code = run("embed", "--model", "cavp-small", "--data", bad.toString(), "--out", f.toString(), "--cache",
                cache.toString());
        assertThat(code).as(err()).isEqualTo(2);
        assertThat(err()).contains("clip-a.mp4");
        assertThat(f).doesNotExist();
    }

    @Test
    void aProjectClipWithABrokenLocationIsNamedAsTheProjectFilesProblem() throws Exception {
        Path copy = dir.resolve("copy");
        try (var files = Files.walk(data)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(data.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        XmiProjectStore store = new XmiProjectStore();
        io.avlens.model.Project project = store.open(copy);
        io.avlens.model.Clip clip = project.getDatasets().get(0).getClips().get(0);
        clip.setMediaLocation("/data/a.mp4"); // neither relative nor a file URI
        store.save(project);
        Path e = dir.resolve("E");
        assertThat(run("embed", "--model", "cavp-small", "--data", copy.toString(), "--out", e.toString()))
                .as(err()).isEqualTo(2);
        assertThat(err()).contains(copy.resolve("project.avlens") + ": clip '" + clip.getId()
                + "' has a broken media location").doesNotContain("internal error");
        assertThat(e).doesNotExist();
    }

    @Test
    void evalPrintsRetrievalInEveryDirectionAndDiscoveryByThePair() throws Exception {
        assertThat(run("eval", "--task", "retrieval", "--model", "cavp-small", "--data", data.toString()))
                .as(err()).isZero();
        JsonObject r = json();
        assertThat(r.get("task").getAsString()).isEqualTo("retrieval");
        assertThat(r.get("n").getAsInt()).isEqualTo(10);
        assertThat(r.getAsJsonArray("directions")).hasSize(4);
        List<String> seen = new ArrayList<>();
        for (JsonElement d : r.getAsJsonArray("directions")) {
            JsonObject o = d.getAsJsonObject();
            seen.add(o.get("direction").getAsString() + " " + o.get("relevance").getAsString());
            assertThat(o.get("recallAt1").getAsDouble()).isBetween(0.0, 1.0);
            assertThat(o.get("recallAt10").getAsDouble()).isEqualTo(1.0);
            assertThat(o.get("medianRank").getAsDouble()).isBetween(1.0, 10.0);
            assertThat(o.getAsJsonObject("chance").has("mAP")).isTrue();
        }
        assertThat(seen).containsExactly("audio→video sameClip", "audio→video same:material+action",
                "video→audio sameClip", "video→audio same:material+action");
        assertThat(r.getAsJsonArray("directions").get(0).getAsJsonObject().get("n").getAsInt()).isEqualTo(10);
        assertThat(r.getAsJsonArray("directions").get(0).getAsJsonObject().getAsJsonObject("chance")
                .get("recallAt1").getAsDouble()).isCloseTo(0.1, within(1e-9));

        assertThat(run("eval", "--task", "discovery", "--model", "cavp-small", "--data", data.toString()))
                .as(err()).isZero();
        JsonObject d = json();
        assertThat(d.get("rankedBy").getAsString()).isEqualTo("audio-video");
        assertThat(d.get("note").getAsString()).contains("no text modality");
        assertThat(d.get("ap").getAsDouble()).isEqualTo(d.getAsJsonObject("pairs").get("audio-video").getAsDouble());
        assertThat(d.get("positiveShare").getAsDouble() * d.get("n").getAsInt())
                .isCloseTo(d.get("positives").getAsInt(), within(1e-6));
        assertThat(d.get("cachedClips").getAsInt()).as("the retrieval run's clips").isEqualTo(10);
        // the agreement ranking: the AP the analysis gives on the vectors `avlens embed` writes for the same clips
        Path e = dir.resolve("E-all");
        assertThat(run("embed", "--model", "cavp-small", "--data", data.toString(), "--out", e.toString()))
                .as(err()).isZero();
        Discovery.Scores expected = Discovery.score(EmbeddingFiles.read(e), AvShapesLabels.SOUNDING_ACTION);
        JsonObject agreement = d.getAsJsonObject("agreement");
        assertThat(agreement.get("ap").getAsDouble()).isCloseTo(expected.agreementAp(), within(1e-6));
        assertThat(agreement.getAsJsonObject("pairs").get("audio-video").getAsDouble())
                .isCloseTo(expected.agreementPairs().get("audio-video"), within(1e-6));
    }

    @Test
    void evalRecordsRetrievalAsARunOfTheProject() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Path project = dir.resolve("P");
        store.create(project, "retrieval records");

        assertThat(run("eval", "--task", "retrieval", "--model", "cavp-small", "--data", data.toString(), "--record",
                project.toString())).as(err()).isZero();
        JsonObject r = json();
        JsonObject recorded = r.getAsJsonObject("recorded");
        assertThat(recorded.get("experiment").getAsString()).isEqualTo("retrieval-cavp-small");
        String runId = recorded.get("run").getAsString();
        assertThat(runId).startsWith("retrieval-cavp-small-");

        // the project, read again: the experiment and its run with the printed figures as metrics
        io.avlens.model.Project p = store.open(project);
        io.avlens.model.Experiment e = p.findExperiment("retrieval-cavp-small");
        assertThat(e).isNotNull();
        assertThat(e.getKind()).isEqualTo("embed");
        assertThat(e.getRuns()).singleElement().satisfies(run -> {
            assertThat(run.getId()).isEqualTo(runId);
            assertThat(run.getStatus()).isEqualTo(io.avlens.model.RunStatus.SUCCEEDED);
        });
        io.avlens.model.Run run = e.getRuns().get(0);
        java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        run.getMetrics().forEach(m -> metrics.put(m.getName(), m.getValue()));
        JsonObject a2v = r.getAsJsonArray("directions").get(0).getAsJsonObject();
        JsonObject a2vLabels = r.getAsJsonArray("directions").get(1).getAsJsonObject();
        // the printed figures are rounded to 6 digits, the recorded ones are not
        assertThat(metrics).containsEntry("n", 10.0).hasSize(1 + 4 * 5);
        assertThat(metrics.get("audio→video R@1")).isCloseTo(a2v.get("recallAt1").getAsDouble(), within(1e-6));
        assertThat(metrics.get("audio→video R@10")).isCloseTo(a2v.get("recallAt10").getAsDouble(), within(1e-6));
        assertThat(metrics.get("audio→video mAP")).isCloseTo(a2v.get("mAP").getAsDouble(), within(1e-6));
        assertThat(metrics.get("audio→video median rank")).isCloseTo(a2v.get("medianRank").getAsDouble(),
                within(1e-6));
        assertThat(metrics.get("audio→video R@1 (material+action)")).isCloseTo(a2vLabels.get("recallAt1")
                .getAsDouble(), within(1e-6));
        // its log is run.json in the project's runs folder, with the same figures
        Path log = project.resolve(run.getLogLocation());
        assertThat(log).isEqualTo(project.resolve("runs").resolve(runId).resolve("run.json"));
        JsonObject json = JsonParser.parseString(Files.readString(log)).getAsJsonObject();
        assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(json.getAsJsonObject("metrics").get("audio→video R@1").getAsDouble())
                .isEqualTo(metrics.get("audio→video R@1"));
        assertThat(json.getAsJsonObject("measured").getAsJsonArray("directions")).hasSize(4);
        assertThat(io.avlens.runner.RunFolders.leftBehind(project, List.of(runId))).as("nothing left behind")
                .isEmpty();
        assertThat(store.validate(p)).noneMatch(v -> v.severity() == io.avlens.model.store.ValidationProblem
                .Severity.ERROR);

        // again: a second run of the same experiment, with its own id
        assertThat(run("eval", "--task", "retrieval", "--model", "cavp-small", "--data", data.toString(), "--record",
                project.toString())).as(err()).isZero();
        io.avlens.model.Project again = store.open(project);
        assertThat(again.getExperiments().stream().filter(x -> x.getId().equals("retrieval-cavp-small")))
                .hasSize(1);
        assertThat(again.findExperiment("retrieval-cavp-small").getRuns()).extracting(io.avlens.model.Run::getId)
                .hasSize(2).doesNotHaveDuplicates();

        // bad input: no project there, or a task that records nothing: exit 2 before anything runs
        assertThat(run("eval", "--task", "retrieval", "--model", "cavp-small", "--data", data.toString(), "--record",
                dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err()).contains("nowhere", "project.avlens", "no such project file");
        assertThat(run("eval", "--task", "discovery", "--model", "cavp-small", "--data", data.toString(), "--record",
                project.toString())).isEqualTo(2);
        assertThat(err()).contains("only --task retrieval records a run");
        assertThat(store.open(project).findExperiment("retrieval-cavp-small").getRuns()).hasSize(2);
    }
}
