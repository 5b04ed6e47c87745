package io.avlens.ui.media.internal;

import java.io.IOException;
import java.nio.file.Path;

import io.avlens.media.DisplayFrame;
import io.avlens.media.FrameSource;

/** The media layer's {@link FrameSource} as the Video view's {@link FrameProvider}. */
public final class ClipFrames implements FrameProvider {

    private final Path file;
    private FrameSource source;

    private ClipFrames(Path file) {
        this.file = file;
    }

    /** A provider that opens {@code file} on first use, on the loading thread. */
    public static FrameProvider open(Path file) {
        return new ClipFrames(file);
    }

    @Override
    public Frame frameAt(double seconds, int maxWidth, int maxHeight) throws IOException {
        if (source == null) {
            source = FrameSource.open(file);
        }
        DisplayFrame p = source.frameAt(seconds, maxWidth, maxHeight);
        return new Frame(p.argb(), p.width(), p.height(), seconds);
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
