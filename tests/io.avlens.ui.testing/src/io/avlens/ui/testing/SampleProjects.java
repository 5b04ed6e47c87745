package io.avlens.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.model.AvLensFactory;
import io.avlens.model.BooleanParameter;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerParameter;
import io.avlens.model.Metric;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.ModelSource;
import io.avlens.model.Narration;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.SoundEvent;
import io.avlens.model.Split;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.runner.data.MediaImport;

/** Real projects on disk for the UI tests, made through the store and the media import as a user's would be. */
public final class SampleProjects {

    private static final AvLensFactory F = AvLensFactory.eINSTANCE;

    private SampleProjects() {
    }

    /**
     * "Kitchen": a dataset with the bounce clip (imported by probing) and its ground truth as annotations, the
     * CAVP-small model descriptor, a similarity experiment with parameters and one finished run. Saved; returns the
     * project folder.
     */
    public static Path kitchen(Path dir, ProjectStore store) throws IOException, ProjectStoreException {
        Path folder = dir.resolve("kitchen-sample");
        Path media = Files.createDirectories(folder.resolve("media"));
        TestClips.bounce(media);
        Project project = store.create(folder, "Kitchen sample");

        Dataset dataset = F.createDataset();
        dataset.setName("takes");
        Split train = F.createSplit();
        train.setName("train");
        dataset.getSplits().add(train);
        new MediaImport(folder, dataset).importFolder(media);
        Clip clip = dataset.getClips().get(0);
        clip.setSplit(train);
        for (int i = 0; i < TestClips.HITS.length; i++) {
            SoundEvent hit = F.createSoundEvent();
            hit.setStart(TestClips.HITS[i]);
            hit.setObjectId("1");
            hit.setMaterial("metal");
            hit.setAction("hit");
            clip.getAnnotations().add(hit);
        }
        Narration narration = F.createNarration();
        narration.setText("a metal ball bounces three times and slides");
        narration.setStart(0);
        narration.setEnd(TestClips.SECONDS);
        clip.getAnnotations().add(narration);
        project.getDatasets().add(dataset);

        ModelDescriptor model = F.createModelDescriptor();
        model.setId("cavp-small");
        model.setFamily("cavp");
        model.setSource(ModelSource.BUILT_IN);
        model.setProfile(profile(Profiles.AVSHAPES_SMALL));
        project.getModels().add(model);

        Experiment experiment = F.createExperiment();
        experiment.setId("sync-check");
        experiment.setKind("similarity");
        experiment.setDescription("Is the sound of each take in sync with its picture?");
        experiment.getModels().add(model);
        experiment.setSelection(F.createClipSelection());
        experiment.getSelection().setDataset(dataset);
        experiment.getSelection().setSplit(train);
        IntegerParameter seed = F.createIntegerParameter();
        seed.setName("seed");
        seed.setValue(7);
        RealListParameter lags = F.createRealListParameter();
        lags.setName("maxLagSeconds");
        lags.getValues().add(1.0);
        BooleanParameter save = F.createBooleanParameter();
        save.setName("saveVolume");
        save.setValue(true);
        experiment.getParameters().add(seed);
        experiment.getParameters().add(lags);
        experiment.getParameters().add(save);
        Run run = F.createRun();
        run.setId("run-1");
        run.setStatus(RunStatus.SUCCEEDED);
        run.setStart(Instant.parse("2026-11-22T10:00:00Z"));
        run.setEnd(Instant.parse("2026-11-22T10:00:02Z"));
        run.setDevice("cpu");
        run.setSeed(7);
        Metric metric = F.createMetric();
        metric.setName("lagSeconds");
        metric.setValue(0.0);
        run.getMetrics().add(metric);
        experiment.getRuns().add(run);
        project.getExperiments().add(experiment);
        store.save(project);
        return folder;
    }

    /** A core preprocessing profile as the EMF model stores it. */
    public static io.avlens.model.PreprocessingProfile profile(PreprocessingProfile core) {
        io.avlens.model.PreprocessingProfile profile = F.createPreprocessingProfile();
        profile.setName(core.id());
        profile.setFps(core.video().fps());
        profile.setFrameWidth(core.video().width());
        profile.setFrameHeight(core.video().height());
        profile.setSampleRate(core.sampleRate());
        if (core.mel() != null) {
            profile.setMelBins(core.mel().bins());
            profile.setHop(core.mel().hop());
        }
        profile.setClipSeconds(core.clipSeconds());
        return profile;
    }
}
