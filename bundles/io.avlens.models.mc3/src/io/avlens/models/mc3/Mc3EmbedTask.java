package io.avlens.models.mc3;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.inference.InferenceException;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

/**
 * One clip's MC3 embedding (experiment kind {@value #KIND}, family {@value Mc3BlockFactory#FAMILY}): the audio, the
 * video and the narration of the AV-Shapes sidecar beside the media, through the loaded built-in block
 * ({@link Mc3Embedder}), written as a {@link ClipEmbedding} ({@code embedding.npy [3, D]}, rows
 * {@link Mc3Embedder#MODALITIES}, each of unit length). A clip without a sidecar or narration gets the embedding of
 * the empty text (the same vector for every such clip, not the zero vector, which has no cosine); its metric
 * {@code narrated} is then 0. The sidecar is among {@link #inputs}, so an edited narration gives a new result.
 * Metrics: the three pairwise cosines {@code simAudioVideo}, {@code simAudioText}, {@code simVideoText}, the
 * consensus with the anchor the model was trained with ({@link Mc3Descriptor#anchor}; the text, e.g.
 * {@code min(simAudioText, simVideoText)}, for weights that name none), {@code windows} and {@code narrated}. The
 * anchor is written into the clip's {@code embedding.json}, so the gathered table ranks and colours by it.
 * Stateless.
 */
@Component(service = ClipTask.class)
public final class Mc3EmbedTask implements ClipTask {

    /** The experiment kind. */
    public static final String KIND = "embed";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean supports(String family) {
        return Mc3BlockFactory.FAMILY.equals(family);
    }

    @Override
    public String version() {
        return "mc3-embed-2";
    }

    @Override
    public List<Path> inputs(Path media) {
        return List.of(AvShapesLabels.sidecar(media));
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        Path media = input.media();
        PreprocessingProfile profile = input.descriptor().profile();
        if (!input.parts().isSingle()) {
            throw new TaskException("model " + input.descriptor().id() + " has the parts " + input.parts().roles()
                    + "; MC3's embed task needs the built-in block");
        }
        Mc3Config small = Mc3Config.small();
        Mc3Config config;
        Mc3Clip clip;
        try {
            config = new Mc3BlockFactory(new Mc3Config(profile, small.dimension(), small.width(), small.buckets(),
                    small.textHidden())).config(input.descriptor().outputs(), input.descriptor().notes());
            clip = Mc3Clip.decode(media, config);
        } catch (IOException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException(media + ": model " + input.descriptor().id() + " cannot take it: "
                    + e.getMessage(), e);
        }
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        ClipEmbedding embedding;
        Mc3Loss.Anchor anchor;
        try {
            anchor = Mc3Descriptor.anchor(input.descriptor());
            ClipEmbedding e = new Mc3Embedder(input.parts().single(), config).embed(clip);
            embedding = new ClipEmbedding(e.modalities(), e.values(), anchor.modality());
        } catch (InferenceException e) {
            throw new TaskException(media + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TaskException("model " + input.descriptor().id() + ": " + e.getMessage(), e);
        }
        Path out = input.outputFolder();
        try {
            embedding.write(out);
        } catch (IOException e) {
            throw new TaskException(out + ": cannot write the embedding of " + media.getFileName() + ": "
                    + e.getMessage(), e);
        }
        int d = embedding.dimension();
        float[] v = embedding.values();
        float[] a = java.util.Arrays.copyOfRange(v, 0, d);
        float[] vid = java.util.Arrays.copyOfRange(v, d, 2 * d);
        float[] l = java.util.Arrays.copyOfRange(v, 2 * d, 3 * d);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("simAudioVideo", Mc3Embedder.similarity(a, vid));
        metrics.put("simAudioText", Mc3Embedder.similarity(a, l));
        metrics.put("simVideoText", Mc3Embedder.similarity(vid, l));
        metrics.put("consensus", anchor.consensus(metrics.get("simAudioVideo"), metrics.get("simAudioText"),
                metrics.get("simVideoText")));
        metrics.put("windows", (double) Math.max(1, (clip.steps() + config.steps() - 1) / config.steps()));
        metrics.put("narrated", clip.narration().isBlank() ? 0.0 : 1.0);
        List<TaskArtifact> artifacts = List.of(
                new TaskArtifact("embedding", "tensor", ClipEmbedding.VECTORS, new int[] {3, d}, "float32"),
                new TaskArtifact("modalities", "other", ClipEmbedding.DESCRIPTION, new int[0], null));
        return new ClipResult(input.clipId(), artifacts, metrics);
    }
}
