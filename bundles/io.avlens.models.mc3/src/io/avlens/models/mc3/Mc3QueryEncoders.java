package io.avlens.models.mc3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.inference.InferenceException;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoders;

/**
 * MC3's encoders for queries from outside a table: typed text through its language encoder (any English text: hashed
 * word and character n-grams), and audio or video files, whole or a time span of them, through {@link Mc3Embedder},
 * the same code its {@code embed} task runs.
 */
@Component(service = QueryEncoders.class)
public final class Mc3QueryEncoders implements QueryEncoders {

    @Override
    public boolean supports(String family) {
        return Mc3BlockFactory.FAMILY.equals(family);
    }

    @Override
    public QueryEncoder open(Path descriptorFile) throws IOException {
        Mc3Embedder embedder;
        try {
            embedder = Mc3Embedder.open(descriptorFile, 0);
        } catch (InferenceException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new QueryEncoder() {
            @Override
            public List<String> modalities() {
                return Mc3Embedder.MODALITIES;
            }

            @Override
            public boolean encodesText() {
                return true;
            }

            @Override
            public float[] text(String query) throws IOException {
                try {
                    return embedder.embedText(query);
                } catch (InferenceException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public ClipEmbedding media(Path file) throws IOException {
                try {
                    return embedder.embed(file);
                } catch (InferenceException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean encodesSpans() {
                return true;
            }

            @Override
            public ClipEmbedding span(Path file, double fromSeconds, double toSeconds) throws IOException {
                try {
                    return embedder.embedSpan(file, fromSeconds, toSeconds);
                } catch (InferenceException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                embedder.close();
            }
        };
    }
}
