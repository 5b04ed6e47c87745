package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.AvLensPackage;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerParameter;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.Run;
import io.avlens.model.store.ProjectStore;

class ProjectRoundTripTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();

    private Project full() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        return TestProjects.full(store, dir.resolve("project"), elsewhere);
    }

    @Test
    void theTestProjectHoldsEveryClassWithEveryAttributeAndReferenceSet() throws IOException {
        Project project = full();
        List<EObject> all = new ArrayList<>(List.of(project));
        project.eAllContents().forEachRemaining(all::add);
        for (EClassifier classifier : AvLensPackage.eINSTANCE.getEClassifiers()) {
            if (!(classifier instanceof EClass eClass) || eClass.isAbstract()) {
                continue;
            }
            List<EObject> instances = all.stream().filter(o -> o.eClass() == eClass).toList();
            assertThat(instances).as("instances of %s", eClass.getName()).isNotEmpty();
            for (EAttribute attribute : eClass.getEAllAttributes()) {
                assertThat(instances.stream().anyMatch(o -> o.eIsSet(attribute)))
                        .as("%s.%s set on some instance", eClass.getName(), attribute.getName()).isTrue();
            }
            for (EReference reference : eClass.getEAllReferences()) {
                assertThat(instances.stream().anyMatch(o -> o.eIsSet(reference)))
                        .as("%s.%s set on some instance", eClass.getName(), reference.getName()).isTrue();
            }
        }
    }

    @Test
    void aFullProjectReadsBackEqualInEveryAttributeAndReference() throws IOException {
        Project original = full();
        store.save(original);

        Project reopened = new XmiProjectStore().open(dir.resolve("project"));

        assertThat(EcoreUtil.equals(original, reopened)).as("EMF structural equality").isTrue();
        assertThat(reopened).isNotSameAs(original);
        assertThat(reopened.getSchemaVersion()).isEqualTo(2);
        assertThat(reopened.getDescription()).isEqualTo("Spoons, pans & <tags> \"quoted\" — ünïcode ♪");
        Dataset dataset = reopened.findDataset("kitchen");
        Clip take = dataset.findClip("take-01");
        assertThat(take.getSplit()).isSameAs(dataset.findSplit("test"));
        assertThat(take.getFps()).isEqualTo(29.97);
        Experiment experiment = reopened.findExperiment("gen-1");
        assertThat(experiment.getModels()).containsExactly(reopened.findModel("cavp"));
        assertThat(experiment.getSelection().getClips()).containsExactly(take);
        assertThat(((IntegerParameter) experiment.findParameter("seed")).getValue()).isEqualTo(1_234_567_890_123L);
        assertThat(((RealListParameter) experiment.findParameter("guidance")).getValues())
                .containsExactly(1.0, 4.5, 7.5, 0.1 + 0.2);
        Run run = experiment.findRun("run-1");
        assertThat(run.getExperiment()).isSameAs(experiment);
        assertThat(run.getStart()).isEqualTo(TestProjects.START);
        assertThat(run.durationSeconds()).isEqualTo(12.5);
        assertThat(run.getArtifacts().get(0).getShape()).containsExactly(32, 250);
        assertThat(dataset.findClip("hum").getMediaLocation())
                .isEqualTo(dir.resolve("elsewhere/hum.wav").toUri().toString());
    }

    @Test
    void savingAnUnchangedProjectWritesTheSameBytes() throws IOException {
        Project project = full();
        store.save(project);
        byte[] first = Files.readAllBytes(ProjectStore.projectFile(dir.resolve("project")));

        Project reopened = store.open(dir.resolve("project"));
        store.save(reopened);

        assertThat(Files.readAllBytes(ProjectStore.projectFile(dir.resolve("project")))).isEqualTo(first);
    }

    @Test
    void theFileIsReadableXmiWithTheSchemaVersionAndNoTensorData() throws IOException {
        store.save(full());
        String xml = Files.readString(ProjectStore.projectFile(dir.resolve("project")), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("xmlns:avlens=\"http://avlens.io/model/1.0\"", "schemaVersion=\"2\"",
                        "mediaLocation=\"media/take-01.mp4\"", "location=\"runs/run-1/similarity.npy\"",
                        "start=\"2026-05-01T12:00:00.250Z\"");
        assertThat(xml.length()).as("small: only references to tensors").isLessThan(20_000);
    }

    @Test
    void aCreatedProjectIsSavedAtOnceAndKnowsItsFolder() throws IOException {
        Project project = store.create(dir.resolve("new/deeper"), "fresh");
        assertThat(ProjectStore.isProject(dir.resolve("new/deeper"))).isTrue();
        assertThat(store.folderOf(project)).isEqualTo(dir.resolve("new/deeper").toAbsolutePath());
        assertThat(store.open(dir.resolve("new/deeper")).getName()).isEqualTo("fresh");
        assertThat(Files.exists(dir.resolve("new/deeper").resolve(ProjectStore.BACKUP_FILE_NAME)))
                .as("nothing to back up yet").isFalse();
    }
}
