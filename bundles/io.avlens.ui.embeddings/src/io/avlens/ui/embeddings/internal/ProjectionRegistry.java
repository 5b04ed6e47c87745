package io.avlens.ui.embeddings.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.avlens.analysis.projection.Pca;
import io.avlens.analysis.projection.Projection;
import io.avlens.analysis.projection.Tsne;
import io.avlens.analysis.projection.TsneOptions;
import io.avlens.analysis.projection.Umap;
import io.avlens.analysis.projection.UmapOptions;

/**
 * The projections the explorer offers, by the name users pick ({@code pca}, {@code tsne}, {@code umap}): one line
 * per method present in {@code io.avlens.analysis.projection}, with its default options.
 */
public final class ProjectionRegistry {

    private final Map<String, Supplier<Projection>> methods = new LinkedHashMap<>();

    /** The built-in methods. */
    public ProjectionRegistry() {
        add("pca", Pca::new);
        add("tsne", () -> new Tsne(TsneOptions.defaults()));
        add("umap", () -> new Umap(UmapOptions.defaults()));
    }

    /** Adds (or replaces) a method; its name is what {@code create} takes. */
    public ProjectionRegistry add(String name, Supplier<Projection> factory) {
        methods.put(name, factory);
        return this;
    }

    /** The names, in the order offered. */
    public List<String> names() {
        return List.copyOf(methods.keySet());
    }

    /**
     * A new projection of the method {@code name}.
     *
     * @throws IllegalArgumentException naming the methods there are
     */
    public Projection create(String name) {
        Supplier<Projection> f = methods.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no projection '" + name + "'; there are " + names());
        }
        return f.get();
    }
}
