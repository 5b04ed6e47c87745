package io.avlens.ui.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpFeatures;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.ClipTensors;

/**
 * An embedding table computed by a real model on a generated dataset, for the explorer's UI test until
 * {@code avlens embed} lands: the shipped CAVP-small's per-step audio and video features of every clip, max-pooled
 * over steps and L2-normalised (the clip-level vectors CAVP-small's clip contrast compares), with the clips' split
 * from the generated project and their narration and labels from the sidecars. Two modalities (audio, video): no
 * text, so no MC3 consensus.
 */
final class CavpEmbeddingTables {

    private CavpEmbeddingTables() {
    }

    /** Computes the table of the AV-Shapes dataset in {@code data} and writes it into {@code out}. */
    static EmbeddingTable write(Path data, Path out, ProjectStore store) throws IOException {
        Map<String, String> splits = new HashMap<>();
        Project project = store.open(data);
        for (Clip clip : project.getDatasets().get(0).getClips()) {
            String name = Path.of(clip.getMediaLocation()).getFileName().toString();
            splits.put(name.substring(0, name.lastIndexOf('.')), clip.getSplit() == null ? ""
                    : clip.getSplit().getName());
        }
        List<EmbeddingItem> items = new ArrayList<>();
        float[] values;
        int dimension;
        try (CavpModel model = CavpModel.bundled()) {
            List<ClipTensors> clips = new AvShapesData(model.config()).load(data);
            dimension = model.config().channels();
            values = new float[clips.size() * 2 * dimension];
            for (int i = 0; i < clips.size(); i++) {
                ClipTensors c = clips.get(i);
                CavpFeatures f = model.features(c);
                pool(f.audio(), f.steps(), dimension, values, (i * 2) * dimension);
                pool(f.video(), f.steps(), dimension, values, (i * 2 + 1) * dimension);
                Path media = data.resolve("media").resolve(c.id() + ".mp4");
                Path sidecar = AvShapesLabels.sidecar(media);
                items.add(new EmbeddingItem(c.id(), "media/" + c.id() + ".mp4", splits.getOrDefault(c.id(), ""),
                        AvShapesLabels.narration(sidecar), AvShapesLabels.read(sidecar)));
            }
        }
        EmbeddingTable table = new EmbeddingTable("cavp-small", List.of("audio", "video"), dimension, values, items);
        JsonObject extra = new JsonObject();
        extra.addProperty("data", data.toAbsolutePath().toString());
        extra.addProperty("pooling", "max over steps, L2-normalised");
        EmbeddingFiles.write(out, table, extra);
        return table;
    }

    /** The maximum over steps of {@code [steps, C]} rows, L2-normalised, into {@code out} at {@code at}. */
    private static void pool(float[] rows, int steps, int channels, float[] out, int at) {
        double norm = 0;
        for (int c = 0; c < channels; c++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t < steps; t++) {
                max = Math.max(max, rows[t * channels + c]);
            }
            out[at + c] = max;
            norm += max * max;
        }
        for (int c = 0; c < channels && norm > 0; c++) {
            out[at + c] /= (float) Math.sqrt(norm);
        }
    }
}
