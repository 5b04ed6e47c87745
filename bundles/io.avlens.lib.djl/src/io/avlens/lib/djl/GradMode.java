package io.avlens.lib.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's autograd switch. It is per thread and <em>on</em> in every new thread; DJL turns it off only in the
 * thread that starts the engine, and its gradient collector restores whatever the thread had before. So a forward
 * pass on a worker thread records an autograd graph it never needs (time and memory), and an optimiser's in-place
 * update after a collector fails with "a leaf Variable that requires grad is being used in an in-place operation"
 * when the thread never had the switch off. Code that runs DJL on threads of its own turns it off for the work:
 * <pre>
 * try (GradMode.Scope off = GradMode.off()) { ... }
 * </pre>
 */
public final class GradMode {

    /** Restores the thread's previous setting. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private GradMode() {
    }

    /** Turns autograd off on this thread until the scope is closed (then the previous setting comes back). */
    public static Scope off() {
        DjlSetup.engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }
}
