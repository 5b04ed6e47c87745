package io.avlens.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.model.Artifact;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunRecords;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;
import io.avlens.runner.RunnerException;

/** {@code avlens run --project DIR --experiment ID}: runs an experiment and records the run in the project. */
@Component(service = CliCommand.class)
public class RunCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("run",
            "run an experiment's models on its clips and record the run in the project",
            """
            Runs every model of experiment ID on its selected clips (the listed clips, else the split, else the
            whole dataset) and writes the artifacts to DIR/runs/<run-id>/<model>/<clip>/ with run.json beside them
            (parameters, seed, model and weights SHA-256, device, timings, per-clip and run metrics, status).
            Models are found by id in the models folder (the built-in ones are installed there first), else by the
            project's weights location. Results are
            cached by model, media content, parameters and task version, so running again is near-instant. A
            progress bar goes to stderr. The run is added to the experiment and the project saved (the previous
            file kept as project.avlens.bak). Prints {"id", "status", "runFolder", "device", "seconds", "metrics",
            "artifacts": [{"name", "kind", "location", "shape", "dtype"}], "error"}. Exit 0 when the run
            succeeded, 1 when it failed (a clip that cannot be used, a model that does not load: "error" says
            which and why; the run is still recorded), 2 for bad input (no project, no such experiment, no model,
            no clips) with nothing written.
            """,
            RunnerOptions.with(List.of(OptionSpec.required("project", "DIR", "the project folder"),
                    OptionSpec.required("experiment", "ID", "the experiment to run"))),
            List.of());

    private ProjectStore store;
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public RunCommand() {
    }

    /** With given services (tests). */
    public RunCommand(ProjectStore store, ModelRunner runner) {
        this(store, runner, null);
    }

    /** With given services, built-in models installed into the models folder before a run (tests). */
    RunCommand(ProjectStore store, ModelRunner runner, BuiltinModels builtin) {
        this.store = store;
        this.runner = runner;
        this.builtin = builtin;
    }

    @Reference
    void setStore(ProjectStore projectStore) {
        this.store = projectStore;
    }

    @Reference
    void setRunner(ModelRunner modelRunner) {
        this.runner = modelRunner;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path folder = context.resolve(arguments.required("project"));
        String experimentId = arguments.required("experiment");
        RunSettings settings = RunnerOptions.settings("run", arguments, context);
        if (!ProjectStore.isProject(folder)) {
            throw new CommandException(ProjectStore.projectFile(folder) + ": no such project file"
                    + (Files.isDirectory(folder) ? "" : " (no such folder)"));
        }
        try {
            Project project = store.open(folder);
            Experiment experiment = project.findExperiment(experimentId);
            if (experiment == null) {
                throw new CommandException(ProjectStore.projectFile(folder) + ": no experiment '" + experimentId
                        + "'; experiments: " + project.getExperiments().stream().map(Experiment::getId).toList());
            }
            ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
            RunSnapshot snapshot;
            try {
                snapshot = ExperimentSnapshots.take(experiment, folder, settings.modelsFolder());
            } catch (RunnerException e) {
                throw new CommandException(e.getMessage());
            }
            StderrProgress bar = new StderrProgress(context.err(), "run");
            // Ctrl-C cancels the run; it stops after its current clip and is recorded as cancelled, clips kept
            Recorded done = context.interruption().cancels(bar, () -> {
                RunOutcome o = runner.run(snapshot, settings, bar);
                bar.done();
                Run r = RunRecords.toRun(o, experiment);
                experiment.getRuns().add(r);
                try {
                    // another program may have written the project during the run: take its changes over
                    return new Recorded(o, r, store.saveMerged(project));
                } catch (ProjectStoreException e) {
                    throw new CommandException(e.getMessage());
                }
            });
            RunOutcome outcome = done.outcome();
            Run run = done.run();
            MergeReport merged = done.merged();
            merged.conflicts().forEach(c -> context.err().println("run: kept this run's version: " + c));
            context.printJson(json(outcome, run));
            context.err().println(String.format(Locale.ROOT, "run: %s %s in %.1f s (%d clips, %d from the cache)",
                    outcome.runId(), outcome.state().literal(), outcome.seconds(), outcome.clips().size(),
                    outcome.clips().stream().filter(c -> c.cached()).count()));
            if (outcome.message() != null) {
                context.err().println("run: " + outcome.message());
            }
            return outcome.state() == RunState.SUCCEEDED ? 0 : CommandException.INTERNAL;
        } catch (ProjectStoreException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private static JsonObject json(RunOutcome outcome, Run run) {
        JsonObject json = new JsonObject();
        json.addProperty("id", outcome.runId());
        json.addProperty("status", outcome.state().literal());
        json.addProperty("runFolder", outcome.runFolder().toString());
        json.addProperty("device", outcome.device());
        json.addProperty("seconds", Math.round(outcome.seconds() * 1000) / 1000.0);
        JsonObject metrics = new JsonObject();
        for (Metric m : run.getMetrics()) {
            metrics.addProperty(m.getName(), m.getValue());
        }
        json.add("metrics", metrics);
        JsonArray artifacts = new JsonArray();
        for (Artifact a : run.getArtifacts()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", a.getName());
            o.addProperty("kind", a.getKind().getLiteral());
            o.addProperty("location", a.getLocation());
            JsonArray shape = new JsonArray();
            a.getShape().forEach(shape::add);
            o.add("shape", shape);
            o.addProperty("dtype", a.getDtype());
            artifacts.add(o);
        }
        json.add("artifacts", artifacts);
        json.addProperty("log", run.getLogLocation());
        json.addProperty("error", outcome.message());
        return json;
    }

    /** A run and its record, saved into the project. */
    private record Recorded(RunOutcome outcome, Run run, MergeReport merged) {
    }
}
