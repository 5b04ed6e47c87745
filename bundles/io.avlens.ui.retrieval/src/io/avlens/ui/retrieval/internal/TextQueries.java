package io.avlens.ui.retrieval.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.models.BuiltinModels;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoderCatalog;
import io.avlens.models.QueryEncoders;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunnerException;
import io.avlens.ui.project.Inference;

/**
 * Typed text as a query: encoded by the language encoder of the model that made the table (found by its id among the
 * installed models, through its family's {@link QueryEncoders}), the same path {@code avlens retrieve --query-text}
 * takes. Keeps each model's encoder open until {@link #close}. Used on job threads, one at a time.
 */
public final class TextQueries implements AutoCloseable {

    private final QueryEncoderCatalog catalog;
    private final BuiltinModels builtins;
    private final Map<String, QueryEncoder> open = new HashMap<>();

    /** @param catalog the families' encoders (null: no text queries); @param builtins installed first when given */
    public TextQueries(QueryEncoderCatalog catalog, BuiltinModels builtins) {
        this.catalog = catalog;
        this.builtins = builtins;
    }

    /** Why model {@code modelId} cannot answer typed text, or null when it can. Cheap: opens nothing. */
    public synchronized String unavailable(String modelId) {
        if (catalog == null) {
            return "Text queries need the model families' query encoders, which are not running";
        }
        try {
            ModelRef ref = model(modelId);
            QueryEncoders factory = catalog.forFamily(ref.descriptor().family()).orElse(null);
            if (factory == null || !factory.encodesText()) {
                return "Model " + modelId + " (family " + ref.descriptor().family() + ") has no text encoder:"
                        + " query by a clip";
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Why model {@code modelId} cannot embed a time span of a clip, or null when it can. Cheap: opens nothing. */
    public synchronized String spanUnavailable(String modelId) {
        if (catalog == null) {
            return "Span queries need the model families' query encoders, which are not running";
        }
        try {
            ModelRef ref = model(modelId);
            QueryEncoders factory = catalog.forFamily(ref.descriptor().family()).orElse(null);
            if (factory == null || !factory.encodesSpans()) {
                return "Model " + modelId + " (family " + ref.descriptor().family() + ") cannot embed a time span"
                        + " of a clip: query by the clip";
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** The text's vector in the space of model {@code modelId}. */
    public synchronized float[] encode(String modelId, String text) throws IOException {
        QueryEncoder encoder = encoder(modelId);
        if (!encoder.encodesText()) {
            throw new IOException("Model " + modelId + " has no language encoder: query by a clip");
        }
        return encoder.text(text);
    }

    /**
     * The {@code modality} vector of a time span of a clip in the space of model {@code modelId}, embedded as its
     * embed task embeds a clip of only that span ({@code avlens retrieve --query-file F --start S --end E}).
     */
    public synchronized float[] span(String modelId, RetrievalQuery.Span span, String modality) throws IOException {
        QueryEncoder encoder = encoder(modelId);
        if (!encoder.encodesSpans()) {
            throw new IOException("Model " + modelId + " cannot embed a time span of a clip: query by the clip");
        }
        ClipEmbedding e = encoder.span(span.file(), span.start(), span.end());
        int m = e.modalities().indexOf(modality);
        if (m < 0) {
            throw new IOException("Model " + modelId + " embeds " + e.modalities() + ", not " + modality);
        }
        return java.util.Arrays.copyOfRange(e.values(), m * e.dimension(), (m + 1) * e.dimension());
    }

    private QueryEncoder encoder(String modelId) throws IOException {
        QueryEncoder encoder = open.get(modelId);
        if (encoder == null) {
            ModelRef ref = model(modelId);
            QueryEncoders factory = catalog == null ? null : catalog.forFamily(ref.descriptor().family()).orElse(null);
            if (factory == null) {
                throw new IOException(spanUnavailable(modelId));
            }
            encoder = factory.open(ref.descriptorFile());
            open.put(modelId, encoder);
        }
        return encoder;
    }

    private ModelRef model(String modelId) throws IOException {
        RunSettings settings = Inference.settings();
        Inference.installBuiltins(builtins, settings);
        try {
            return ExperimentSnapshots.model(settings.modelsFolder(), modelId);
        } catch (RunnerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(QueryEncoder::close);
        open.clear();
    }
}
