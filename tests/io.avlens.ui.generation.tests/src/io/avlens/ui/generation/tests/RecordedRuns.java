package io.avlens.ui.generation.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipResult;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.testing.GeneratedSamples;

/**
 * A project with a finished generation-kind run of one clip, as the runner records one, and the Runs view's rows and
 * menus as the user sees them; for the Runs-view tests.
 */
final class RecordedRuns {

    private static final AvLensFactory F = AvLensFactory.eINSTANCE;

    private RecordedRuns() {
    }

    /**
     * Adds experiment {@code foley} of {@code kind} with the succeeded run {@code runId} of {@code clip}, whose
     * artifacts are the sample {@code record} (its JSON) and its WAV, and saves the project in {@code folder}.
     */
    static void add(ProjectStore store, Project project, Path folder, Clip clip, String kind, String runId,
            Path record) throws IOException, ProjectStoreException {
        Experiment experiment = F.createExperiment();
        experiment.setId("foley");
        experiment.setKind(kind);
        Run run = F.createRun();
        run.setId(runId);
        run.setStatus(RunStatus.SUCCEEDED);
        for (Path file : List.of(record, record.resolveSibling(record.getFileName().toString()
                .replace(".json", ".wav")))) {
            Artifact a = F.createArtifact();
            a.setName(file.getFileName().toString());
            a.setKind(file.toString().endsWith(".wav") ? ArtifactKind.AUDIO : ArtifactKind.OTHER);
            a.setLocation(Locations.of(folder, file));
            run.getArtifacts().add(a);
        }
        ClipResult result = F.createClipResult();
        result.setClip(clip);
        result.setClipId(clip.getId());
        result.setModelId(GeneratedSamples.RESYNTHESIS);
        result.setStatus(RunStatus.SUCCEEDED);
        run.getClipResults().add(result);
        experiment.getRuns().add(run);
        project.getExperiments().add(experiment);
        store.save(project);
    }
    /** The row of run {@code runId} in the Runs view, or null. */
    static Run runRow(RunsView view, String runId) {
        for (var item : view.runsViewer().getTable().getItems()) {
            if (item.getData() instanceof Run r && runId.equals(r.getId())) {
                return r;
            }
        }
        return null;
    }

    /** The menu's item texts, filled as when the user opens it. */
    static List<String> menuTexts(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> texts = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            texts.add(item.getText().replace("&", "").split("\t")[0]);
        }
        menu.notifyListeners(SWT.Hide, new Event());
        return texts;
    }
}
