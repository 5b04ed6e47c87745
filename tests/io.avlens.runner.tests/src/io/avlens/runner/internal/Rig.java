package io.avlens.runner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.avlens.inference.InferenceService;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipSelection;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerParameter;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.RealParameter;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;

/**
 * A project folder with clips, the fixture model in a models folder, and a runner on the real CPU inference
 * service (from the OSGi registry, or made directly outside OSGi) with a {@link FrameEmbeddingTask}.
 */
final class Rig {

    static final String MODEL = "fixture-conv";

    final Path project;
    final Path models;
    final Path cache;
    final FrameEmbeddingTask task = new FrameEmbeddingTask();
    final RunnerService runner = new RunnerService();
    final Project emf;
    final Experiment experiment;
    final Dataset dataset;

    Rig(Path dir) throws Exception {
        project = Files.createDirectories(dir.resolve("project"));
        models = Files.createDirectories(dir.resolve("models"));
        cache = dir.resolve("cache");
        Path model = Files.createDirectories(models.resolve(MODEL));
        copy("model.json", model);
        copy("conv_traced.pt", model);
        runner.addInferenceService(inference(), Map.of("service.ranking", 0));
        runner.addTask(task);
        AvLensFactory f = AvLensFactory.eINSTANCE;
        emf = f.createProject();
        emf.setName("p");
        dataset = f.createDataset();
        dataset.setName("takes");
        emf.getDatasets().add(dataset);
        ModelDescriptor descriptor = f.createModelDescriptor();
        descriptor.setId(MODEL);
        descriptor.setFamily("fixture");
        emf.getModels().add(descriptor);
        experiment = f.createExperiment();
        experiment.setId("emb");
        experiment.setKind("embedding");
        experiment.getModels().add(descriptor);
        ClipSelection selection = f.createClipSelection();
        selection.setDataset(dataset);
        experiment.setSelection(selection);
        IntegerParameter seed = f.createIntegerParameter();
        seed.setName("seed");
        seed.setValue(7);
        experiment.getParameters().add(seed);
        RealParameter scale = f.createRealParameter();
        scale.setName("scale");
        scale.setValue(1.5);
        experiment.getParameters().add(scale);
        emf.getExperiments().add(experiment);
    }

    /** Adds a clip whose media file is {@code media/<id>.mp4} (written by the caller or by {@link #clip}). */
    Clip addClip(String id) {
        Clip c = AvLensFactory.eINSTANCE.createClip();
        c.setId(id);
        c.setMediaLocation("media/" + id + ".mp4");
        dataset.getClips().add(c);
        return c;
    }

    /** Writes a 4 s clip and adds it. */
    Clip clip(String id, int tint) throws IOException {
        TestMedia.clip(Files.createDirectories(project.resolve("media")).resolve(id + ".mp4"), 4, tint);
        return addClip(id);
    }

    Path media(String id) {
        return project.resolve("media/" + id + ".mp4");
    }

    RunSnapshot snapshot() throws Exception {
        return ExperimentSnapshots.take(experiment, project, models);
    }

    RunSettings settings() {
        return RunSettings.defaults(project.getParent()).withCacheFolder(cache).withModelsFolder(models)
                .withDevice("cpu");
    }

    /** Every file under the folder with its content, for before/after comparisons. */
    static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString(), FileHashes.digestOf(p));
            }
        }
        return out;
    }

    /** Names of every entry under a folder (files and folders), relative. */
    static List<String> names(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = Rig.class.getResourceAsStream("/resources/models/fixture-conv/" + name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing: is resources/ in build.properties?");
            }
            Files.copy(in, dir.resolve(name));
        }
    }

    /** The CPU service: from the OSGi registry inside OSGi, else made directly. */
    static InferenceService inference() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(Rig.class);
        if (bundle != null) {
            ServiceTracker<InferenceService, InferenceService> tracker = new ServiceTracker<>(
                    bundle.getBundleContext(), InferenceService.class, null);
            tracker.open();
            InferenceService s = tracker.waitForService(20_000);
            if (s == null) {
                throw new IllegalStateException("no InferenceService is registered");
            }
            return s;
        }
        return (InferenceService) Class.forName("io.avlens.inference.djl.internal.CpuInferenceService")
                .getConstructor().newInstance();
    }
}
