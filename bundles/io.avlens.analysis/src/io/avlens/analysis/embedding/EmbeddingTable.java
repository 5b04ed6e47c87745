package io.avlens.analysis.embedding;

import java.util.List;
import java.util.Objects;

/**
 * N items × M modalities × D dimensions of float32, row-major ({@code values[(i * M + m) * D + j]}), with the items'
 * metadata. Immutable once built: {@link #values()} is the table's own array, which callers must not change.
 */
public final class EmbeddingTable {

    private final String model;
    private final List<String> modalities;
    private final int dimension;
    private final float[] values;
    private final List<EmbeddingItem> items;
    private final String anchor;

    /**
     * @param model      the id of the model that computed the vectors
     * @param modalities the modality names in storage order, e.g. {@code ["audio", "video", "text"]}
     * @param dimension  D
     * @param values     [N, M, D] row-major (taken, not copied)
     * @param items      N items
     */
    public EmbeddingTable(String model, List<String> modalities, int dimension, float[] values,
            List<EmbeddingItem> items) {
        this(model, modalities, dimension, values, items, null);
    }

    /**
     * A table whose model names its consensus anchor (MC3 trained with another anchor than the text).
     *
     * @param anchor the modality the model's consensus is anchored on, one of {@code modalities}; null: the
     *               default ({@value #DEFAULT_ANCHOR} when the table has it)
     * @see #consensusAnchor()
     */
    public EmbeddingTable(String model, List<String> modalities, int dimension, float[] values,
            List<EmbeddingItem> items, String anchor) {
        this.model = Objects.requireNonNull(model, "model");
        this.modalities = List.copyOf(modalities);
        if (this.modalities.isEmpty() || dimension <= 0) {
            throw new IllegalArgumentException("an embedding table needs at least one modality and a dimension > 0");
        }
        if (this.modalities.stream().distinct().count() != this.modalities.size()) {
            throw new IllegalArgumentException("modality names repeat: " + this.modalities);
        }
        this.dimension = dimension;
        this.items = List.copyOf(items);
        if ((long) this.items.size() * this.modalities.size() * dimension != values.length) {
            throw new IllegalArgumentException(this.items.size() + " items x " + this.modalities.size()
                    + " modalities x " + dimension + " dimensions need " + (long) this.items.size()
                    * this.modalities.size() * dimension + " values, got " + values.length);
        }
        this.values = values;
        if (anchor != null && !this.modalities.contains(anchor)) {
            throw new IllegalArgumentException("the consensus anchor '" + anchor + "' is not one of the modalities "
                    + this.modalities);
        }
        this.anchor = anchor;
    }

    /** The consensus anchor of models that do not name one (MC3's shipped weights): the text. */
    public static final String DEFAULT_ANCHOR = "text";

    /**
     * The modality the model's consensus is anchored on: the one it was trained with when the model names it, else
     * {@value #DEFAULT_ANCHOR} when the table has it, else null (no consensus).
     */
    public String consensusAnchor() {
        if (anchor != null) {
            return anchor;
        }
        return modalities.contains(DEFAULT_ANCHOR) && modalities.size() > 1 ? DEFAULT_ANCHOR : null;
    }

    /** The anchor the model named, or null (then {@link #consensusAnchor()} is the default). */
    public String namedAnchor() {
        return anchor;
    }

    public String model() {
        return model;
    }

    public List<String> modalities() {
        return modalities;
    }

    /** The index of a modality by name. @throws IllegalArgumentException naming the known ones */
    public int modality(String name) {
        int m = modalities.indexOf(name);
        if (m < 0) {
            throw new IllegalArgumentException("no modality '" + name + "' in this table; it has " + modalities);
        }
        return m;
    }

    public int dimension() {
        return dimension;
    }

    /** N. */
    public int size() {
        return items.size();
    }

    public List<EmbeddingItem> items() {
        return items;
    }

    public EmbeddingItem item(int i) {
        return items.get(i);
    }

    /** [N, M, D] row-major, the table's own array (do not change it). */
    public float[] values() {
        return values;
    }

    /** Where item i's vector of modality m starts in {@link #values()}. */
    public int offset(int item, int modality) {
        Objects.checkIndex(item, items.size());
        Objects.checkIndex(modality, modalities.size());
        return (item * modalities.size() + modality) * dimension;
    }

    /** A copy of one vector. */
    public float[] vector(int item, int modality) {
        float[] v = new float[dimension];
        System.arraycopy(values, offset(item, modality), v, 0, dimension);
        return v;
    }

    /** The [N, D] vectors of one modality (a copy), e.g. as a search gallery or projection input. */
    public float[] modalityVectors(int modality) {
        float[] out = new float[items.size() * dimension];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(values, offset(i, modality), out, i * dimension, dimension);
        }
        return out;
    }

    /** Cosine similarity of two modalities of one item (0 when either vector is zero). */
    public double similarity(int item, int modalityA, int modalityB) {
        int a = offset(item, modalityA);
        int b = offset(item, modalityB);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < dimension; j++) {
            double x = values[a + j];
            double y = values[b + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * MC3's consensus of every item ({@code methods.md} §3): the smallest cosine similarity between the anchor
     * modality and each other modality, so an item scores high only when all modalities agree with the anchor.
     */
    public float[] consensus(String anchor) {
        int a = modality(anchor);
        if (modalities.size() < 2) {
            throw new IllegalArgumentException("consensus needs at least two modalities; this table has " + modalities);
        }
        float[] c = new float[items.size()];
        for (int i = 0; i < c.length; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int m = 0; m < modalities.size(); m++) {
                if (m != a) {
                    min = Math.min(min, similarity(i, a, m));
                }
            }
            c[i] = (float) min;
        }
        return c;
    }
}
