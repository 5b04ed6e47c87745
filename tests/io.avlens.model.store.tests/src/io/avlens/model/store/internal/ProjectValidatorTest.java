package io.avlens.model.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.PreprocessingProfile;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.ValidationProblem.Severity;

class ProjectValidatorTest {

    @TempDir
    Path dir;

    private final XmiProjectStore store = new XmiProjectStore();
    private Project project;
    private Path folder;
    private Dataset dataset;
    private Clip take;

    @BeforeEach
    void setUp() throws IOException {
        folder = dir.resolve("project");
        project = TestProjects.full(store, folder, Files.createDirectories(dir.resolve("elsewhere")));
        dataset = project.findDataset("kitchen");
        take = dataset.findClip("take-01");
    }

    private List<ValidationProblem> problems() {
        return store.validate(project);
    }

    @Test
    void theFullProjectIsValid() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void duplicateIdsAreErrorsPointingAtBothObjects() {
        Clip twin = TestProjects.clip("take-01", take.getMediaLocation(), 1, 0, 0, 0, 8000, null);
        dataset.getClips().add(twin);
        Run run = project.findExperiment("gen-1").findRun("run-2");
        run.setId("run-1");
        Dataset other = TestProjects.F.createDataset();
        other.setName("kitchen");
        project.getDatasets().add(other);

        assertThat(problems()).extracting(ValidationProblem::severity, ValidationProblem::path,
                ValidationProblem::message).containsExactly(
                        tuple(Severity.ERROR, "datasets[1]",
                                "duplicate dataset name 'kitchen' (also used by datasets[0])"),
                        tuple(Severity.ERROR, "experiments[gen-1]/runs[1]",
                                "duplicate run id 'run-1' (also used by experiments[gen-1]/runs[0])"),
                        tuple(Severity.ERROR, "datasets[0]/clips[2]",
                                "duplicate clip id 'take-01' (also used by datasets[0]/clips[0])"));
    }

    @Test
    void unresolvableLocationsNameTheFileTheyExpected() throws IOException {
        Files.delete(folder.resolve("media/take-01.mp4"));
        ObjectTrack track = (ObjectTrack) take.getAnnotations().get(1);
        track.setMasksLocation("masks/missing.npy");
        Run run = project.findExperiment("gen-1").findRun("run-1");
        run.getArtifacts().get(0).setLocation("http://example.org/similarity.npy");
        dataset.findClip("hum").setMediaLocation(dir.resolve("nowhere/hum.wav").toUri().toString());
        project.findModel("cavp").setWeightsLocation("/absolute/without/scheme.pt");
        dataset.setRootLocation("media/take-01.mp4");

        assertThat(problems()).extracting(ValidationProblem::path, ValidationProblem::message).containsExactly(
                tuple("datasets[kitchen]", "root folder " + folder.resolve("media/take-01.mp4")
                        + " does not exist"),
                tuple("datasets[kitchen]/clips[take-01]", "media file " + folder.resolve("media/take-01.mp4")
                        + " does not exist"),
                tuple("datasets[kitchen]/clips[take-01]/annotations[1]", "mask file "
                        + folder.resolve("masks/missing.npy") + " does not exist"),
                tuple("datasets[kitchen]/clips[hum]", "media file " + dir.resolve("nowhere/hum.wav")
                        + " does not exist"),
                tuple("models[cavp]", "weights file location is not valid: '/absolute/without/scheme.pt' is"
                        + " neither relative to the project folder (with '/' separators) nor an absolute URI"),
                tuple("experiments[gen-1]/runs[run-1]/artifacts[similarity]", "artifact file location is not"
                        + " valid: 'http://example.org/similarity.npy' is not a file location (only file: URIs"
                        + " and paths relative to the project folder are supported)"));
    }

    @Test
    void insaneProfilesAreErrorsSayingWhatIsAllowed() {
        PreprocessingProfile profile = project.findModel("cavp").getProfile();
        profile.setFps(-1);
        profile.setSampleRate(100);
        profile.setHop(0);
        profile.setClipSeconds(0);

        assertThat(problems()).extracting(ValidationProblem::path, ValidationProblem::message).containsExactly(
                tuple("models[cavp]/profile", "profile fps must be 0 (no frames) or in (0, 1000], not -1.0"),
                tuple("models[cavp]/profile", "profile sample rate must be in [1000, 384000] Hz, not 100"),
                tuple("models[cavp]/profile", "profile mel hop must be 1 to 100 samples (one second), not 0"),
                tuple("models[cavp]/profile", "profile clip length must be in (0, 3600] s, not 0.0"));
    }

    @Test
    void aFrameSizeWithoutFramesAndMelBinsBeyondReachAreErrors() {
        PreprocessingProfile profile = project.findModel("cavp").getProfile();
        profile.setFps(0);
        profile.setMelBins(5000);
        assertThat(problems()).extracting(ValidationProblem::message).containsExactly(
                "profile has a frame size (224x224) but no fps",
                "profile mel bins must be 0 (no mel spectrogram) to 1024, not 5000");
    }

    @Test
    void aProfileNamedAfterAKnownOneButDifferingIsAWarning() {
        project.findModel("cavp").getProfile().setFps(8);
        project.findModel("cavp").getProfile().setHop(250);
        assertThat(problems()).extracting(ValidationProblem::severity, ValidationProblem::message).containsExactly(
                tuple(Severity.WARNING, "differs from the known profile 'diff-foley-cavp': fps 8 instead of 4,"
                        + " hop 250 instead of 256"));
    }

    @Test
    void emfsOwnConstraintsAreReportedWithPaths() {
        take.setId(null);
        project.findModel("cavp").setProfile(null);
        List<ValidationProblem> problems = problems();
        assertThat(problems).extracting(ValidationProblem::severity, ValidationProblem::path)
                .contains(tuple(Severity.ERROR, "datasets[kitchen]/clips[0]"), tuple(Severity.ERROR, "models[cavp]"));
        assertThat(problems).extracting(ValidationProblem::message).anyMatch(
                m -> m.contains("'id'") && m.contains("datasets[kitchen]/clips[0]") && m.contains("must be set"));
        assertThat(problems).extracting(ValidationProblem::message).anyMatch(
                m -> m.contains("'profile'") && m.contains("models[cavp]") && m.contains("must be set"));
    }

    @Test
    void timesOutsideTheirClipAndReversedNarrationsAreFound() {
        Narration narration = (Narration) take.getAnnotations().get(2);
        narration.setEnd(0.5);
        take.getAnnotations().add(TestProjects.sound(3.9, 0.5));
        take.getAnnotations().add(TestProjects.sound(-1, 0.1));
        assertThat(problems()).extracting(ValidationProblem::severity, ValidationProblem::path,
                ValidationProblem::message).containsExactly(
                        tuple(Severity.ERROR, "datasets[kitchen]/clips[take-01]/annotations[2]",
                                "ends (0.5 s) before it starts (1.0 s)"),
                        tuple(Severity.ERROR, "datasets[kitchen]/clips[take-01]/annotations[5]",
                                "start must be a time ≥ 0 s, not -1.0"),
                        tuple(Severity.WARNING, "datasets[kitchen]/clips[take-01]/annotations[4]",
                                "ends at 4.4 s, after the end of its clip (4.0 s)"));
    }

    @Test
    void tensorsMustBeNpyFilesAndClipsMustHoldTogether() throws IOException {
        Run run = project.findExperiment("gen-1").findRun("run-1");
        run.getArtifacts().get(0).setLocation(TestProjects.file(folder, "runs/run-1/similarity.csv"));
        take.setFrameWidth(0);
        Experiment experiment = project.findExperiment("gen-1");
        experiment.getSelection().setSplit(TestProjects.split("elsewhere", "not in the dataset"));
        assertThat(problems()).extracting(ValidationProblem::message).contains(
                "split 'elsewhere' is not a split of dataset 'kitchen'",
                "a video clip needs a frame size of 1 to 16384 pixels a side, not 0x360",
                "a similarityVolume artifact must be a NumPy .npy file (tensors never live in the project file),"
                        + " not 'runs/run-1/similarity.csv'");
    }

    @Test
    void aRunThatEndsBeforeItStartsIsAnError() {
        Run run = project.findExperiment("gen-1").findRun("run-2");
        run.setEnd(run.getStart().minusSeconds(1));
        run.setErrorMessage(null);
        assertThat(problems()).extracting(ValidationProblem::severity, ValidationProblem::message).containsExactly(
                tuple(Severity.ERROR, "ends (2026-05-01T12:00:59.250Z) before it starts (2026-05-01T12:01:00.250Z)"),
                tuple(Severity.WARNING, "failed without an error message"));
    }
}
