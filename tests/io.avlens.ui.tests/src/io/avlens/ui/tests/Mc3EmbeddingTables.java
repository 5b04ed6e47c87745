package io.avlens.ui.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.inference.InferenceException;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.mc3.Mc3Embedder;

/**
 * An embedding table computed by a real model on a generated dataset: the shipped MC3-small's audio, video and
 * narration vectors of every clip, through {@link Mc3Embedder#embed(Path)} (what MC3's {@code embed} clip task writes
 * for {@code avlens embed}), with the clips' split from the generated project and their narration and labels from
 * the sidecars.
 */
final class Mc3EmbeddingTables {

    private Mc3EmbeddingTables() {
    }

    /** Computes the table of the AV-Shapes dataset in {@code data} and writes it into {@code out}. */
    static EmbeddingTable write(Path data, Path out, ProjectStore store) throws IOException, InferenceException {
        Map<String, String> splits = new HashMap<>();
        List<Path> media = new ArrayList<>();
        Project project = store.open(data);
        for (Clip clip : project.getDatasets().get(0).getClips()) {
            Path file = data.resolve(clip.getMediaLocation()).normalize();
            media.add(file);
            splits.put(file.getFileName().toString(), clip.getSplit() == null ? "" : clip.getSplit().getName());
        }
        List<EmbeddingItem> items = new ArrayList<>();
        List<ClipEmbedding> rows = new ArrayList<>();
        try (Mc3Embedder model = Mc3Embedder.shipped(out.resolveSibling("mc3-models"), 1)) {
            for (Path file : media) {
                rows.add(model.embed(file));
                String name = file.getFileName().toString();
                Path sidecar = AvShapesLabels.sidecar(file);
                items.add(new EmbeddingItem(name.substring(0, name.lastIndexOf('.')),
                        data.relativize(file).toString(), splits.get(name), AvShapesLabels.narration(sidecar),
                        AvShapesLabels.read(sidecar)));
            }
        }
        int d = rows.get(0).dimension();
        int m = rows.get(0).modalities().size();
        float[] values = new float[rows.size() * m * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).values(), 0, values, i * m * d, m * d);
        }
        EmbeddingTable table = new EmbeddingTable("mc3-small", rows.get(0).modalities(), d, values, items);
        JsonObject extra = new JsonObject();
        extra.addProperty("data", data.toAbsolutePath().toString());
        EmbeddingFiles.write(out, table, extra);
        return table;
    }
}
