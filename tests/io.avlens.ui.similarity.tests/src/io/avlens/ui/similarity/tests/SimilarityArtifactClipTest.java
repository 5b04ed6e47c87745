package io.avlens.ui.similarity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.ProjectStore;
import io.avlens.runner.data.MediaImport;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.runs.ArtifactClips;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.similarity.SimilarityView;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * A run's similarity volume opens linked to the clip it was computed on: with clip A active, opening clip B's
 * volume from the Runs view activates B, and the Similarity view's volume spans B.
 */
class SimilarityArtifactClipTest {

    private static final AvLensFactory F = AvLensFactory.eINSTANCE;

    @TempDir
    Path dir;

    private ProjectSession session;

    @AfterEach
    void closeProject() {
        if (session != null) {
            Ui.run(() -> Ui.sessions().close(session));
        }
    }

    /** A project with clips "bounce" and "other", and run-1 with a volume of each in the runner's layout. */
    private Path twoClipProject(ProjectStore store) throws Exception {
        Path folder = dir.resolve("two-clips");
        Path media = Files.createDirectories(folder.resolve("media"));
        Files.copy(TestClips.bounce(media), media.resolve("other.mp4"));
        Project project = store.create(folder, "Two clips");
        Dataset dataset = F.createDataset();
        dataset.setName("takes");
        new MediaImport(folder, dataset).importFolder(media);
        project.getDatasets().add(dataset);
        assertThat(dataset.getClips()).extracting(Clip::getId).containsExactlyInAnyOrder("bounce", "other");

        Experiment experiment = F.createExperiment();
        experiment.setId("sync");
        experiment.setKind("similarity");
        Run run = F.createRun();
        run.setId("run-1");
        run.setStatus(RunStatus.SUCCEEDED);
        run.setLogLocation("runs/run-1/run.json");
        StringBuilder clips = new StringBuilder();
        for (String clip : new String[] {"bounce", "other"}) {
            Path volume = Files.createDirectories(folder.resolve("runs/run-1/cavp-small/" + clip))
                    .resolve("similarity.npy");
            float fill = clip.equals("bounce") ? 0.25f : 0.75f;
            float[] values = new float[4 * 4];
            java.util.Arrays.fill(values, fill);
            Npy.write(volume, FloatTensor.of(new int[] {4, 4}, values));
            Artifact artifact = F.createArtifact();
            artifact.setName(clip + "/similarity");
            artifact.setKind(ArtifactKind.SIMILARITY_VOLUME);
            artifact.setLocation("runs/run-1/cavp-small/" + clip + "/similarity.npy");
            run.getArtifacts().add(artifact);
            clips.append(clips.isEmpty() ? "" : ", ").append(String.format(
                    "{\"model\": \"cavp-small\", \"clip\": \"%s\", \"media\": \"%s\", \"folder\": \"cavp-small/%s\"}",
                    clip, media.resolve(clip + ".mp4").toString().replace("\\", "\\\\"), clip));
        }
        Files.writeString(folder.resolve("runs/run-1/run.json"), "{\"run\": \"run-1\", \"clips\": [" + clips + "]}",
                StandardCharsets.UTF_8);
        experiment.getRuns().add(run);
        project.getExperiments().add(experiment);
        store.save(project);
        return folder;
    }

    @Test
    void theVolumeOfClipBOpensOnClipBWhileClipAIsActive() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectStore store = Ui.sync(() -> Ui.sessions().store());
        Path folder = twoClipProject(store);
        Path clipA = folder.resolve("media/bounce.mp4");
        Path clipB = folder.resolve("media/other.mp4");
        session = Ui.sync(() -> {
            try {
                return Ui.sessions().open(folder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Ui.run(() -> OpenClipHandler.open(clipA, window));
        Ui.waitUntil("clip A to be active", 30,
                () -> Ui.contexts().active().map(c -> c.file().equals(clipA)).orElse(false));

        RunsView runs = Ui.sync(() -> {
            try {
                return (RunsView) window.getActivePage().showView(RunsView.ID);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Run run = Ui.sync(() -> session.project().getExperiments().get(0).getRuns().get(0));
        Artifact volumeOfB = run.getArtifacts().get(1);
        Ui.run(() -> runs.select(run));
        Ui.waitUntil("the run's artifacts", 10, () -> runs.artifactsViewer().getTable().getItemCount() == 2);
        Ui.run(() -> {
            runs.artifactsViewer().setSelection(new StructuredSelection(volumeOfB));
            runs.openSelectedArtifact(false);
        });

        SimilarityView similarity = Ui.part(window, SimilarityView.ID, SimilarityView.class);
        Ui.waitUntil("clip B's volume linked to clip B", 30, () -> similarity.clipOf(0) != null
                && similarity.clipOf(0).file().equals(clipB) && similarity.canvas(0).volume() != null);
        AnalysisContext active = Ui.sync(() -> Ui.contexts().active().orElseThrow());
        assertThat(active.file()).as("the shared context shows clip B").isEqualTo(clipB);
        assertThat(Ui.sync(() -> similarity.clipOf(0))).isSameAs(active);
        assertThat(Ui.sync(() -> similarity.canvas(0).volume().values().toArray())).containsOnly(0.75f);
        assertThat(Ui.sync(() -> similarity.canvas(0).volume().videoBase().step() * 4))
                .as("the volume spans clip B").isCloseTo(active.extent().duration(), org.assertj.core.data.Offset
                        .offset(1e-9));
        Ui.screenshot(window.getShell(), "similarity-artifact-of-clip-b");

        // without run.json the clip is found by its folder's name; a run-level file belongs to no clip
        Files.delete(folder.resolve("runs/run-1/run.json"));
        assertThat(ArtifactClips.mediaOf(run, volumeOfB, folder)).contains(clipB);
        Artifact summary = F.createArtifact();
        summary.setLocation("runs/run-1/metrics.csv");
        assertThat(ArtifactClips.mediaOf(run, summary, folder)).isEqualTo(Optional.empty());
    }
}
