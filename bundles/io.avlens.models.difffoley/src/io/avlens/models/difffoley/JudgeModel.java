package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.TrainableModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The AV-Shapes judges ({@link JudgeBlock}) in an engine manager: trained by {@link JudgeTrainer}, shipped in
 * {@value #BUNDLED_WEIGHTS}, and asked for their verdicts on a batch of clips. Owns native memory: close it. Not
 * thread-safe.
 */
public final class JudgeModel extends TrainableModel<JudgeBlock> {

    /** The model name of the weights and messages. */
    public static final String NAME = "avshapes-judges";
    /** The shipped weights, relative to this bundle's root. */
    public static final String BUNDLED_WEIGHTS = "/weights/avshapes-judges/avshapes-judges.params";

    /**
     * What the judges say of one clip.
     *
     * @param aligned   P(aligned) from the alignment classifier
     * @param materials the material classifier's sigmoid scores in {@link JudgeMaterials#ALL} order
     * @param embedding the material classifier's embedding (the Fréchet distance's)
     */
    public record Verdict(double aligned, float[] materials, float[] embedding) {
    }

    private JudgeModel(NDManager manager, JudgeBlock block) {
        super(manager, block, NAME);
    }

    /** A fresh network (the engine's random seed decides the weights). */
    public static JudgeModel initialised(int videoChannels) {
        DjlSetup.engine();
        NDManager manager = NDManager.newBaseManager();
        JudgeBlock block = new JudgeBlock(videoChannels);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(2));
        return new JudgeModel(manager, block);
    }

    /** The shipped weights. */
    public static JudgeModel bundled() throws IOException {
        try (InputStream in = JudgeModel.class.getResourceAsStream(BUNDLED_WEIGHTS)) {
            if (in == null) {
                throw new IOException("the shipped judges " + BUNDLED_WEIGHTS + " are missing from "
                        + JudgeModel.class.getProtectionDomain().getCodeSource());
            }
            return load(in, BUNDLED_WEIGHTS);
        }
    }

    /** Weights {@link #save} wrote, from a file. */
    public static JudgeModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    private static JudgeModel load(InputStream in, String source) throws IOException {
        JudgeModel model = initialised(JudgeClip.VIDEO_CHANNELS);
        try {
            model.readParameters(in, source);
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The verdicts on {@code clips} (their mel for both judges, their video features for the alignment judge).
     */
    public Verdict[] judge(JudgeClip... clips) {
        int b = clips.length;
        int melSize = JudgeBlock.BINS * JudgeBlock.FRAMES;
        int videoSize = JudgeBlock.STEPS * JudgeClip.VIDEO_CHANNELS;
        float[] mel = new float[b * melSize];
        float[] video = new float[b * videoSize];
        for (int i = 0; i < b; i++) {
            System.arraycopy(clips[i].mel(), 0, mel, i * melSize, melSize);
            System.arraycopy(clips[i].video(), 0, video, i * videoSize, videoSize);
        }
        try (NDManager scope = manager().newSubManager(); GradMode.Scope off = GradMode.off()) {
            NDArray m = scope.create(mel, new Shape(b, JudgeBlock.BINS, JudgeBlock.FRAMES));
            NDArray v = scope.create(video, new Shape(b, JudgeBlock.STEPS, JudgeClip.VIDEO_CHANNELS));
            NDList out = block().forward(store(), new NDList(m, v, m), false);
            float[] align = out.get(0).toFloatArray();
            float[] materials = out.get(1).toFloatArray();
            float[] embedding = out.get(2).toFloatArray();
            int k = JudgeMaterials.ALL.size();
            Verdict[] result = new Verdict[b];
            for (int i = 0; i < b; i++) {
                float[] s = Arrays.copyOfRange(materials, i * k, (i + 1) * k);
                for (int j = 0; j < k; j++) {
                    s[j] = (float) sigmoid(s[j]);
                }
                result[i] = new Verdict(sigmoid(align[i]), s, Arrays.copyOfRange(embedding,
                        i * JudgeBlock.EMBEDDING, (i + 1) * JudgeBlock.EMBEDDING));
            }
            return result;
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
