package io.avlens.models.cavp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * CAVP's clip embedding (experiment kind {@value #KIND}, family {@value CavpBlockFactory#FAMILY}): the vectors its
 * semantic contrast {@code L_S} compares ({@link CavpLoss}), i.e. each tower's per-step features L2-normalised,
 * max-pooled over the clip's steps and normalised again, one {@code audio} and one {@code video} vector of the
 * model's dimension C. Written as a {@link ClipEmbedding} with the modalities {@code ["audio", "video"]}; metric
 * {@code audioVideoCosine}, the two vectors' cosine. The clip is decoded and padded as by
 * {@link CavpSimilarityTask} (same model inputs, built-in block or a two-part model). Stateless.
 */
@Component(service = ClipTask.class)
public final class CavpEmbedTask implements ClipTask {

    /** The experiment kind every family's clip embedding shares. */
    public static final String KIND = "embed";
    /** The modalities, in row order. */
    public static final List<String> MODALITIES = List.of("audio", "video");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean supports(String family) {
        return CavpBlockFactory.FAMILY.equals(family);
    }

    @Override
    public String version() {
        return "cavp-embed-1";
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        Path media = input.media();
        PreprocessingProfile profile = input.descriptor().profile();
        StepAlignedClip clip;
        try {
            clip = StepAlignedClip.decode(media, profile);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                    + e.getMessage(), e);
        }
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        int window = (int) Math.round(profile.clipSeconds() * profile.video().fps());
        if (input.descriptor().padShort() && clip.steps() < window) {
            clip = clip.padTo(window);
        }
        int steps = clip.steps();
        int[] mel = clip.mel().shape();
        int[] frames = clip.frames().shape();
        Map<String, FloatTensor> outputs = CavpSimilarityTask.forward(input, Map.of(
                "mel", clip.mel().reshape(1, mel[0], mel[1]),
                "frames", clip.frames().reshape(1, frames[0], frames[1], frames[2], frames[3])), media);
        float[] audio = pooled(CavpSimilarityTask.features(outputs, "audio", steps, media));
        float[] video = pooled(CavpSimilarityTask.features(outputs, "video", steps, media));
        int c = audio.length;
        float[] values = new float[2 * c];
        System.arraycopy(audio, 0, values, 0, c);
        System.arraycopy(video, 0, values, c, c);
        try {
            new ClipEmbedding(MODALITIES, values).write(input.outputFolder());
        } catch (IOException e) {
            throw new TaskException(input.outputFolder() + ": cannot write the embedding of " + media.getFileName()
                    + ": " + e.getMessage(), e);
        }
        double cos = 0;
        for (int j = 0; j < c; j++) {
            cos += audio[j] * video[j];
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("audioVideoCosine", cos);
        metrics.put("steps", (double) steps);
        return new ClipResult(input.clipId(), List.of(
                new TaskArtifact("embedding", "embedding", ClipEmbedding.VECTORS, new int[] {2, c}, "float32"),
                new TaskArtifact("embedding description", "json", ClipEmbedding.DESCRIPTION, null, null)),
                metrics);
    }

    /**
     * {@code [T, C]} features as CAVP's semantic contrast pools them: each step L2-normalised, the maximum over
     * steps per channel, normalised again (a zero vector stays zero).
     */
    static float[] pooled(FloatTensor features) {
        int t = features.dim(0);
        int c = features.dim(1);
        float[] x = features.toArray();
        float[] max = new float[c];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < t; i++) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                norm += (double) x[i * c + j] * x[i * c + j];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < c; j++) {
                max[j] = Math.max(max[j], (float) (x[i * c + j] * scale));
            }
        }
        return normalised(max);
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (v[j] * scale);
            }
        }
        return v;
    }
}
