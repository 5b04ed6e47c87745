package io.avlens.lib.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
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
 * and code that needs a gradient turns it on exactly for the computation to differentiate ({@link #on()},
 * {@link #backward}), without DJL's gradient collector, of which only one may be open in the whole process.
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

    /** Turns autograd on on this thread until the scope is closed (then the previous setting comes back). */
    public static Scope on() {
        DjlSetup.engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        return () -> JniUtils.setGradMode(previous);
    }

    /**
     * Back-propagates from a scalar recorded with autograd on: afterwards every array that required a gradient
     * and took part holds it ({@link NDArray#getGradient()}). The graph is freed.
     *
     * @throws IllegalArgumentException when {@code scalar} has more than one element
     */
    public static void backward(NDArray scalar) {
        if (scalar.size() != 1) {
            throw new IllegalArgumentException("a gradient needs a scalar, not an array of shape " + scalar.getShape());
        }
        try (NDArray seed = scalar.onesLike()) {
            JniUtils.backward((PtNDArray) scalar, (PtNDArray) seed, false, false);
        }
    }
}
