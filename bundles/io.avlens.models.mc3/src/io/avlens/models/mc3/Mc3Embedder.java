package io.avlens.models.mc3;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.ShippedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MC3-small's embeddings as a plain Java API (no OSGi): a clip's audio and video, and any text a user types, each a
 * unit vector of {@code D} floats in the one shared space, so cosine similarity is a dot product. The {@code embed}
 * task and the retrieval inspector's typed queries use it.
 * <p>
 * A clip is embedded over windows of {@link Mc3Config#windowSeconds()} (4 s): a shorter clip is padded with black
 * frames and silence, a longer one is cut into consecutive windows (the last one padded) whose vectors are averaged
 * and renormalised. The empty text (or a clip without a narration) has a vector of its own, the same for every
 * such clip (the encoder of the all-zero feature vector), never the zero vector, so cosines stay defined.
 * Owns the loaded model when it opened it ({@link #close}); one call at a time per instance.
 */
public final class Mc3Embedder implements AutoCloseable {

    /** The modality rows of a {@link ClipEmbedding} written by {@link #embed}, in this order. */
    public static final List<String> MODALITIES = List.of("audio", "video", "text");

    private final LoadedModel model;
    private final Mc3Config config;
    private final TextFeatures text;
    private final boolean owned;

    /**
     * Over a model the caller loaded (an MC3 block of {@code config}'s sizes) and keeps owning.
     */
    public Mc3Embedder(LoadedModel model, Mc3Config config) {
        this(model, config, false);
    }

    private Mc3Embedder(LoadedModel model, Mc3Config config, boolean owned) {
        this.model = model;
        this.config = config;
        this.text = new TextFeatures(config.buckets());
        this.owned = owned;
    }

    /**
     * Loads MC3 weights on the CPU from their descriptor (the weights beside it, checked against their SHA-256).
     *
     * @param threads engine threads, 0 for libtorch's default
     * @throws InferenceException naming the file when the descriptor or the weights cannot be used
     */
    public static Mc3Embedder open(Path descriptorFile, int threads) throws InferenceException {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (!Mc3BlockFactory.FAMILY.equals(d.family())) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is of family '" + d.family()
                    + "', not '" + Mc3BlockFactory.FAMILY + "'");
        }
        Mc3Config config;
        try {
            config = new Mc3BlockFactory().config(d.outputs(), d.notes());
        } catch (IllegalArgumentException e) {
            throw new InferenceException(descriptorFile + ": " + e.getMessage(), e);
        }
        InferenceService service = DjlInferenceServices.cpu(List.of(new Mc3BlockFactory(config)));
        ModelSpec.Options options = ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(threads);
        return new Mc3Embedder(service.load(ModelDescriptors.toSpec(descriptorFile, d, options)), config, true);
    }

    /**
     * The shipped {@code mc3-small}, installed into {@code modelsFolder/mc3-small/} first (the weights and
     * {@code model.json}, each copied only when its bytes differ), on the CPU.
     */
    public static Mc3Embedder shipped(Path modelsFolder, int threads) throws IOException, InferenceException {
        ShippedModel shipped = new Mc3ShippedModel();
        Path folder = Files.createDirectories(modelsFolder.resolve(shipped.id()));
        copy(shipped, shipped.weightsFile(), folder.resolve(shipped.weightsFile()));
        Path descriptor = folder.resolve(ModelDescriptors.FILE_NAME);
        copy(shipped, shipped.id() + ".json", descriptor);
        return open(descriptor, threads);
    }

    private static void copy(ShippedModel model, String file, Path target) throws IOException {
        byte[] bytes;
        try (InputStream in = model.open(file)) {
            bytes = in.readAllBytes();
        }
        if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
            AtomicFiles.write(target, out -> out.write(bytes));
        }
    }

    /** The network's sizes. */
    public Mc3Config config() {
        return config;
    }

    /** The unit embedding of {@code text} (any text; null counts as empty), {@code [D]}. */
    public float[] embedText(String query) throws InferenceException {
        return embedTexts(List.of(query == null ? "" : query))[0];
    }

    /** The unit embeddings of several texts, one row each. */
    public float[][] embedTexts(List<String> texts) throws InferenceException {
        int n = texts.size();
        int k = config.buckets();
        float[] features = new float[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(text.of(texts.get(i)), 0, features, i * k, k);
        }
        Map<String, FloatTensor> out = model.forward(Map.of(
                "frames", FloatTensor.zeros(n, 1, config.frameHeight(), config.frameWidth(), 3),
                "mel", FloatTensor.zeros(n, config.melBins(), Mc3Config.AUDIO_STRIDE),
                "textFeatures", FloatTensor.wrap(new int[] {n, k}, features)));
        return rows(out, "text", n);
    }

    /**
     * A clip's audio and video embeddings.
     *
     * @return {@code {audio[D], video[D]}}
     */
    public float[][] embedClip(Mc3Clip clip) throws InferenceException {
        int t = config.steps();
        int windows = Math.max(1, (clip.steps() + t - 1) / t);
        int pixels = t * config.frameHeight() * config.frameWidth() * 3;
        int melSize = config.melBins() * config.melFrames();
        float[] frames = new float[windows * pixels];
        float[] mel = new float[windows * melSize];
        for (int w = 0; w < windows; w++) {
            clip.frames(w * t, t, frames, w * pixels);
            clip.mel(w * t, t, config.melBins(), mel, w * melSize);
        }
        Map<String, FloatTensor> out = model.forward(Map.of(
                "frames", FloatTensor.wrap(new int[] {windows, t, config.frameHeight(), config.frameWidth(), 3},
                        frames),
                "mel", FloatTensor.wrap(new int[] {windows, config.melBins(), config.melFrames()}, mel),
                "textFeatures", FloatTensor.zeros(windows, config.buckets())));
        return new float[][] {mean(rows(out, "audio", windows)), mean(rows(out, "video", windows))};
    }

    /** A clip's audio, video and narration embeddings as the {@code embed} task writes them ({@link #MODALITIES}). */
    public ClipEmbedding embed(Mc3Clip clip) throws InferenceException {
        float[][] av = embedClip(clip);
        float[] l = embedText(clip.narration());
        int d = config.dimension();
        float[] values = new float[3 * d];
        System.arraycopy(av[0], 0, values, 0, d);
        System.arraycopy(av[1], 0, values, d, d);
        System.arraycopy(l, 0, values, 2 * d, d);
        return new ClipEmbedding(MODALITIES, values);
    }

    /** Decodes {@code media} (with the narration of its sidecar) and embeds it. */
    public ClipEmbedding embed(Path media) throws IOException, InferenceException {
        return embed(Mc3Clip.decode(media, config));
    }

    /**
     * The span {@code [fromSeconds, toSeconds)} of {@code media} embedded as a clip of only that span (its video
     * frames and their sound): the embed task's windows apply, so a span shorter than a window is padded with black
     * frames and silence to one window, a longer one is cut into windows whose vectors are averaged. The text is the
     * whole clip's narration (a span has none of its own).
     *
     * @throws IOException naming the file when it cannot be decoded, or the span is empty or beyond the clip
     */
    public ClipEmbedding embedSpan(Path media, double fromSeconds, double toSeconds) throws IOException,
            InferenceException {
        Mc3Clip clip = Mc3Clip.decode(media, config);
        double fps = config.profile().video().fps();
        int first = (int) Math.floor(fromSeconds * fps + 1e-9);
        int end = Math.min(clip.steps(), (int) Math.ceil(toSeconds * fps - 1e-9));
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds) || first >= end) {
            throw new IOException(media + ": the span " + fromSeconds + " s to " + toSeconds + " s holds no video"
                    + " frame of its " + clip.steps() / fps + " s");
        }
        return embed(new Mc3Clip(clip.id(), clip.av().span(first, end - first), clip.narration()));
    }

    /** The cosine of two unit vectors (their dot product). */
    public static double similarity(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private float[][] rows(Map<String, FloatTensor> out, String name, int n) throws InferenceException {
        FloatTensor t = out.get(name);
        if (t == null || t.rank() != 2 || t.dim(0) != n || t.dim(1) != config.dimension()) {
            throw new InferenceException(model.spec().id() + ": output '" + name + "' is "
                    + (t == null ? "missing" : Arrays.toString(t.shape())) + ", expected [" + n + ", "
                    + config.dimension() + "]");
        }
        float[] v = t.toArray();
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = Arrays.copyOfRange(v, i * config.dimension(), (i + 1) * config.dimension());
        }
        return r;
    }

    /** The renormalised mean of unit rows (the row itself when there is one). */
    private static float[] mean(float[][] rows) {
        if (rows.length == 1) {
            return rows[0];
        }
        float[] m = new float[rows[0].length];
        for (float[] r : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i];
            }
        }
        double norm = Math.sqrt(similarity(m, m));
        for (int i = 0; i < m.length; i++) {
            m[i] = norm > 0 ? (float) (m[i] / norm) : m[i];
        }
        return m;
    }

    @Override
    public void close() {
        if (owned) {
            model.close();
        }
    }
}
