package io.avlens.models.cavp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * CAVP's clip embedding (experiment kind {@value #KIND}, family {@value CavpBlockFactory#FAMILY}): the vectors its
 * semantic contrast {@code L_S} compares ({@link CavpLoss}), i.e. each tower's per-step features L2-normalised,
 * max-pooled over the clip's steps and normalised again, one {@code audio} and one {@code video} vector of the
 * model's dimension C, computed by {@link CavpEmbedder} (the code {@link CavpQueryEncoders} runs for a query from
 * disk, so a file's query vector is its table row). Written as a {@link ClipEmbedding} with the modalities
 * {@code ["audio", "video"]}; metric {@code audioVideoCosine}, the two vectors' cosine. The clip is decoded and padded as by
 * {@link CavpSimilarityTask} (same model inputs, built-in block or a two-part model). Stateless.
 */
@Component(service = ClipTask.class)
public final class CavpEmbedTask implements ClipTask {

    /** The experiment kind every family's clip embedding shares. */
    public static final String KIND = "embed";
    /** The modalities, in row order. */
    public static final List<String> MODALITIES = CavpEmbedder.MODALITIES;

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
        CavpEmbedder.Steps steps = new CavpEmbedder(input.descriptor(), input.parts()).steps(media, monitor);
        ClipEmbedding embedding = CavpEmbedder.pooled(steps, 0, steps.steps());
        try {
            embedding.write(input.outputFolder());
        } catch (IOException e) {
            throw new TaskException(input.outputFolder() + ": cannot write the embedding of " + media.getFileName()
                    + ": " + e.getMessage(), e);
        }
        int c = embedding.dimension();
        float[] v = embedding.values();
        double cos = 0;
        for (int j = 0; j < c; j++) {
            cos += v[j] * v[c + j];
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("audioVideoCosine", cos);
        metrics.put("steps", (double) steps.steps());
        return new ClipResult(input.clipId(), List.of(
                new TaskArtifact("embedding", "embedding", ClipEmbedding.VECTORS, new int[] {2, c}, "float32"),
                new TaskArtifact("embedding description", "json", ClipEmbedding.DESCRIPTION, null, null)),
                metrics);
    }
}
