package io.avlens.models.cavp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.inference.InferenceException;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoders;
import io.avlens.runner.task.TaskException;

/**
 * CAVP's encoders for queries from outside a table: an audio or video file from disk, whole or a time span of it,
 * through {@link CavpEmbedder}, the code its {@code embed} task runs. A whole file gives the vectors a table holds
 * for that clip; a span pools only the per-step features of the frames it covers ({@link CavpEmbedder#embedSpan}:
 * "where else does this sound happen?"). CAVP has no language encoder: typed text is refused, saying so.
 */
@Component(service = QueryEncoders.class)
public final class CavpQueryEncoders implements QueryEncoders {

    @Override
    public boolean supports(String family) {
        return CavpBlockFactory.FAMILY.equals(family);
    }

    @Override
    public boolean encodesText() {
        return false;
    }

    @Override
    public QueryEncoder open(Path descriptorFile) throws IOException {
        CavpEmbedder embedder;
        try {
            embedder = CavpEmbedder.open(descriptorFile, 0);
        } catch (InferenceException e) {
            throw new IOException(e.getMessage(), e);
        }
        String model = embedder.descriptor().id();
        return new QueryEncoder() {
            @Override
            public List<String> modalities() {
                return CavpEmbedder.MODALITIES;
            }

            @Override
            public boolean encodesText() {
                return false;
            }

            /** @throws UnsupportedOperationException always: CAVP has no language encoder */
            @Override
            public float[] text(String query) {
                throw new UnsupportedOperationException("model " + model + " (CAVP) has no language encoder: query"
                        + " by a clip, an audio or video file, or a time span of one");
            }

            @Override
            public ClipEmbedding media(Path file) throws IOException {
                try {
                    return embedder.embed(file);
                } catch (TaskException e) {
                    throw new IOException(named(file, e), e);
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
                } catch (TaskException e) {
                    throw new IOException(named(file, e), e);
                }
            }

            @Override
            public void close() {
                embedder.close();
            }
        };
    }

    /** The message, with the file's name first unless it says it already. */
    private static String named(Path file, Exception e) {
        String m = e.getMessage();
        return m != null && m.contains(file.toString()) ? m : file + ": " + m;
    }
}
