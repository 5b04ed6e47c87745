package io.avlens.synth;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipSelection;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.Label;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.ModelSource;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * The project a new user sees on first start: a small AV-Shapes dataset whose clips are out of sync by known lags,
 * the built-in CAVP-small model and a ready {@value #EXPERIMENT} similarity experiment over every clip, and the
 * built-in MC3-small with a ready {@value #EMBED_EXPERIMENT} embedding experiment over every clip, and the built-in
 * Diff-Foley-small with a ready {@value #GENERATE_EXPERIMENT} generation experiment over every clip and a
 * {@value #SWEEP_EXPERIMENT} guidance sweep (the ω × γ grid) of the clip in sync ({@link #sweepClip}).
 * <p>
 * It is written into a sibling folder ({@code <folder>.creating}) and renamed into place only when complete, so an
 * interrupted or cancelled first start leaves no half-made project behind: the next start simply begins again.
 * Stateless apart from the store it was given.
 */
public final class DemoProject {

    /** The demo's dataset: 12 clips of 6 s, 128×128 at the built-in model's 8 fps, lags within ±0.5 s. */
    public static final SynthSpec SPEC = SynthSpec.of(12, 2026).withSize(128).withTiming(8, 6).withLagRange(0.5);
    /** The built-in model the experiment uses. */
    public static final String MODEL_ID = "cavp-small";
    /** Its family (the runner picks the similarity task by it). */
    public static final String MODEL_FAMILY = "cavp";
    /** The experiment's id. */
    public static final String EXPERIMENT = "cavp-sync";
    /** The built-in tri-modal model (audio, video, narration) of the embedding experiment. */
    public static final String EMBED_MODEL_ID = "mc3-small";
    /** The id of the experiment that embeds every clip with {@value #EMBED_MODEL_ID} (a dataset-level table). */
    public static final String EMBED_EXPERIMENT = "mc3-embed";
    /** The built-in video-to-audio generator (Diff-Foley-small, double guidance). */
    public static final String GENERATOR_MODEL_ID = "diff-foley-small";
    /** The id of the experiment that generates sound for every clip with {@value #GENERATOR_MODEL_ID}. */
    public static final String GENERATE_EXPERIMENT = "diff-foley-generate";
    /** The id of the experiment that sweeps guidance (ω × γ, the task's default axes) on {@link #sweepClip}. */
    public static final String SWEEP_EXPERIMENT = "diff-foley-sweep";
    /** The project's name. */
    public static final String NAME = "AV Lens demo";
    /** The label AV-Shapes gives each clip with its lag. */
    private static final String LAG_LABEL = "lagSeconds";

    private final ProjectStore store;

    /** @param store the project store (the DS service) */
    public DemoProject(ProjectStore store) {
        this.store = store;
    }

    /** Whether {@code folder} already holds a project (the demo or anything else: it is never overwritten). */
    public static boolean exists(Path folder) {
        return ProjectStore.isProject(folder);
    }

    /**
     * Creates the demo in {@code folder} unless a project is already there.
     *
     * @param progress told after each generated clip; when it asks to stop nothing is left in {@code folder}
     * @return the project folder
     * @throws IOException naming the folder or file that could not be written
     * @throws java.util.concurrent.CancellationException when {@code progress} asked to stop
     */
    public Path create(Path folder, SynthProgress progress) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (exists(target)) {
            return target;
        }
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new IOException(target + ": exists and is not an AV Lens project; move it away or choose another"
                    + " data folder (AVLENS_DATA) for the demo");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".creating");
        FileTrees.delete(partial);
        try {
            new AvShapesGenerator(store).generate(SPEC, partial, progress);
            Project project = store.open(partial);
            addExperiment(project);
            store.save(project);
            Files.deleteIfExists(target);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            return target;
        } catch (ProjectStoreException e) {
            FileTrees.deleteQuietly(partial); // the store's message is the one to report
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(partial);
            throw e;
        }
    }

    /**
     * The clip the demo opens first: the one whose sound is furthest out of sync (its {@code lagSeconds} label),
     * so the similarity volume's estimated lag stands clearly off the zero-lag diagonal.
     */
    public static Optional<Clip> showcase(Project project) {
        return project.getDatasets().stream().flatMap(d -> d.getClips().stream())
                .max(Comparator.comparingDouble(c -> Math.abs(lag(c))));
    }

    /**
     * The clip the guidance sweep runs on: the one in sync (the smallest {@code lagSeconds}, the first of equals), so
     * its ground-truth sound events fall on the hits seen in its frames, which the generated sound should follow.
     */
    public static Optional<Clip> sweepClip(Project project) {
        return project.getDatasets().stream().flatMap(d -> d.getClips().stream())
                .min(Comparator.comparingDouble(c -> Math.abs(lag(c))));
    }

    private static double lag(Clip clip) {
        for (Label l : clip.getLabels()) {
            if (LAG_LABEL.equals(l.getKey())) {
                try {
                    return Double.parseDouble(l.getValue());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Adds the built-in models and the demo experiments (similarity, embedding, generation, guidance sweep). */
    static void addExperiment(Project project) {
        AvLensFactory f = AvLensFactory.eINSTANCE;
        project.setName(NAME);
        project.setDescription("The AV Lens demo. " + project.getDescription() + ". Open a clip to see its video,"
                + " timeline and CAVP similarity volume; run the experiment '" + EXPERIMENT + "' to estimate every"
                + " clip's lag.");
        ModelDescriptor model = f.createModelDescriptor();
        model.setId(MODEL_ID);
        model.setFamily(MODEL_FAMILY);
        model.setSource(ModelSource.BUILT_IN);
        model.setProfile(profile(Profiles.AVSHAPES_SMALL));
        project.getModels().add(model);

        Dataset dataset = project.getDatasets().get(0);
        Experiment experiment = f.createExperiment();
        experiment.setId(EXPERIMENT);
        experiment.setKind("similarity");
        experiment.setDescription("Estimate each clip's audio-video lag from CAVP-small's similarity volume and"
                + " compare it with the lag AV-Shapes put in");
        experiment.getModels().add(model);
        ClipSelection selection = f.createClipSelection();
        selection.setDataset(dataset);
        experiment.setSelection(selection);
        RealParameter maxLag = f.createRealParameter();
        maxLag.setName("maxLagSeconds");
        maxLag.setValue(1.0);
        experiment.getParameters().add(maxLag);
        project.getExperiments().add(experiment);

        ModelDescriptor mc3 = f.createModelDescriptor();
        mc3.setId(EMBED_MODEL_ID);
        mc3.setFamily("mc3");
        mc3.setSource(ModelSource.BUILT_IN);
        mc3.setProfile(profile(Profiles.AVSHAPES_SMALL));
        project.getModels().add(mc3);
        Experiment embed = f.createExperiment();
        embed.setId(EMBED_EXPERIMENT);
        embed.setKind("embed");
        embed.setDescription("Embed every clip's sound, frames and narration with MC3-small into one table (open it"
                + " in the Embedding Explorer) to see where the three agree");
        embed.getModels().add(mc3);
        ClipSelection all = f.createClipSelection();
        all.setDataset(dataset);
        embed.setSelection(all);
        project.getExperiments().add(embed);

        ModelDescriptor generator = f.createModelDescriptor();
        generator.setId(GENERATOR_MODEL_ID);
        generator.setFamily("diff-foley");
        generator.setSource(ModelSource.BUILT_IN);
        generator.setProfile(profile(Profiles.AVSHAPES_SMALL));
        project.getModels().add(generator);
        Experiment generate = f.createExperiment();
        generate.setId(GENERATE_EXPERIMENT);
        generate.setKind("generate");
        generate.setDescription("Generate each clip's sound from its frames with Diff-Foley-small (double guidance,"
                + " omega 4.5, gamma 50, 25 DPM-Solver steps) and play it against the original (Runs view › Play"
                + " Generated Sound)");
        generate.getModels().add(generator);
        ClipSelection every = f.createClipSelection();
        every.setDataset(dataset);
        generate.setSelection(every);
        project.getExperiments().add(generate);

        Experiment sweep = f.createExperiment();
        sweep.setId(SWEEP_EXPERIMENT);
        sweep.setKind("sweep");
        sweep.setDescription("Generate one clip's sound at every guidance setting, classifier-free omega x"
                + " classifier gamma, from the same noise, and compare them as a grid (Runs view › Open Sweep):"
                + " listen like a mixing desk, read the metrics per cell and their surface");
        sweep.getModels().add(generator);
        ClipSelection one = f.createClipSelection();
        one.setDataset(dataset);
        sweepClip(project).ifPresent(one.getClips()::add);
        sweep.setSelection(one);
        sweep.getParameters().add(reals("omegas", 1, 2.5, 4.5, 7));
        sweep.getParameters().add(reals("gammas", 0, 25, 50, 100));
        project.getExperiments().add(sweep);
    }

    private static RealListParameter reals(String name, double... values) {
        RealListParameter p = AvLensFactory.eINSTANCE.createRealListParameter();
        p.setName(name);
        for (double v : values) {
            p.getValues().add(v);
        }
        return p;
    }

    /** A core profile as the EMF model keeps it. */
    static io.avlens.model.PreprocessingProfile profile(PreprocessingProfile core) {
        io.avlens.model.PreprocessingProfile p = AvLensFactory.eINSTANCE.createPreprocessingProfile();
        p.setName(core.id());
        p.setFps(core.video().fps());
        p.setFrameWidth(core.video().width());
        p.setFrameHeight(core.video().height());
        p.setSampleRate(core.sampleRate());
        if (core.mel() != null) {
            p.setMelBins(core.mel().bins());
            p.setHop(core.mel().hop());
        }
        p.setClipSeconds(core.clipSeconds());
        return p;
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
