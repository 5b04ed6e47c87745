package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.BuildMonitor;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.IndexFiles;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;

/**
 * {@code avlens retrieve}: the ranked hits of a clip query over an embedding table, as JSON; the same ranking the
 * retrieval inspector shows ({@link ClipRetrieval}).
 */
@Component(service = CliCommand.class)
public class RetrieveCommand implements CliCommand {

    private static final Set<String> MODALITIES = Set.of("audio", "video", "text");

    private static final CommandSpec SPEC = new CommandSpec("retrieve",
            "rank the clips of an embedding table by similarity to a query clip",
            """
            Reads the embedding table in --index DIR (embeddings.npy, embeddings.json, items.csv, as avlens embed
            writes it) and ranks every clip's --to vector by cosine similarity with the --from vector of the clip
            --query-clip ID. Prints {"index", "model", "query": {"id", "from", "media"}, "to", "k", "search",
            "hits": [{"rank", "id", "score", "media", "isQuery", "sameMaterial", "sameAction"}]}; sameMaterial and
            sameAction are null when the table has no such labels. --approximate searches the jvector index saved
            beside the table (index-<to>.jvector and .json), building it first when it is missing or was built for
            other vectors (progress on stderr; "indexRecallAt10" is its recall@10 against exact search, measured
            when it was built). --query-text and --query-file need a model's text, audio and video encoders, which
            AV Lens does not have yet: they are refused (exit 2).
            """,
            List.of(OptionSpec.required("index", "DIR", "the embedding table's folder"),
                    OptionSpec.optional("query-clip", "ID", "the query clip's id"),
                    OptionSpec.optional("query-text", "TEXT", "(needs a text encoder: not available yet)"),
                    OptionSpec.optional("query-file", "FILE", "(needs an audio/video encoder: not available yet)"),
                    OptionSpec.optional("from", "MODALITY", "the query clip's modality: audio, video or text"),
                    OptionSpec.required("to", "MODALITY", "the modality searched: audio, video or text"),
                    OptionSpec.optional("k", "N", "hits to print (default 10)"),
                    OptionSpec.flag("approximate", "search the approximate index (built when missing)")),
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        if (arguments.value("query-text", null) != null || arguments.value("query-file", null) != null) {
            throw new CommandException("--query-text and --query-file need a model's text, audio and video"
                    + " encoders, which AV Lens does not have yet; query by --query-clip ID");
        }
        String clip = arguments.value("query-clip", null);
        if (clip == null) {
            throw new CommandException("give the query with --query-clip ID (and --from MODALITY)");
        }
        String from = modality(arguments.value("from", null), "--from");
        String to = modality(arguments.required("to"), "--to");
        int k = arguments.intValue("k", 10, 1, 100_000);
        Path dir = context.resolve(arguments.required("index"));
        if (!Files.isDirectory(dir)) {
            throw new CommandException(dir + ": is not a folder");
        }
        EmbeddingTable table;
        try {
            table = EmbeddingFiles.read(dir);
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        for (String m : List.of(from, to)) {
            if (!table.modalities().contains(m)) {
                throw new CommandException(dir.resolve(EmbeddingFiles.DESCRIPTION) + ": the table has no '" + m
                        + "' vectors; it has " + table.modalities());
            }
        }
        ClipRetrieval retrieval = new ClipRetrieval(table, dir);
        JsonObject json = new JsonObject();
        json.addProperty("index", dir.toString());
        json.addProperty("model", table.model());
        try {
            JsonObject query = new JsonObject();
            query.addProperty("id", clip);
            query.addProperty("from", from);
            query.addProperty("media", table.item(retrieval.row(clip)).media());
            json.add("query", query);
            json.addProperty("to", to);
            json.addProperty("k", k);
            List<RetrievalHit> hits;
            if (arguments.flag("approximate")) {
                ClipRetrieval.Approximate a = retrieval.approximate(clip, from, to, k,
                        Runtime.getRuntime().availableProcessors(), progress(context));
                hits = a.hits();
                json.addProperty("search", "approximate");
                json.addProperty("indexBuilt", a.built());
                json.addProperty("indexRecallAt10", IndexFiles.description(dir, to).get("recallAt10").getAsDouble());
            } else {
                hits = retrieval.exact(clip, from, to, k);
                json.addProperty("search", "exact");
            }
            json.add("hits", hitsJson(hits));
        } catch (IllegalArgumentException e) {
            throw new CommandException(dir.resolve(EmbeddingFiles.ITEMS) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        context.printJson(json);
        return 0;
    }

    private static String modality(String value, String option) throws CommandException {
        if (value == null || !MODALITIES.contains(value)) {
            throw new CommandException(option + " must be audio, video or text"
                    + (value == null ? "" : ", not '" + value + "'"));
        }
        return value;
    }

    private static JsonArray hitsJson(List<RetrievalHit> hits) {
        JsonArray array = new JsonArray();
        for (RetrievalHit h : hits) {
            JsonObject o = new JsonObject();
            o.addProperty("rank", h.rank());
            o.addProperty("id", h.id());
            o.addProperty("score", h.score());
            o.addProperty("media", h.media());
            o.addProperty("isQuery", h.isQuery());
            o.addProperty("sameMaterial", h.sameMaterial());
            o.addProperty("sameAction", h.sameAction());
            array.add(o);
        }
        return array;
    }

    private static BuildMonitor progress(CommandContext context) {
        StderrProgress bar = new StderrProgress(context.err(), "retrieve: building the approximate index");
        bar.beginTask("index", 1000);
        return new BuildMonitor() {
            private double shown;

            @Override
            public void progress(String phase, long done, long total) {
                bar.subTask(phase);
                double share = "linking rows".equals(phase) ? 0.9 * done / Math.max(1, total) : 0.9;
                if (share > shown) {
                    bar.internalWorked(1000 * (share - shown));
                    shown = share;
                }
                if ("measuring recall@10".equals(phase)) {
                    bar.done();
                }
            }
        };
    }
}
