package io.avlens.analysis.embedding;

import java.util.List;

/**
 * When a gallery item counts as relevant to a query item: the same item (clip), or items whose labels agree on
 * every named label (e.g. {@code material} and {@code action}). Items missing one of those labels are not scored
 * under a label relevance.
 *
 * @param labels the labels that must agree; empty for "the same clip"
 */
public record RetrievalRelevance(List<String> labels) {

    /** The same clip, and only it, is relevant. */
    public static final RetrievalRelevance SAME_CLIP = new RetrievalRelevance(List.of());

    public RetrievalRelevance {
        labels = List.copyOf(labels);
    }

    /** Items agreeing on all these labels are relevant. */
    public static RetrievalRelevance sameLabels(String... labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("name at least one label");
        }
        return new RetrievalRelevance(List.of(labels));
    }

    /** {@code sameClip}, or {@code same:material+action}. */
    public String name() {
        return labels.isEmpty() ? "sameClip" : "same:" + String.join("+", labels);
    }

    /**
     * A relevance {@linkplain #name() name} in words, for tables and legends: {@code sameClip} is "same clip",
     * {@code same:material+action} "same material and action"; another text is returned as it is.
     */
    public static String describe(String name) {
        if (name.equals("sameClip")) {
            return "same clip";
        }
        if (name.startsWith("same:") && name.length() > 5) {
            String[] labels = name.substring(5).split("\\+");
            StringBuilder b = new StringBuilder("same ");
            for (int i = 0; i < labels.length; i++) {
                b.append(i == 0 ? "" : i == labels.length - 1 ? " and " : ", ").append(labels[i]);
            }
            return b.toString();
        }
        return name;
    }

    /**
     * One group id per item: items of one group are relevant to each other; -1 for an item whose relevance is not
     * defined (a label missing).
     */
    int[] groups(EmbeddingTable table) {
        int[] groups = new int[table.size()];
        if (labels.isEmpty()) {
            for (int i = 0; i < groups.length; i++) {
                groups[i] = i;
            }
            return groups;
        }
        java.util.Map<List<String>, Integer> ids = new java.util.HashMap<>();
        for (int i = 0; i < groups.length; i++) {
            EmbeddingItem item = table.item(i);
            List<String> key = labels.stream().map(item::label).toList();
            groups[i] = key.contains("") ? -1 : ids.computeIfAbsent(key, k -> ids.size());
        }
        return groups;
    }
}
