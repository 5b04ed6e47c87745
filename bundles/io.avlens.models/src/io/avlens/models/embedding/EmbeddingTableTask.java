package io.avlens.models.embedding;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

import io.avlens.analysis.embedding.EmbeddingExports;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.runner.task.DatasetInput;
import io.avlens.runner.task.DatasetResult;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.ParameterSpec;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * The dataset-level stage of an {@value #KIND} run, for models of every family: the clips' embeddings gathered
 * into one table ({@link EmbeddingFiles}, with each pair's similarity and the items' agreement
 * ({@link io.avlens.analysis.embedding.Agreement}) among the item labels, and
 * {@code consensus.npy} when the table has a text modality) in the run's {@code <model>/_dataset/}, so the
 * workbench finds a dataset's embedding as a result of the run. Metrics: {@code embeddedClips}; with the experiment
 * parameter {@value #RETRIEVAL_METRICS} true, also the cross-modal retrieval figures of the table in every direction
 * ({@link RetrievalRunMetrics#of(EmbeddingTable)}: {@code n}, {@code audio→video R@1}, …, the figures {@code avlens
 * eval --task retrieval} prints and records), so an embed experiment's Run carries them. Stateless.
 */
@Component(service = DatasetTask.class)
public final class EmbeddingTableTask implements DatasetTask {

    /** The experiment kind of every family's clip embedding. */
    public static final String KIND = "embed";
    /** The parameter asking for retrieval figures among the run's metrics (boolean, default false). */
    public static final String RETRIEVAL_METRICS = "retrievalMetrics";

    @Override
    public String kind() {
        return KIND;
    }

    /** Every family: the per-clip files are the same for all. */
    @Override
    public boolean supports(String family) {
        return true;
    }

    /** {@value #RETRIEVAL_METRICS}: read by this stage only, so no clip's cache key depends on it. */
    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.bool(RETRIEVAL_METRICS, false, "also score cross-modal retrieval over the"
                + " table (Recall@1/5/10, mAP, median rank per direction, same clip and same material+action) into"
                + " the run's metrics"));
    }

    @Override
    public DatasetResult run(DatasetInput input, IProgressMonitor monitor) throws TaskException {
        EmbeddingTable table;
        try {
            table = EmbeddingExports.withScores(EmbeddingGather.gather(input.modelId(), input.clips()),
                    () -> monitor != null && monitor.isCanceled());
        } catch (CancellationException e) {
            throw new OperationCanceledException(e.getMessage());
        }
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
        if (Boolean.TRUE.equals(input.parameters().get(RETRIEVAL_METRICS))) {
            metrics.putAll(RetrievalRunMetrics.of(table));
        }
        return new DatasetResult(artifacts, metrics);
    }
}
