package io.avlens.ui.embeddings.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.avlens.analysis.embedding.Agreement;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.core.color.ColorMap;

/**
 * The colour of every point for one variable of an embedding table: the modality, the consensus, a pair of
 * modalities' similarity, the split or any label. The {@link Agreement} label, and a variable whose values are
 * numbers of more than {@link #MAX_CATEGORIES} distinct values, are continuous (viridis from its minimum to its
 * maximum); any other is categorical (a qualitative palette, the most frequent categories first, the rest as
 * "other"). Immutable.
 */
public final class Colouring {

    /** The variable that colours points by their modality. */
    public static final String MODALITY = "modality";
    /** The variable that colours clips by MC3's consensus. */
    public static final String CONSENSUS = "consensus";
    /** The variable that colours clips by their split. */
    public static final String SPLIT = "split";
    /** Prefix of the pair-similarity variables, e.g. {@code similarity audio–video}. */
    public static final String SIMILARITY = "similarity ";
    /** Categories with colours of their own; the rest are "other". */
    public static final int MAX_CATEGORIES = 12;
    /** Qualitative palette (Tableau 10 and two more), ARGB. */
    static final int[] PALETTE = {0xFF4E79A7, 0xFFF28E2B, 0xFFE15759, 0xFF76B7B2, 0xFF59A14F, 0xFFEDC948,
        0xFFB07AA1, 0xFFFF9DA7, 0xFF9C755F, 0xFF2F4B7C, 0xFF8CD17D, 0xFFD37295};
    static final int OTHER = 0xFFBAB0AC;
    static final ColorMap MAP = ColorMap.VIRIDIS;

    /** One legend row: a colour, what it stands for, and how many points have it. */
    public record Entry(int argb, String label, int count) {
    }

    private final String variable;
    private final int[] colours;
    private final float[] values;
    private final int[] codes;
    private final List<Entry> legend;
    private final double min;
    private final double max;

    private Colouring(String variable, int[] colours, float[] values, int[] codes, List<Entry> legend, double min,
            double max) {
        this.variable = variable;
        this.colours = colours;
        this.values = values;
        this.codes = codes;
        this.legend = legend;
        this.min = min;
        this.max = max;
    }

    /** The variables a table can be coloured by, in the order a list offers them. */
    public static List<String> variables(EmbeddingTable table) {
        List<String> out = new ArrayList<>(List.of(MODALITY));
        List<String> m = table.modalities();
        if (m.size() >= 2) {
            if (m.size() >= 3) {
                out.add(CONSENSUS); // with two modalities it would be their similarity again
            }
            for (int a = 0; a < m.size(); a++) {
                for (int b = a + 1; b < m.size(); b++) {
                    out.add(SIMILARITY + m.get(a) + "–" + m.get(b));
                }
            }
        }
        out.add(SPLIT);
        java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
        table.items().forEach(i -> labels.addAll(i.labels().keySet()));
        out.addAll(labels);
        return out;
    }

    /**
     * The modality MC3's consensus is anchored on: the one the model was trained with
     * ({@link EmbeddingTable#consensusAnchor()}: named by the model, else {@code text} when the table has it),
     * else the first.
     */
    public static String consensusAnchor(EmbeddingTable table) {
        String anchor = table.consensusAnchor();
        return anchor != null ? anchor : table.modalities().get(0);
    }

    /**
     * Colours the points ({@code item * M + modality}) of {@code table} by {@code variable}.
     *
     * @throws IllegalArgumentException naming the variables there are when {@code variable} is not one
     */
    public static Colouring of(EmbeddingTable table, String variable) {
        int n = table.size();
        int mods = table.modalities().size();
        if (variable.equals(MODALITY)) {
            String[] perPoint = new String[n * mods];
            for (int p = 0; p < perPoint.length; p++) {
                perPoint[p] = table.modalities().get(p % mods);
            }
            return categorical(variable, perPoint, table.modalities());
        }
        String[] perItem = new String[n];
        float[] numbers = null;
        if (variable.equals(CONSENSUS)) {
            numbers = table.consensus(consensusAnchor(table));
        } else if (variable.startsWith(SIMILARITY) && variable.contains("–")) {
            String[] pair = variable.substring(SIMILARITY.length()).split("–", 2);
            int a = table.modality(pair[0]);
            int b = table.modality(pair[1]);
            numbers = new float[n];
            for (int i = 0; i < n; i++) {
                numbers[i] = (float) table.similarity(i, a, b);
            }
        } else if (variable.equals(SPLIT)) {
            for (int i = 0; i < n; i++) {
                perItem[i] = table.item(i).split();
            }
        } else if (variables(table).contains(variable)) {
            for (int i = 0; i < n; i++) {
                perItem[i] = table.item(i).label(variable);
            }
            // the agreement is a number however few clips (or distinct values) there are
            numbers = variable.equals(Agreement.LABEL) ? numbers(perItem) : numbersIfContinuous(perItem);
        } else {
            throw new IllegalArgumentException("cannot colour by '" + variable + "'; the table offers "
                    + variables(table));
        }
        if (numbers != null) {
            float[] perPoint = new float[n * mods];
            for (int p = 0; p < perPoint.length; p++) {
                perPoint[p] = numbers[p / mods];
            }
            return continuous(variable, perPoint);
        }
        String[] perPoint = new String[n * mods];
        for (int p = 0; p < perPoint.length; p++) {
            perPoint[p] = perItem[p / mods];
        }
        return categorical(variable, perPoint, null);
    }

    /** The values as numbers (empty or unreadable ones NaN). */
    static float[] numbers(String[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                out[i] = values[i].isBlank() ? Float.NaN : Float.parseFloat(values[i].trim());
            } catch (NumberFormatException e) {
                out[i] = Float.NaN;
            }
        }
        return out;
    }

    /** The values as numbers when they all are (empty ones NaN) and more than {@link #MAX_CATEGORIES} differ. */
    static float[] numbersIfContinuous(String[] values) {
        float[] out = new float[values.length];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < values.length; i++) {
            String v = values[i].trim();
            if (v.isEmpty()) {
                out[i] = Float.NaN;
                continue;
            }
            try {
                out[i] = Float.parseFloat(v);
            } catch (NumberFormatException e) {
                return null;
            }
            distinct.add(v);
        }
        return distinct.size() > MAX_CATEGORIES ? out : null;
    }

    /** Continuous colouring of per-point values (NaN: grey). */
    static Colouring continuous(String variable, float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = hi = 0;
        }
        int[] colours = new int[values.length];
        for (int p = 0; p < values.length; p++) {
            colours[p] = Float.isNaN(values[p]) ? OTHER : MAP.argb(hi > lo ? (values[p] - lo) / (hi - lo) : 0.5);
        }
        List<Entry> legend = List.of(new Entry(MAP.argb(0), format(lo), 0), new Entry(MAP.argb(1), format(hi), 0));
        return new Colouring(variable, colours, values, null, legend, lo, hi);
    }

    /** Categorical colouring; {@code order}, when given, fixes the categories' order (else by frequency). */
    static Colouring categorical(String variable, String[] values, List<String> order) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (order != null) {
            order.forEach(o -> counts.put(o, 0));
        }
        for (String v : values) {
            counts.merge(v.isEmpty() ? "(none)" : v, 1, Integer::sum);
        }
        List<String> ranked = new ArrayList<>(counts.keySet());
        if (order == null) {
            ranked.sort((a, b) -> counts.get(b) - counts.get(a) != 0 ? counts.get(b) - counts.get(a)
                    : a.compareTo(b));
        }
        boolean overflow = ranked.size() > MAX_CATEGORIES;
        int kept = overflow ? MAX_CATEGORIES - 1 : ranked.size();
        Map<String, Integer> code = new HashMap<>();
        List<Entry> legend = new ArrayList<>();
        int others = 0;
        for (int k = 0; k < ranked.size(); k++) {
            if (k < kept) {
                code.put(ranked.get(k), k);
                legend.add(new Entry(PALETTE[k], ranked.get(k), counts.get(ranked.get(k))));
            } else {
                code.put(ranked.get(k), kept);
                others += counts.get(ranked.get(k));
            }
        }
        if (overflow) {
            legend.add(new Entry(OTHER, "other (" + (ranked.size() - kept) + " values)", others));
        }
        int[] codes = new int[values.length];
        int[] colours = new int[values.length];
        for (int p = 0; p < values.length; p++) {
            codes[p] = code.get(values[p].isEmpty() ? "(none)" : values[p]);
            colours[p] = legend.get(codes[p]).argb();
        }
        return new Colouring(variable, colours, null, codes, List.copyOf(legend), Double.NaN, Double.NaN);
    }

    /** The variable's name. */
    public String variable() {
        return variable;
    }

    /** Whether the colours follow a colormap (true) or a palette of categories. */
    public boolean isContinuous() {
        return values != null;
    }

    /** ARGB per point (the colouring's own array; do not change it). */
    public int[] colours() {
        return colours;
    }

    /** Categorical: one entry per category, in code order. Continuous: the colours of the minimum and maximum. */
    public List<Entry> legend() {
        return legend;
    }

    /** Smallest value (continuous), NaN for categories. */
    public double min() {
        return min;
    }

    /** Largest value (continuous), NaN for categories. */
    public double max() {
        return max;
    }

    /**
     * Counts of the points {@code visible} accepts: per category (categorical), or in {@code bins} equal bins from
     * {@link #min()} to {@link #max()} (continuous; NaN values are not counted).
     */
    public int[] histogram(int bins, java.util.function.IntPredicate visible) {
        int[] counts = new int[isContinuous() ? bins : legend.size()];
        for (int p = 0; p < colours.length; p++) {
            if (!visible.test(p)) {
                continue;
            }
            if (isContinuous()) {
                float v = values[p];
                if (!Float.isNaN(v)) {
                    int b = max > min ? (int) ((v - min) / (max - min) * bins) : 0;
                    counts[Math.min(bins - 1, Math.max(0, b))]++;
                }
            } else {
                counts[codes[p]]++;
            }
        }
        return counts;
    }

    /** The value of point p as text, for the status line and hover. */
    public String valueText(int p) {
        return isContinuous() ? format(values[p]) : legend.get(codes[p]).label();
    }

    static String format(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Whether {@code item} matches a text filter: every word of {@code query} occurs in its id, narration or labels. */
    public static boolean matches(EmbeddingItem item, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        StringBuilder text = new StringBuilder(item.id()).append(' ').append(item.narration()).append(' ')
                .append(item.split());
        item.labels().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        String hay = text.toString().toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
