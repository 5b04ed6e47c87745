package io.avlens.analysis.embedding;

import java.util.Map;
import java.util.Objects;

/**
 * What the project knows about one embedded item.
 *
 * @param id        the clip id (unique in its table)
 * @param media     the media file, absolute or relative to the dataset folder, as the project records it
 * @param split     {@code train}, {@code val}, {@code test} or empty when the project has no split for it
 * @param narration the clip's narration, empty when it has none
 * @param labels    ground truth and other labels by name (e.g. {@code material}, {@code action},
 *                  {@code soundingAction}), in a stable order; values are text
 */
public record EmbeddingItem(String id, String media, String split, String narration, Map<String, String> labels) {

    public EmbeddingItem {
        Objects.requireNonNull(id, "id");
        media = media == null ? "" : media;
        split = split == null ? "" : split;
        narration = narration == null ? "" : narration;
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The label's value, or empty when the item has none. */
    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
