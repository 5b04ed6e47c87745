package io.avlens.models.cavp;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.avlens.models.training.BlockParameters;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A CAVP-small network ready for inference: loads weights from a stream (the shipped ones with {@link #bundled()},
 * which reads them through this bundle's class loader, so it works the same on a classpath and inside OSGi) and
 * computes a clip's per-step audio and video features.
 * <p>
 * The PyTorch engine is started through {@code io.avlens.lib.djl}'s {@link DjlSetup#engine()} (its class loader as
 * the thread context class loader while DJL looks for it), so any thread may create a model. Owns native memory:
 * close it. Not thread-safe (one
 * forward at a time).
 */
public final class CavpModel implements AutoCloseable {

    /** The shipped weights' resource, relative to this bundle's root. */
    public static final String BUNDLED_WEIGHTS = "/weights/cavp-small/cavp-small.params";

    private final NDManager manager;
    private final CavpBlock block;
    private final ParameterStore store;

    private CavpModel(NDManager manager, CavpBlock block) {
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
    }

    /** A fresh, randomly initialised network (for training; the engine's random seed decides the weights). */
    static CavpModel initialised(CavpConfig config, int batch, int steps) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        CavpBlock block = new CavpBlock(config);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(batch, steps));
        return new CavpModel(manager, block);
    }

    /** Loads {@code cavp-small} weights as {@link #save} wrote them. */
    public static CavpModel load(InputStream in, CavpConfig config, String source) throws IOException {
        CavpModel model = initialised(config, 1, config.clipSteps());
        try {
            model.readParameters(in, source);
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The weights shipped in this bundle ({@value #BUNDLED_WEIGHTS}). */
    public static CavpModel bundled() throws IOException {
        try (InputStream in = CavpModel.class.getResourceAsStream(BUNDLED_WEIGHTS)) {
            if (in == null) {
                throw new IOException("the shipped weights " + BUNDLED_WEIGHTS + " are missing from "
                        + CavpModel.class.getProtectionDomain().getCodeSource());
            }
            return load(in, CavpConfig.small(), BUNDLED_WEIGHTS);
        }
    }

    void readParameters(InputStream in, String source) throws IOException {
        java.util.List<Shape> expected = new java.util.ArrayList<>();
        block.getParameters().forEach(p -> expected.add(p.getValue().getArray().getShape()));
        try {
            // a DataInputStream is read as is: the caller may have more data after the parameters
            DataInputStream data = in instanceof DataInputStream d ? d
                    : new DataInputStream(new BufferedInputStream(in));
            block.loadParameters(manager, data);
            int i = 0;
            for (var p : block.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (!shape.equals(expected.get(i++))) {
                    throw new IOException(source + ": parameter " + p.getKey() + " has shape " + shape + ", this "
                            + "version of cavp-small needs " + expected.get(i - 1) + " (weights of another version?)");
                }
            }
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(source + ": not cavp-small weights (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the parameters (DJL's block format, BatchNorm statistics included). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /** The network. */
    CavpBlock block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore store() {
        return store;
    }

    /** The sizes. */
    public CavpConfig config() {
        return block.config();
    }

    /** The learned temperature {@code τ = 1 / exp(logit_scale)}. */
    public double temperature() {
        return 1 / Math.exp(block.logitScale().getArray().getFloat(0));
    }

    /**
     * Features of one clip.
     *
     * @param frames {@code [T, H, W, 3]} RGB in [0, 1] at the profile ({@code FrameReader})
     * @param mel    {@code [bins, M]} log-mel at the profile ({@code LogMelSpectrogram}); the first
     *               {@code T'·k} columns are used, {@code T' = min(T, M / k)}
     * @throws IllegalArgumentException when the shapes do not match the profile
     */
    public CavpFeatures features(FloatTensor frames, FloatTensor mel) {
        CavpConfig c = config();
        int k = c.melPerStep();
        if (frames.rank() != 4 || mel.rank() != 2 || mel.dim(0) != c.melBins()) {
            throw new IllegalArgumentException("cavp-small needs frames [T, " + c.frameHeight() + ", " + c.frameWidth()
                    + ", 3] and mel [" + c.melBins() + ", M], not " + java.util.Arrays.toString(frames.shape())
                    + " and " + java.util.Arrays.toString(mel.shape()));
        }
        int steps = Math.min(frames.dim(0), mel.dim(1) / k);
        if (steps < 1) {
            throw new IllegalArgumentException("the clip is shorter than one video frame");
        }
        int pixels = frames.dim(1) * frames.dim(2) * 3;
        float[] fv = new float[steps * pixels];
        frames.asReadOnlyBuffer().get(fv);
        float[] all = mel.toArray();
        int cols = steps * k;
        float[] mv = new float[c.melBins() * cols];
        for (int b = 0; b < c.melBins(); b++) {
            System.arraycopy(all, b * mel.dim(1), mv, b * cols, cols);
        }
        return features(mv, fv, 1, steps)[0];
    }

    /** Features of a batch: {@code mel [B, bins, T·k]}, {@code frames [B, T, H, W, 3]} flat. */
    CavpFeatures[] features(float[] mel, float[] frames, int batch, int steps) {
        CavpConfig c = config();
        try (NDManager scope = manager.newSubManager(); GradMode.Scope off = GradMode.off()) {
            NDArray m = scope.create(mel, new Shape(batch, c.melBins(), (long) steps * c.melPerStep()));
            NDArray f = scope.create(frames, new Shape(batch, steps, c.frameHeight(), c.frameWidth(), 3));
            NDList out = block.forward(store, new NDList(m, f), false);
            float[] a = out.get(0).toFloatArray();
            float[] v = out.get(1).toFloatArray();
            int ch = c.channels();
            CavpFeatures[] result = new CavpFeatures[batch];
            int n = steps * ch;
            for (int b = 0; b < batch; b++) {
                result[b] = new CavpFeatures(steps, ch, java.util.Arrays.copyOfRange(a, b * n, (b + 1) * n),
                        java.util.Arrays.copyOfRange(v, b * n, (b + 1) * n));
            }
            return result;
        }
    }

    /** Features of a preprocessed clip. */
    public CavpFeatures features(ClipTensors clip) {
        CavpConfig c = config();
        byte[] bytes = clip.frames();
        float[] f = new float[bytes.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (bytes[i] & 0xff) / 255f;
        }
        return features(clip.mel(), f, 1, clip.steps())[0];
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return BlockParameters.trainableCount(block);
    }

    @Override
    public void close() {
        manager.close();
    }
}
