package io.avlens.models.embedding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.runner.task.DatasetInput.DatasetClip;
import io.avlens.runner.task.TaskException;

/**
 * Collects the {@link ClipEmbedding}s that an {@code embed} run wrote per clip into one {@link EmbeddingTable},
 * in run order, clips that failed left out, with the first clip's consensus anchor (one model wrote them all). A
 * clip's narration travels among its labels under {@value #NARRATION} and becomes the item's narration. Stateless.
 */
public final class EmbeddingGather {

    /** The label that carries a clip's narration into the table. */
    public static final String NARRATION = "narration";

    private EmbeddingGather() {
    }

    /**
     * The table of the clips that succeeded.
     *
     * @throws TaskException naming the clip when its embedding is missing or unreadable, or when its modalities or
     *                       dimension differ from the first clip's; or when no clip succeeded
     */
    public static EmbeddingTable gather(String model, List<DatasetClip> clips) throws TaskException {
        List<String> modalities = null;
        String anchor = null;
        int dimension = 0;
        List<EmbeddingItem> items = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (DatasetClip clip : clips) {
            if (!clip.succeeded() || clip.folder() == null) {
                continue;
            }
            ClipEmbedding e;
            try {
                e = ClipEmbedding.read(clip.folder());
            } catch (IOException ex) {
                throw new TaskException("clip '" + clip.clipId() + "' (" + clip.media() + "): no readable embedding: "
                        + ex.getMessage(), ex);
            }
            if (modalities == null) {
                modalities = e.modalities();
                dimension = e.dimension();
                anchor = e.consensusAnchor();
            } else if (!modalities.equals(e.modalities()) || dimension != e.dimension()) {
                throw new TaskException("clip '" + clip.clipId() + "' has the modalities " + e.modalities()
                        + " of dimension " + e.dimension() + ", the clips before it " + modalities + " of dimension "
                        + dimension);
            }
            Map<String, String> labels = new LinkedHashMap<>(clip.labels());
            String narration = labels.remove(NARRATION);
            String media = clip.media() == null ? "" : clip.media().toString();
            items.add(new EmbeddingItem(clip.clipId(), media, clip.split(), narration, sorted(labels)));
            rows.add(e.values());
        }
        if (modalities == null) {
            throw new TaskException("no clip was embedded (all " + clips.size() + " failed)");
        }
        int row = modalities.size() * dimension;
        float[] values = new float[rows.size() * row];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * row, row);
        }
        return new EmbeddingTable(model, modalities, dimension, values, items, anchor);
    }

    /** Labels in a stable order (a run's labels come as an unordered map). */
    private static Map<String, String> sorted(Map<String, String> labels) {
        return new java.util.TreeMap<>(labels);
    }
}
