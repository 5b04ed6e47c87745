package io.avlens.model.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.avlens.model.Annotation;
import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Bookmark;
import io.avlens.model.BooleanParameter;
import io.avlens.model.Clip;
import io.avlens.model.ClipResult;
import io.avlens.model.ClipSelection;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerListParameter;
import io.avlens.model.IntegerParameter;
import io.avlens.model.Label;
import io.avlens.model.Metric;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.ModelSource;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.PreprocessingProfile;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.SoundEvent;
import io.avlens.model.Split;
import io.avlens.model.TensorSpec;
import io.avlens.model.TextParameter;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;

/**
 * A project with one or more of every class, every attribute set to a value other than its default, and the files
 * its locations name (small placeholders: validation checks that files exist, it does not decode them).
 */
final class TestProjects {

    static final AvLensFactory F = AvLensFactory.eINSTANCE;
    static final Instant START = Instant.parse("2026-05-01T12:00:00.250Z");

    private TestProjects() {
    }

    /**
     * Creates the project in {@code folder}; one clip's media lies in {@code elsewhere}, outside the project, and is
     * referred to by an absolute file URI.
     */
    static Project full(ProjectStore store, Path folder, Path elsewhere) throws IOException {
        Project project = store.create(folder, "Kitchen sounds");
        project.setDescription("Spoons, pans & <tags> \"quoted\" — ünïcode ♪");

        Dataset dataset = F.createDataset();
        dataset.setName("kitchen");
        dataset.setRootLocation("media");
        Files.createDirectories(folder.resolve("media"));
        Split train = split("train", "for fitting");
        Split test = split("test", "held out");
        dataset.getSplits().addAll(List.of(train, test));
        Clip video = clip("take-01", file(folder, "media/take-01.mp4"), 4.0, 29.97, 640, 360, 48_000, test);
        video.getLabels().add(label("scene", "kitchen"));
        video.getLabels().add(label("take", "1"));
        video.getAnnotations().addAll(List.of(sound(0.5, 0.25), track(folder), narration(), bookmark()));
        Path outside = elsewhere.resolve("hum.wav");
        Files.write(outside, new byte[] {1});
        Clip audio = clip("hum", Locations.of(folder, outside), 2.5, 0, 0, 0, 16_000, train);
        dataset.getClips().addAll(List.of(video, audio));
        project.getDatasets().add(dataset);

        ModelDescriptor model = F.createModelDescriptor();
        model.setId("cavp");
        model.setFamily("diff-foley");
        model.setSource(ModelSource.TORCH_SCRIPT);
        model.setWeightsLocation(file(folder, "models/cavp.pt"));
        model.setWeightsSha256("0123456789abcdef".repeat(4));
        model.setProfile(profile());
        model.getInputs().add(tensor("frames", "float32", 1, 32, 3, 224, 224));
        model.getInputs().add(tensor("mel", "float32", 1, 128, -1));
        model.getOutputs().add(tensor("embedding", "float32", 1, 512));
        project.getModels().add(model);

        Experiment experiment = F.createExperiment();
        experiment.setId("gen-1");
        experiment.setKind("generation");
        experiment.setDescription("generated sound across guidance scales");
        experiment.getModels().add(model);
        ClipSelection selection = F.createClipSelection();
        selection.setDataset(dataset);
        selection.setSplit(test);
        selection.getClips().add(video);
        experiment.setSelection(selection);
        experiment.getParameters().addAll(parameters());
        experiment.getRuns().add(succeeded(folder, video, model));
        experiment.getRuns().add(failed(folder));
        project.getExperiments().add(experiment);
        return project;
    }

    /** Writes a placeholder file at the relative location and returns the location. */
    static String file(Path folder, String location) throws IOException {
        Path path = folder.resolve(location);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "placeholder for " + location, StandardCharsets.UTF_8);
        return location;
    }

    static Split split(String name, String description) {
        Split split = F.createSplit();
        split.setName(name);
        split.setDescription(description);
        return split;
    }

    static Clip clip(String id, String location, double duration, double fps, int width, int height, int sampleRate,
            Split split) {
        Clip clip = F.createClip();
        clip.setId(id);
        clip.setMediaLocation(location);
        clip.setDuration(duration);
        clip.setFps(fps);
        clip.setFrameWidth(width);
        clip.setFrameHeight(height);
        clip.setSampleRate(sampleRate);
        clip.setHasAudio(sampleRate > 0);
        clip.setSplit(split);
        return clip;
    }

    static Label label(String key, String value) {
        Label label = F.createLabel();
        label.setKey(key);
        label.setValue(value);
        return label;
    }

    static SoundEvent sound(double start, double duration) {
        SoundEvent event = F.createSoundEvent();
        event.setStart(start);
        event.setDuration(duration);
        event.setObjectId("spoon-1");
        event.setMaterial("wood");
        event.setAction("hit");
        return event;
    }

    private static Annotation track(Path folder) throws IOException {
        ObjectTrack track = F.createObjectTrack();
        track.setObjectId("spoon-1");
        track.setMasksLocation(file(folder, "masks/spoon-1.npy"));
        return track;
    }

    private static Annotation narration() {
        Narration narration = F.createNarration();
        narration.setText("I stir the soup, then tap the pan.");
        narration.setStart(1.0);
        narration.setEnd(2.5);
        return narration;
    }

    static Bookmark bookmark() {
        Bookmark bookmark = F.createBookmark();
        bookmark.setTime(3.0);
        bookmark.setNote("the clang");
        return bookmark;
    }

    /** Exactly the settings of io.avlens.core.profile.Profiles.DIFF_FOLEY_CAVP. */
    static PreprocessingProfile profile() {
        PreprocessingProfile profile = F.createPreprocessingProfile();
        profile.setName("diff-foley-cavp");
        profile.setFps(4);
        profile.setFrameWidth(224);
        profile.setFrameHeight(224);
        profile.setSampleRate(16_000);
        profile.setMelBins(128);
        profile.setHop(256);
        profile.setClipSeconds(8);
        return profile;
    }

    static TensorSpec tensor(String name, String dtype, int... shape) {
        TensorSpec tensor = F.createTensorSpec();
        tensor.setName(name);
        tensor.setDtype(dtype);
        for (int d : shape) {
            tensor.getShape().add(d);
        }
        return tensor;
    }

    private static List<io.avlens.model.Parameter> parameters() {
        IntegerParameter seed = F.createIntegerParameter();
        seed.setName("seed");
        seed.setValue(1_234_567_890_123L);
        RealParameter temperature = F.createRealParameter();
        temperature.setName("temperature");
        temperature.setValue(0.07);
        TextParameter head = F.createTextParameter();
        head.setName("heads");
        head.setValue("max");
        BooleanParameter normalize = F.createBooleanParameter();
        normalize.setName("normalize");
        normalize.setValue(true);
        IntegerListParameter steps = F.createIntegerListParameter();
        steps.setName("steps");
        steps.getValues().addAll(List.of(25L, 50L, 50L));
        RealListParameter guidance = F.createRealListParameter();
        guidance.setName("guidance");
        guidance.getValues().addAll(List.of(1.0, 4.5, 7.5, 0.1 + 0.2));
        return List.of(seed, temperature, head, normalize, steps, guidance);
    }

    private static Run succeeded(Path folder, Clip clip, ModelDescriptor model) throws IOException {
        Run run = F.createRun();
        run.setId("run-1");
        run.setStatus(RunStatus.SUCCEEDED);
        run.setStart(START);
        run.setEnd(START.plus(Duration.ofMillis(12_500)));
        run.setDevice("cpu");
        run.setSeed(42);
        Metric recall = F.createMetric();
        recall.setName("recall@10");
        recall.setValue(0.8125);
        run.getMetrics().add(recall);
        run.getArtifacts().add(artifact("similarity", ArtifactKind.SIMILARITY_VOLUME,
                file(folder, "runs/run-1/similarity.npy"), "float32", 32, 250));
        run.getArtifacts().add(artifact("generated", ArtifactKind.AUDIO, file(folder, "runs/run-1/generated.wav"),
                "int16", 64_000));
        run.getArtifacts().forEach(a -> {
            a.setClip(clip);
            a.setModel(model);
        });
        ClipResult result = F.createClipResult();
        result.setClipId(clip.getId());
        result.setModelId(model.getId());
        result.setClip(clip);
        result.setModel(model);
        result.setStatus(RunStatus.FAILED);
        result.setCached(true);
        result.setErrorMessage("media/take-01.mp4: the video stream ends early");
        Metric lag = F.createMetric();
        lag.setName("lagSeconds");
        lag.setValue(-0.25);
        result.getMetrics().add(lag);
        run.getClipResults().add(result);
        run.setLogLocation(file(folder, "runs/run-1/log.txt"));
        return run;
    }

    private static Run failed(Path folder) throws IOException {
        Run run = F.createRun();
        run.setId("run-2");
        run.setStatus(RunStatus.FAILED);
        run.setStart(START.plusSeconds(60));
        run.setEnd(START.plusSeconds(61));
        run.setDevice("cuda:0");
        run.setSeed(-7);
        run.setLogLocation(file(folder, "runs/run-2/log.txt"));
        run.setErrorMessage("CUDA out of memory");
        return run;
    }

    static Artifact artifact(String name, ArtifactKind kind, String location, String dtype, int... shape) {
        Artifact artifact = F.createArtifact();
        artifact.setName(name);
        artifact.setKind(kind);
        artifact.setLocation(location);
        artifact.setDtype(dtype);
        for (int d : shape) {
            artifact.getShape().add(d);
        }
        return artifact;
    }
}
