package io.avlens.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.avlens.analysis.embedding.ClipEmbedding;

/**
 * A model's encoders for queries that are not in its embedding table: text a user types, an audio or video file
 * from disk. The vectors land in the same space as the model's {@code embed} task writes, so they can be searched
 * against a table that model made. Owns engine memory: close it. Not thread-safe.
 */
public interface QueryEncoder extends AutoCloseable {

    /** The modalities {@link #media} returns, in order (e.g. audio, video, text). */
    List<String> modalities();

    /** Whether {@link #text} works (the model has a language encoder). */
    boolean encodesText();

    /**
     * The unit vector of {@code query} in the model's text space.
     *
     * @throws IOException when the model cannot encode it (the message says why)
     * @throws UnsupportedOperationException when {@link #encodesText()} is false
     */
    float[] text(String query) throws IOException;

    /**
     * A media file's embedding, as the model's {@code embed} task computes it for a clip.
     *
     * @throws IOException naming the file when it cannot be decoded or embedded
     */
    ClipEmbedding media(Path file) throws IOException;

    /** Whether {@link #span} works (the model can embed part of a clip). */
    default boolean encodesSpans() {
        return false;
    }

    /**
     * The embedding of the span {@code [fromSeconds, toSeconds)} of a media file, as the model's {@code embed} task
     * would embed a clip of only that span (a model of fixed windows pads or cuts it as the task does).
     *
     * @throws IOException naming the file when it cannot be decoded or the span is not in it
     * @throws UnsupportedOperationException when {@link #encodesSpans()} is false
     */
    default ClipEmbedding span(Path file, double fromSeconds, double toSeconds) throws IOException {
        throw new UnsupportedOperationException("this model cannot embed a time span of a clip");
    }

    @Override
    void close();
}
