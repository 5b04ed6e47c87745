package io.avlens.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.PlatformUI;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.core.io.FileTrees;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.Locations;
import io.avlens.models.BuiltinModels;
import io.avlens.models.embedding.EmbeddingGather;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.ui.project.Inference;

/**
 * An embedding table computed the way {@code avlens embed} computes it: every clip of a project's dataset, with its
 * split, narration and AV-Shapes labels, run through the model's {@value EmbeddingTableTask#KIND} task as a run of
 * the workbench's model runner, whose dataset stage gathers the table; written with the data folder recorded.
 */
public final class EmbedRuns {

    private EmbedRuns() {
    }

    /** Embeds the project in {@code data} with model {@code modelId} and writes the table into {@code out}. */
    public static EmbeddingTable embed(Path data, String modelId, Path out) throws Exception {
        IEclipseContext context = PlatformUI.getWorkbench().getService(IEclipseContext.class);
        ModelRunner runner = Ui.sync(() -> context.get(ModelRunner.class));
        BuiltinModels builtins = Ui.sync(() -> context.get(BuiltinModels.class));
        RunSettings settings = Inference.settings();
        Inference.installBuiltins(builtins, settings);
        Project project = Ui.sessions().store().open(data);
        List<ClipRef> refs = new ArrayList<>();
        for (Clip clip : project.getDatasets().get(0).getClips()) {
            Path media = Locations.resolve(data, clip.getMediaLocation()).toAbsolutePath().normalize();
            Map<String, String> labels = new LinkedHashMap<>(AvShapesLabels.read(AvShapesLabels.sidecar(media)));
            labels.put(EmbeddingGather.NARRATION, AvShapesLabels.narration(AvShapesLabels.sidecar(media)));
            String name = media.getFileName().toString();
            refs.add(new ClipRef(name.substring(0, name.lastIndexOf('.')), media,
                    clip.getSplit() == null ? null : clip.getSplit().getName(), labels));
        }
        Path runs = Files.createTempDirectory("avlens-embed-test");
        try {
            RunOutcome outcome = runner.run(new io.avlens.runner.RunSnapshot(runs, "embed", EmbeddingTableTask.KIND,
                    List.of(ExperimentSnapshots.model(settings.modelsFolder(), modelId)), refs, Map.of(), 0,
                    List.of()), settings, new NullProgressMonitor());
            if (outcome.datasets().isEmpty()) {
                throw new IOException("the embed run gathered no table: " + outcome.message());
            }
            EmbeddingTable table = EmbeddingFiles.read(outcome.datasets().get(0).folder());
            JsonObject extra = new JsonObject();
            extra.addProperty("data", data.toAbsolutePath().toString());
            EmbeddingFiles.write(out, table, extra);
            return table;
        } finally {
            FileTrees.deleteQuietly(runs); // the table is in out now; the run folder was only the runner's
        }
    }
}
