package io.avlens.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma & Ba) over a block's parameters, written here rather than taken from DJL because a resumable
 * trainer must save and restore the moment estimates, and DJL's optimizers keep them private. The update for
 * parameter {@code p} with gradient {@code g} at step {@code n} (1-based):
 * {@code m = β1 m + (1−β1) g}, {@code v = β2 v + (1−β2) g²},
 * {@code p −= lr · (m / (1−β1ⁿ)) / (sqrt(v / (1−β2ⁿ)) + ε)}.
 * {@link #step} also zeroes the gradients it consumed. Not thread-safe; owned by one trainer.
 */
public final class Adam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private int updates;
    private int skipped;

    /** Largest global gradient norm applied. */
    public static final double MAX_GRADIENT_NORM = 10;

    /** Over the parameters of {@code params} that require a gradient; moments start at zero, allocated in {@code manager}. */
    public Adam(PairList<String, Parameter> params, NDManager manager) {
        for (Pair<String, Parameter> p : params) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            NDArray value = p.getValue().getArray();
            parameters.add(p.getValue());
            first.add(manager.zeros(value.getShape()));
            second.add(manager.zeros(value.getShape()));
        }
    }

    /** Steps skipped because the gradient was not finite. */
    public int skipped() {
        return skipped;
    }

    /** Updates done so far. */
    public int updates() {
        return updates;
    }

    /**
     * One update of every parameter from its gradient, with learning rate {@code lr}. The gradients are first
     * scaled down to a global L2 norm of at most {@value #MAX_GRADIENT_NORM}; a step whose gradient is not finite is
     * skipped (counted by {@link #skipped()}). Why: one exploding gradient squared overflows {@code v} to infinity,
     * after which {@code m / sqrt(v)} is 0 for good and training silently stops; we saw exactly that once in 30
     * steps without this guard.
     */
    public void step(float lr) {
        double sum = 0;
        for (Parameter p : parameters) {
            try (NDManager scope = p.getArray().getManager().newSubManager()) {
                NDArray g = scoped(p.getArray().getGradient(), scope);
                sum += scoped(scoped(g.square(), scope).sum(), scope).getFloat();
            }
        }
        double norm = Math.sqrt(sum);
        if (!Double.isFinite(norm)) {
            skipped++;
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.muli(0);
                g.close();
            }
            return;
        }
        float clip = norm > MAX_GRADIENT_NORM ? (float) (MAX_GRADIENT_NORM / norm) : 1f;
        updates++;
        float c1 = 1 - (float) Math.pow(BETA1, updates);
        float c2 = 1 - (float) Math.pow(BETA2, updates);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDManager scope = w.getManager().newSubManager()) {
                NDArray g = scoped(w.getGradient(), scope);
                if (clip < 1f) {
                    g.muli(clip);
                }
                NDArray m = first.get(i);
                NDArray v = second.get(i);
                m.muli(BETA1).addi(scoped(g.mul(1 - BETA1), scope));
                v.muli(BETA2).addi(scoped(g.square(), scope).muli(1 - BETA2));
                NDArray denom = scoped(scoped(v.div(c2), scope).sqrt(), scope).addi(EPSILON);
                w.subi(scoped(m.div(denom), scope).muli(lr / c1));
                g.muli(0); // DJL's PyTorch collector does not zero gradients; they would accumulate
            }
        }
    }

    /** Moves a temporary into {@code scope}, which frees it on close. */
    private static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    /** Writes the update count and both moments of every parameter, in parameter order. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(updates);
        out.writeInt(parameters.size());
        NDList all = new NDList();
        all.addAll(first);
        all.addAll(second);
        byte[] bytes = all.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Restores what {@link #save} wrote; the parameter list must be the same. */
    public void load(DataInputStream in, NDManager manager, String source) throws IOException {
        int count = in.readInt();
        int n = in.readInt();
        if (n != parameters.size()) {
            throw new IOException(source + ": optimizer state holds " + n + " parameters, the model has "
                    + parameters.size());
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        NDList all = NDList.decode(manager, bytes);
        for (int i = 0; i < n; i++) {
            first.get(i).set(all.get(i).toFloatArray());
            second.get(i).set(all.get(n + i).toFloatArray());
        }
        all.close();
        updates = count;
    }
}
