package io.avlens.models.embedding;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.EmbeddingExports;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.runner.task.DatasetInput;
import io.avlens.runner.task.DatasetResult;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * The dataset-level stage of an {@value #KIND} run, for models of every family: the clips' embeddings gathered
 * into one table ({@link EmbeddingFiles}, with each pair's similarity among the item labels and
 * {@code consensus.npy} when the table has a text modality) in the run's {@code <model>/_dataset/}, so the
 * workbench finds a dataset's embedding as a result of the run. Metrics: {@code embeddedClips}. Stateless.
 */
@Component(service = DatasetTask.class)
public final class EmbeddingTableTask implements DatasetTask {

    /** The experiment kind of every family's clip embedding. */
    public static final String KIND = "embed";

    @Override
    public String kind() {
        return KIND;
    }

    /** Every family: the per-clip files are the same for all. */
    @Override
    public boolean supports(String family) {
        return true;
    }

    @Override
    public DatasetResult run(DatasetInput input, IProgressMonitor monitor) throws TaskException {
        EmbeddingTable table = EmbeddingExports.withPairSimilarities(EmbeddingGather.gather(input.modelId(),
                input.clips()));
        boolean consensus;
        try {
            consensus = EmbeddingExports.writeConsensus(input.outputFolder(), table);
            EmbeddingFiles.write(input.outputFolder(), table, null);
        } catch (IOException e) {
            throw new TaskException(input.outputFolder() + ": cannot write the embedding table: " + e.getMessage(), e);
        }
        int[] shape = {table.size(), table.modalities().size(), table.dimension()};
        List<TaskArtifact> artifacts = new java.util.ArrayList<>(List.of(
                new TaskArtifact("embedding table", "embeddingTable", EmbeddingFiles.VECTORS, shape, "float32"),
                new TaskArtifact("items", "csv", EmbeddingFiles.ITEMS, null, null),
                new TaskArtifact("description", "json", EmbeddingFiles.DESCRIPTION, null, null)));
        if (consensus) {
            artifacts.add(new TaskArtifact("consensus", "consensus", EmbeddingExports.CONSENSUS,
                    new int[] {table.size()}, "float32"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("embeddedClips", (double) table.size());
        return new DatasetResult(artifacts, metrics);
    }
}
