package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.IoErrors;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ModelRunner;

/**
 * {@code avlens embed --model ID --data DIR [--split S] --out E/}: a dataset's clip embeddings, from any family with
 * an {@code embed} task, as one table with its metadata, Parquet and TensorBoard-projector copies
 * ({@link EmbeddingOutput}); resumable through the runner's cache, with a progress bar and Ctrl-C.
 */
@Component(service = CliCommand.class)
public class EmbedCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("embed",
            "embed every clip of a dataset with a model (audio, video, text vectors) into one table",
            """
            Runs the model's embed task (CAVP: the pooled audio and video features its contrastive loss compares;
            MC3: audio, video and narration) over the clips of DIR (DIR/media/*.mp4, else DIR/*.mp4; with --split
            NAME the clips that DIR's project.avlens puts in that split) through the model runner, whose cache makes
            a repeated or interrupted run reuse the clips already embedded. Writes into E/ (new, empty, or holding a
            table, which is replaced): embeddings.npy float32 [N, M, D] (L2-normalised), embeddings.json (model,
            modalities, dimension, count, data, split, command; written last), items.csv (id, media, split,
            narration, the AV-Shapes labels of a clip.json sidecar, sim:A-B per modality pair, agreement: how well
            the clip's modalities pick each other out of the table's clips, the smallest over the pairs of
            sqrt(p(y|x) p(x|y)) at temperature 0.05), items.parquet (the same table), consensus.npy float32 [N]
            (with a text modality: the smallest similarity of text to the other modalities), projector/vectors.tsv
            and projector/metadata.tsv (one row per clip and modality, for TensorBoard's projector). Prints
            {"model", "modalities", "dimension", "n", "out", "cachedClips", "failed", "seconds"}. Ctrl-C stops after
            the clip being computed; nothing is written to E/ then.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("data", "DIR", "the dataset folder"),
                    OptionSpec.optional("split", "NAME", "only the clips of this split of DIR's project"),
                    OptionSpec.required("out", "E", "the folder of the table"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProjectStore store;

    /** For DS. */
    public EmbedCommand() {
    }

    /** With given services (tests). */
    EmbedCommand(ModelRunner runner, BuiltinModels builtin, ProjectStore store) {
        this.runner = runner;
        this.builtin = builtin;
        this.store = store;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path out = context.resolve(arguments.required("out"));
        EmbeddingOutput.checkTarget(out);
        StderrProgress bar = new StderrProgress(context.err(), "embed");
        EmbeddingRun.Result r = context.interruption().cancels(bar, () -> EmbeddingRun.run("embed", arguments,
                context, runner, builtin, store, java.util.Map.of(), bar));
        bar.done();
        EmbeddingTable table = r.table();
        JsonObject extra = new JsonObject();
        extra.addProperty("data", r.data().folder().toString());
        extra.addProperty("split", r.data().split() == null ? "all" : r.data().split());
        extra.addProperty("command", command(arguments, r.data().split()));
        extra.addProperty("weightsSha256", r.model().descriptor().sha256());
        try {
            EmbeddingOutput.write(out, table, extra);
        } catch (IOException e) {
            throw new CommandException(out + ": cannot write the table: " + IoErrors.describe(e),
                    CommandException.BAD_INPUT, e);
        }
        JsonArray failed = EvalReport.failures(r.outcome());
        JsonObject json = new JsonObject();
        json.addProperty("model", table.model());
        JsonArray modalities = new JsonArray();
        table.modalities().forEach(modalities::add);
        json.add("modalities", modalities);
        json.addProperty("dimension", table.dimension());
        json.addProperty("n", table.size());
        json.addProperty("clips", r.data().clips().size());
        json.addProperty("out", out.toString());
        json.addProperty("table", out.resolve(EmbeddingFiles.DESCRIPTION).toString());
        json.addProperty("cachedClips", r.cachedClips());
        json.add("failed", failed);
        json.addProperty("seconds", Math.round(r.outcome().seconds() * 1000) / 1000.0);
        context.printJson(json);
        context.err().println(String.format(Locale.ROOT, "embed: %d clips x %s of dimension %d into %s (%d from the"
                + " cache, %d failed)", table.size(), table.modalities(), table.dimension(), out, r.cachedClips(),
                failed.size()));
        return 0;
    }

    /** The command line that reproduces the table, for {@code embeddings.json}. */
    static String command(ParsedArguments arguments, String split) {
        StringBuilder b = new StringBuilder("avlens embed --model ").append(arguments.required("model"))
                .append(" --data ").append(arguments.required("data"));
        if (split != null) {
            b.append(" --split ").append(split);
        }
        return b.toString();
    }
}
