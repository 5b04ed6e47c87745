package io.avlens.models.cavp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskException;

/**
 * CAVP's clip embedding as a plain Java API (no OSGi): the one code path from a media file to the pooled vectors of
 * {@link CavpEmbedTask} (the table {@code avlens embed} writes) and of {@link CavpQueryEncoders} (queries from disk
 * and time spans of them). A clip is decoded at the descriptor's profile ({@link StepAlignedClip}), padded to one
 * window when shorter and the descriptor allows it ({@code padShort}: black frames and silence after the end), and
 * run through the model once, whatever its length (the towers are convolutions over time: no windows); each tower's
 * per-step features {@code [T, C]} are then pooled as CAVP's semantic contrast pools them ({@link #pooled}).
 * <p>
 * Owns the loaded model when it opened it ({@link #close}); one call at a time per instance.
 */
public final class CavpEmbedder implements AutoCloseable {

    /** The modality rows of the {@link ClipEmbedding}s it makes, in this order. */
    public static final List<String> MODALITIES = List.of("audio", "video");

    private final ModelDescriptor descriptor;
    private final ModelParts parts;
    private final boolean owned;

    /**
     * Per-step features of one clip.
     *
     * @param audio     {@code [T, C]} audio features (not normalised)
     * @param video     {@code [T, C]} video features (not normalised)
     * @param clipSteps the steps of the clip itself; the steps from there to {@code T} are padding
     * @param fps       steps per second (the profile's video rate); step {@code t} shows {@code [t/fps, (t+1)/fps)}
     */
    public record Steps(FloatTensor audio, FloatTensor video, int clipSteps, double fps) {

        /** {@code T}, padding included. */
        public int steps() {
            return audio.dim(0);
        }
    }

    /** Over the parts of a model the caller loaded and keeps owning (a run's model: one part, or video and audio). */
    public CavpEmbedder(ModelDescriptor descriptor, ModelParts parts) {
        this(descriptor, parts, false);
    }

    private CavpEmbedder(ModelDescriptor descriptor, ModelParts parts, boolean owned) {
        this.descriptor = descriptor;
        this.parts = parts;
        this.owned = owned;
    }

    /**
     * Loads a CAVP model on the CPU from its descriptor (the weights beside it, checked against their SHA-256; a
     * model of {@value CavpSimilarityTask#VIDEO_PART} and {@value CavpSimilarityTask#AUDIO_PART} parts part by part).
     *
     * @param threads engine threads, 0 for libtorch's default
     * @throws InferenceException naming the file when the descriptor or the weights cannot be used
     */
    public static CavpEmbedder open(Path descriptorFile, int threads) throws InferenceException {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (!CavpBlockFactory.FAMILY.equals(d.family())) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is of family '" + d.family()
                    + "', not '" + CavpBlockFactory.FAMILY + "'");
        }
        ModelSpec.Options options = ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(threads);
        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        if (!d.hasParts()) {
            return new CavpEmbedder(d, ModelParts.single(service.load(ModelDescriptors.toSpec(descriptorFile, d,
                    options))), true);
        }
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelDescriptor.Component part : d.parts()) {
                loaded.put(part.role(), service.load(ModelDescriptors.toSpec(descriptorFile, d, part, options)));
            }
        } catch (InferenceException | RuntimeException e) {
            loaded.values().forEach(LoadedModel::close);
            throw e;
        }
        return new CavpEmbedder(d, ModelParts.of(loaded), true);
    }

    /** The shipped {@code cavp-small}, installed into {@code modelsFolder} first (as {@code avlens run} does). */
    public static CavpEmbedder shipped(Path modelsFolder, int threads) throws IOException, InferenceException {
        for (BuiltinModels.Installed m : BuiltinModels.of(new CavpShippedModel()).install(modelsFolder)) {
            if (m.id().equals(CavpDescriptor.MODEL_ID)) {
                return open(m.descriptor(), threads);
            }
        }
        throw new IllegalStateException(CavpDescriptor.MODEL_ID + " is not among the shipped models");
    }

    /** The model's descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The per-step features of {@code media}: decoded, padded to one window when the descriptor allows it, one
     * forward pass.
     *
     * @param monitor checked for cancellation between decoding and the forward pass; may be null
     * @throws TaskException naming the file when it cannot be decoded, does not fit the model, or the model fails
     */
    public Steps steps(Path media, IProgressMonitor monitor) throws TaskException {
        PreprocessingProfile profile = descriptor.profile();
        StepAlignedClip clip;
        try {
            clip = StepAlignedClip.decode(media, profile);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + descriptor.id() + " cannot take it: " + e.getMessage(), e);
        }
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        int clipSteps = clip.steps();
        int window = (int) Math.round(profile.clipSeconds() * profile.video().fps());
        if (descriptor.padShort() && clip.steps() < window) {
            clip = clip.padTo(window);
        }
        int steps = clip.steps();
        int[] mel = clip.mel().shape();
        int[] frames = clip.frames().shape();
        Map<String, FloatTensor> outputs = CavpSimilarityTask.forward(parts, descriptor.id(), Map.of(
                "mel", clip.mel().reshape(1, mel[0], mel[1]),
                "frames", clip.frames().reshape(1, frames[0], frames[1], frames[2], frames[3])), media);
        return new Steps(CavpSimilarityTask.features(outputs, "audio", steps, media),
                CavpSimilarityTask.features(outputs, "video", steps, media), clipSteps, profile.video().fps());
    }

    /**
     * A whole media file's embedding, exactly as {@link CavpEmbedTask} writes it into a table: every step pooled,
     * the padding of a short clip included.
     *
     * @throws TaskException naming the file when it cannot be decoded or embedded
     */
    public ClipEmbedding embed(Path media) throws TaskException {
        Steps s = steps(media, null);
        return pooled(s, 0, s.steps());
    }

    /**
     * The embedding of the span {@code [fromSeconds, toSeconds)} of a media file: the whole clip goes through the
     * model as for {@link #embed} (padded to one window when short), and only the per-step features of the video
     * frames whose display interval overlaps the span are pooled, the way a table's row pools all of its clip's
     * steps. The media is not cut, so a span of any length works: one shorter than CAVP's window (even a single
     * frame) pools the steps it covers, one longer than the window pools all of them (the towers have no window);
     * a step's features also see the few steps around it (the towers' temporal receptive field), so a span's vector
     * carries a little of the sound and picture just outside it. The padding of a short clip is never part of a span,
     * and a span reaching past the clip's end is cut at it; for a clip at least one window long, the span of the
     * whole clip gives {@link #embed}'s vectors.
     *
     * @throws TaskException naming the file when it cannot be embedded, or when the span is empty ({@code end <=
     *                       start}, a negative start) or holds no video frame of the clip
     */
    public ClipEmbedding embedSpan(Path media, double fromSeconds, double toSeconds) throws TaskException {
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds) || !Double.isFinite(toSeconds)) {
            throw new TaskException(media + ": the span " + fromSeconds + " s to " + toSeconds + " s is empty; it"
                    + " needs 0 <= start < end");
        }
        Steps s = steps(media, null);
        int first = (int) Math.floor(fromSeconds * s.fps() + 1e-9);
        int end = Math.min(s.clipSteps(), (int) Math.ceil(toSeconds * s.fps() - 1e-9));
        if (first >= end) {
            throw new TaskException(media + ": the span " + fromSeconds + " s to " + toSeconds + " s holds no video"
                    + " frame of its " + s.clipSteps() / s.fps() + " s");
        }
        return pooled(s, first, end);
    }

    /** Steps {@code [first, end)} of both towers pooled ({@link #pooled(FloatTensor, int, int)}), audio then video. */
    public static ClipEmbedding pooled(Steps s, int first, int end) {
        float[] audio = pooled(s.audio(), first, end);
        float[] video = pooled(s.video(), first, end);
        int c = audio.length;
        float[] values = new float[2 * c];
        System.arraycopy(audio, 0, values, 0, c);
        System.arraycopy(video, 0, values, c, c);
        return new ClipEmbedding(MODALITIES, values);
    }

    /**
     * Rows {@code [first, end)} of {@code [T, C]} features as CAVP's semantic contrast pools them: each step
     * L2-normalised, the maximum over those steps per channel, normalised again (a zero vector stays zero).
     */
    public static float[] pooled(FloatTensor features, int first, int end) {
        int t = features.dim(0);
        int c = features.dim(1);
        if (first < 0 || end > t || first >= end) {
            throw new IllegalArgumentException("steps " + first + " to " + end + " of " + t);
        }
        float[] x = features.toArray();
        float[] max = new float[c];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = first; i < end; i++) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                norm += (double) x[i * c + j] * x[i * c + j];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < c; j++) {
                max[j] = Math.max(max[j], (float) (x[i * c + j] * scale));
            }
        }
        double norm = 0;
        for (float f : max) {
            norm += (double) f * f;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                max[j] = (float) (max[j] * scale);
            }
        }
        return max;
    }

    @Override
    public void close() {
        if (owned) {
            for (String role : parts.roles()) {
                parts.byRole(role).close();
            }
        }
    }
}
