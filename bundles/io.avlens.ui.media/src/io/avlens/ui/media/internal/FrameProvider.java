package io.avlens.ui.media.internal;

import java.io.IOException;

/** Decodes the frame shown at an instant; used from one background thread at a time. */
public interface FrameProvider extends AutoCloseable {

    /** The frame displayed at {@code seconds}, scaled to fit {@code maxWidth × maxHeight} keeping its aspect. */
    Frame frameAt(double seconds, int maxWidth, int maxHeight) throws IOException;

    @Override
    void close();
}
