package io.avlens.models.mc3;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.avlens.analysis.embedding.Agreement;
import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.Discovery;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.Ranking;
import io.avlens.inference.InferenceException;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.TrainSplit;
import io.avlens.models.training.TrainingMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures MC3-small is judged by, on a folder of AV-Shapes clips: cross-modal retrieval in all six directions
 * (relevance: the same clip; Recall@1/5/10 and median rank over the whole gallery) and sounding-action discovery
 * (clips ranked by the consensus with the anchor the model was trained with, {@link Mc3Descriptor#anchor}, e.g.
 * {@code min(sim(l,a), sim(l,v))} for the text; average precision against {@link AvShapesLabels#SOUNDING_ACTION},
 * with the positive share, i.e. the AP of a random ranking, beside it, and the AP of every anchor's consensus in
 * {@code apConsensusByAnchor}, so models trained with different anchors compare on the same ranking; and the AP of
 * ranking by the {@link Agreement}, in {@code agreement}).
 * A plain-Java harness (until {@code avlens eval --task retrieval|discovery} exists):
 * {@code java -cp … io.avlens.models.mc3.Mc3Evaluation --model mc3-small.json --data DIR [--split test]
 * [--threads N]} prints one JSON object. Stateless.
 */
public final class Mc3Evaluation {

    private static final String[] NAMES = {"audio", "video", "text"};

    private Mc3Evaluation() {
    }

    /** The figures of {@code embedder}, with the text anchor, on the clips of {@code files}. */
    public static JsonObject evaluate(Mc3Embedder embedder, Path dir, List<Path> files) throws IOException,
            InferenceException {
        return evaluate(embedder, Mc3Loss.Anchor.TEXT, dir, files);
    }

    /**
     * The figures of {@code embedder} on the clips of {@code files} (media files of one data folder), discovery
     * ranked by the consensus with {@code anchor} (the model's, {@link Mc3Descriptor#anchor}).
     */
    public static JsonObject evaluate(Mc3Embedder embedder, Mc3Loss.Anchor anchor, Path dir, List<Path> files)
            throws IOException, InferenceException {
        List<Mc3Clip> clips = Mc3FamilyTrainer.load(dir, files, embedder.config(), TrainingMonitor.NONE);
        int n = clips.size();
        float[][][] z = new float[3][n][];
        for (int i = 0; i < n; i++) {
            float[][] av = embedder.embedClip(clips.get(i));
            z[0][i] = av[0];
            z[1][i] = av[1];
        }
        z[2] = embedder.embedTexts(clips.stream().map(Mc3Clip::narration).toList());
        JsonObject out = new JsonObject();
        out.addProperty("n", n);
        JsonObject retrieval = new JsonObject();
        for (int q = 0; q < 3; q++) {
            for (int g = 0; g < 3; g++) {
                if (q != g) {
                    retrieval.add(NAMES[q] + "->" + NAMES[g], retrieval(z[q], z[g]));
                }
            }
        }
        out.add("retrieval", retrieval);
        boolean[] sounding = new boolean[n];
        double[][] byAnchor = new double[Mc3Loss.Anchor.values().length][n];
        double[] al = new double[n];
        double[] av = new double[n];
        for (int i = 0; i < n; i++) {
            sounding[i] = Boolean.parseBoolean(AvShapesLabels.read(AvShapesLabels.sidecar(files.get(i)))
                    .get(AvShapesLabels.SOUNDING_ACTION));
            al[i] = Mc3Embedder.similarity(z[0][i], z[2][i]);
            av[i] = Mc3Embedder.similarity(z[0][i], z[1][i]);
            double vl = Mc3Embedder.similarity(z[1][i], z[2][i]);
            for (Mc3Loss.Anchor a : Mc3Loss.Anchor.values()) {
                byAnchor[a.ordinal()][i] = a.consensus(av[i], al[i], vl);
            }
        }
        JsonObject discovery = new JsonObject();
        discovery.addProperty("n", n);
        discovery.addProperty("positives", (int) Math.round(Ranking.positiveShare(sounding) * n));
        discovery.addProperty("positiveShare", Ranking.positiveShare(sounding));
        discovery.addProperty("anchor", anchor.modality());
        discovery.addProperty("apConsensus", Ranking.averagePrecision(byAnchor[anchor.ordinal()], sounding));
        JsonObject anchors = new JsonObject();
        for (Mc3Loss.Anchor a : Mc3Loss.Anchor.values()) {
            anchors.addProperty(a.modality(), Ranking.averagePrecision(byAnchor[a.ordinal()], sounding));
        }
        discovery.add("apConsensusByAnchor", anchors);
        discovery.addProperty("apSimAudioText", Ranking.averagePrecision(al, sounding));
        discovery.addProperty("apSimAudioVideo", Ranking.averagePrecision(av, sounding));
        discovery.add("agreement", agreement(z, sounding));
        out.add("discovery", discovery);
        return out;
    }

    /**
     * The figures of the weights of {@code descriptor}, discovery ranked by the consensus with the anchor they were
     * trained with ({@link Mc3Descriptor#anchor}; the text for weights that name none).
     *
     * @throws InferenceException naming the file when the descriptor, its anchor or the weights cannot be used
     */
    public static JsonObject evaluate(Path descriptor, Path dir, List<Path> files, int threads) throws IOException,
            InferenceException {
        Mc3Loss.Anchor anchor;
        try {
            anchor = Mc3Descriptor.anchor(ModelDescriptors.read(descriptor));
        } catch (IllegalArgumentException e) {
            throw new InferenceException(descriptor + ": " + e.getMessage(), e);
        }
        try (Mc3Embedder embedder = Mc3Embedder.open(descriptor, threads)) {
            return evaluate(embedder, anchor, dir, files);
        }
    }

    /**
     * The discovery AP of ranking by {@link Agreement} at {@link Agreement#TEMPERATURE}: the smallest over the
     * pairs, and each pair alone (as {@code avlens eval --task discovery} prints it).
     */
    private static JsonObject agreement(float[][][] z, boolean[] sounding) {
        int n = sounding.length;
        int d = z[0][0].length;
        float[] values = new float[n * 3 * d];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < 3; m++) {
                System.arraycopy(z[m][i], 0, values, (i * 3 + m) * d, d);
            }
            items.add(new EmbeddingItem("c" + i, "", "", "", Map.of(AvShapesLabels.SOUNDING_ACTION,
                    Boolean.toString(sounding[i]))));
        }
        Discovery.Scores s = Discovery.score(new EmbeddingTable("mc3", List.of(NAMES), d, values, items),
                AvShapesLabels.SOUNDING_ACTION);
        JsonObject o = new JsonObject();
        o.addProperty("temperature", s.temperature());
        o.addProperty("ap", s.agreementAp());
        JsonObject pairs = new JsonObject();
        s.agreementPairs().forEach(pairs::addProperty);
        o.add("pairs", pairs);
        return o;
    }

    /** Recall@1/5/10 and median rank (1-based) of each query's own item among all gallery items. */
    static JsonObject retrieval(float[][] queries, float[][] gallery) {
        int n = queries.length;
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            double own = Mc3Embedder.similarity(queries[i], gallery[i]);
            int rank = 1;
            for (int j = 0; j < n; j++) {
                double s = Mc3Embedder.similarity(queries[i], gallery[j]);
                if (j != i && s >= own) { // ties count against the query
                    rank++;
                }
            }
            ranks[i] = rank;
        }
        JsonObject o = new JsonObject();
        o.addProperty("n", n);
        for (int k : new int[] {1, 5, 10}) {
            int hits = 0;
            for (int r : ranks) {
                hits += r <= k ? 1 : 0;
            }
            o.addProperty("R@" + k, (double) hits / n);
        }
        int[] sorted = ranks.clone();
        Arrays.sort(sorted);
        o.addProperty("medianRank", n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
        return o;
    }

    /** See the class comment. Exit 2 on bad arguments or data, 1 when the model fails. */
    public static void main(String[] args) {
        String model = null;
        String data = null;
        String split = null;
        int threads = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = args[i + 1];
                case "--data" -> data = args[i + 1];
                case "--split" -> split = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (model == null || data == null) {
            System.err.println("usage: Mc3Evaluation --model DESCRIPTOR.json --data DIR [--split S] [--threads N]");
            System.exit(2);
        }
        Path dir = Path.of(data);
        try {
            List<Path> files = DenseAvData.clips(dir);
            if (split != null) {
                files = TrainSplit.select(dir, files, split);
            }
            JsonObject o = evaluate(Path.of(model), dir, new ArrayList<>(files), threads);
            o.addProperty("model", model);
            o.addProperty("data", data);
            o.addProperty("split", split == null ? "all" : split);
            System.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (InferenceException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
