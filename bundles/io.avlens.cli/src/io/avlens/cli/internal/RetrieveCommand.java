package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.ClipEmbedding;
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
import io.avlens.models.BuiltinModels;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoders;

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
            when it was built). Instead of a clip of the table, the query may be --query-text "TEXT" (typed text,
            through the language encoder of the model that made the table, e.g. mc3-small) or --query-file FILE (an
            audio or video file from disk, embedded by that model as its embed task embeds a clip; --from picks the
            modality of its embedding); the model is found by the id in embeddings.json among the installed models
            (--models DIR, default $AVLENS_DATA/models). Then "query" is {"text"} or {"file", "from"}, no hit is the
            query and relevance is null. --start S --end E query by that time span of --query-file only ("where
            else does this sound happen?"): the model embeds the span as its embed task embeds a clip of only that
            span (MC3-small: padded with black frames and silence to its 4 s window when shorter, averaged over
            windows when longer; CAVP-small: the whole file through the model, the per-step features of the frames
            in the span max-pooled as a table row pools all of them); "query" then has "start" and "end". A model whose query encoders cannot embed a
            span (or that has none) is refused.
            """,
            List.of(OptionSpec.required("index", "DIR", "the embedding table's folder"),
                    OptionSpec.optional("query-clip", "ID", "the query clip's id"),
                    OptionSpec.optional("query-text", "TEXT", "typed text, through the table's model's language encoder"),
                    OptionSpec.optional("query-file", "FILE", "an audio or video file, embedded by the table's model"),
                    OptionSpec.optional("start", "SECONDS", "with --end: query by this time span of --query-file"),
                    OptionSpec.optional("end", "SECONDS", "the span's end (seconds from the file's start)"),
                    OptionSpec.optional("models", "DIR", "installed models (default $AVLENS_DATA/models)"),
                    OptionSpec.optional("from", "MODALITY", "the query clip's modality: audio, video or text"),
                    OptionSpec.required("to", "MODALITY", "the modality searched: audio, video or text"),
                    OptionSpec.optional("k", "N", "hits to print (default 10)"),
                    OptionSpec.flag("approximate", "search the approximate index (built when missing)")),
            List.of());

    private final List<QueryEncoders> encoders = new CopyOnWriteArrayList<>();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public RetrieveCommand() {
    }

    /** With given services (tests). */
    RetrieveCommand(List<QueryEncoders> encoders, BuiltinModels builtin) {
        this.encoders.addAll(encoders);
        this.builtin = builtin;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEncoders(QueryEncoders e) {
        encoders.add(e);
    }

    void removeEncoders(QueryEncoders e) {
        encoders.remove(e);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /**
     * A query from outside the table: typed text ({@code file} null) or a media file, encoded by the model that made
     * the table (found by its id among the installed models), then searched like a clip's vector.
     */
    private int runEncoded(ParsedArguments arguments, CommandContext context, Path file) throws CommandException {
        String to = modality(arguments.required("to"), "--to");
        String from = file == null ? "text" : modality(arguments.value("from", null), "--from");
        int k = arguments.intValue("k", 10, 1, 100_000);
        Path dir = context.resolve(arguments.required("index"));
        EmbeddingTable table = read(dir, List.of(to));
        if (file != null && !Files.isRegularFile(file)) {
            throw new CommandException(file + ": no such file");
        }
        Path modelsFolder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(modelsFolder, builtin, context);
        ModelTasks.Found model = ModelTasks.find(table.model(), modelsFolder, context);
        QueryEncoders factory = encoders.stream().filter(e -> e.supports(model.descriptor().family())).findFirst()
                .orElseThrow(() -> new CommandException("model " + table.model() + " (family "
                        + model.descriptor().family() + ") has no query encoders: query by --query-clip ID"));
        float[] q;
        JsonObject query = new JsonObject();
        double[] span = span(arguments, file);
        try (QueryEncoder encoder = factory.open(model.file())) {
            if (file == null) {
                if (!encoder.encodesText()) {
                    throw new CommandException("model " + table.model() + " has no language encoder: query by"
                            + " --query-clip ID or --query-file FILE");
                }
                String text = arguments.required("query-text");
                q = encoder.text(text);
                query.addProperty("text", text);
            } else {
                if (span != null && !encoder.encodesSpans()) {
                    throw new CommandException("model " + table.model() + " cannot embed a time span of a clip:"
                            + " query by the whole --query-file");
                }
                ClipEmbedding e = span == null ? encoder.media(file) : encoder.span(file, span[0], span[1]);
                int m = e.modalities().indexOf(from);
                if (m < 0) {
                    throw new CommandException("model " + table.model() + " embeds " + e.modalities() + ", not '"
                            + from + "'");
                }
                q = java.util.Arrays.copyOfRange(e.values(), m * e.dimension(), (m + 1) * e.dimension());
                query.addProperty("file", file.toString());
                query.addProperty("from", from);
                if (span != null) {
                    query.addProperty("start", span[0]);
                    query.addProperty("end", span[1]);
                }
            }
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        if (q.length != table.dimension()) {
            throw new CommandException("model " + table.model() + " gives " + q.length + " values, the table in "
                    + dir + " holds " + table.dimension() + ": it was made by another version of the model");
        }
        ClipRetrieval retrieval = new ClipRetrieval(table, dir);
        JsonObject json = new JsonObject();
        json.addProperty("index", dir.toString());
        json.addProperty("model", table.model());
        json.add("query", query);
        json.addProperty("to", to);
        json.addProperty("k", k);
        try {
            List<RetrievalHit> hits;
            if (arguments.flag("approximate")) {
                ClipRetrieval.Approximate a = retrieval.approximate(q, to, k,
                        Runtime.getRuntime().availableProcessors(), progress(context));
                hits = a.hits();
                json.addProperty("search", "approximate");
                json.addProperty("indexBuilt", a.built());
                json.addProperty("indexRecallAt10", IndexFiles.description(dir, to).get("recallAt10").getAsDouble());
            } else {
                hits = retrieval.exact(q, to, k);
                json.addProperty("search", "exact");
            }
            json.add("hits", hitsJson(hits));
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        context.printJson(json);
        return 0;
    }

    private static EmbeddingTable read(Path dir, List<String> modalities) throws CommandException {
        if (!Files.isDirectory(dir)) {
            throw new CommandException(dir + ": is not a folder");
        }
        EmbeddingTable table;
        try {
            table = EmbeddingFiles.read(dir);
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        for (String m : modalities) {
            if (!table.modalities().contains(m)) {
                throw new CommandException(dir.resolve(EmbeddingFiles.DESCRIPTION) + ": the table has no '" + m
                        + "' vectors; it has " + table.modalities());
            }
        }
        return table;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String text = arguments.value("query-text", null);
        String file = arguments.value("query-file", null);
        String clip = arguments.value("query-clip", null);
        if ((text != null ? 1 : 0) + (file != null ? 1 : 0) + (clip != null ? 1 : 0) != 1) {
            throw new CommandException("give one query: --query-clip ID (with --from), --query-text \"TEXT\" or"
                    + " --query-file FILE (with --from)");
        }
        if (text != null || clip != null) {
            span(arguments, null); // a span belongs to a file query
        }
        if (text != null) {
            return runEncoded(arguments, context, null);
        }
        if (file != null) {
            return runEncoded(arguments, context, context.resolve(file));
        }
        String from = modality(arguments.value("from", null), "--from");
        String to = modality(arguments.required("to"), "--to");
        int k = arguments.intValue("k", 10, 1, 100_000);
        Path dir = context.resolve(arguments.required("index"));
        EmbeddingTable table = read(dir, List.of(from, to));
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

    /** {@code --start}, {@code --end} as {start, end} seconds, or null without them; only for a file query. */
    private static double[] span(ParsedArguments arguments, Path file) throws CommandException {
        String start = arguments.value("start", null);
        String end = arguments.value("end", null);
        if (start == null && end == null) {
            return null;
        }
        if (start == null || end == null) {
            throw new CommandException("a time span needs both --start and --end (seconds)");
        }
        if (file == null) {
            throw new CommandException("--start and --end choose a time span of --query-file FILE");
        }
        double s;
        double e;
        try {
            s = Double.parseDouble(start);
            e = Double.parseDouble(end);
        } catch (NumberFormatException x) {
            throw new CommandException("--start and --end are seconds, not '" + start + "' and '" + end + "'");
        }
        if (!(s >= 0) || !(e > s) || !Double.isFinite(e)) {
            throw new CommandException(file + ": the span --start " + start + " --end " + end
                    + " must have 0 <= start < end");
        }
        return new double[] {s, e};
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
