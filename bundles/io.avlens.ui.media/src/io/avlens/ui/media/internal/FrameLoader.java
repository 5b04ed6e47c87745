package io.avlens.ui.media.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Loads frames off the UI thread while the user scrubs or plays: requests replace each other (the last one wins),
 * so at most one decode runs and one waits, however fast the cursor moves. Results and errors are handed to the
 * callbacks on the decoding thread; the caller marshals them to the display.
 */
public final class FrameLoader implements AutoCloseable {

    private record Request(double seconds, int width, int height) {
    }

    private final FrameProvider provider;
    private final Consumer<Frame> onFrame;
    private final Consumer<IOException> onError;
    private final ExecutorService executor;
    private Request pending;
    private boolean scheduled;
    private boolean closed;

    /**
     * @param provider decodes frames; closed with this loader
     * @param onFrame  receives each decoded frame
     * @param onError  receives decoding errors
     */
    public FrameLoader(FrameProvider provider, Consumer<Frame> onFrame, Consumer<IOException> onError) {
        this.provider = Objects.requireNonNull(provider);
        this.onFrame = Objects.requireNonNull(onFrame);
        this.onError = Objects.requireNonNull(onError);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "AV Lens frame loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for the frame at {@code seconds} fitted into {@code width × height}; replaces a waiting request. */
    public synchronized void request(double seconds, int width, int height) {
        if (closed) {
            return;
        }
        pending = new Request(seconds, Math.max(1, width), Math.max(1, height));
        if (!scheduled) {
            scheduled = true;
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Request r;
            synchronized (this) {
                r = pending;
                pending = null;
                if (r == null || closed) {
                    scheduled = false;
                    return;
                }
            }
            try {
                onFrame.accept(provider.frameAt(r.seconds(), r.width(), r.height()));
            } catch (IOException e) {
                onError.accept(e);
            } catch (RuntimeException e) {
                onError.accept(new IOException(e.getMessage(), e));
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pending = null;
        }
        executor.execute(provider::close);
        executor.shutdown();
    }
}
