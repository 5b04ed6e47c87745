package io.avlens.models.mc3;

import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.denseav.TrainSplit;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * The MC3 family's trainer service: {@link Mc3Trainer} on the {@code train} split of an AV-Shapes folder (all its
 * clips when it has no project file), with the schedule of the shipped weights ({@link Mc3TrainSpec#defaults}); its
 * options are the batch size, the consensus term's weight, margin, μ, width s and anchor modality (weight 0
 * trains the no-consensus ablation), the embedding's values per step and hard-negative batches mined from the model's
 * own audio ({@link Mc3Mining}, off by default). Stateless.
 */
@Component(service = FamilyTrainer.class)
public final class Mc3FamilyTrainer implements FamilyTrainer {

    private static final Mc3Loss.Consensus DEFAULTS = Mc3TrainSpec.defaultConsensus();

    /** Clips per batch. */
    public static final TrainOption BATCH = TrainOption.whole("batch", "Batch size", 2, 256,
            Mc3TrainSpec.defaults(1, 1).batchSize(), "clips per batch, all distinct (the InfoNCE negatives)");
    /** The consensus term's weight; 0 turns it off. */
    public static final TrainOption CONSENSUS = TrainOption.decimal("consensus", "Consensus weight", 0, 10,
            DEFAULTS.weight(), "weight of the consensus term (0: pairwise InfoNCE only, the ablation)");
    /** Below this similarity a disagreeing pair is no longer pushed apart. */
    public static final TrainOption MARGIN = TrainOption.decimal("margin", "Consensus margin", -1, 1,
            DEFAULTS.margin(), "similarity below which a clip whose modalities disagree is no longer pushed");
    /** The consensus at which a clip counts half as agreeing. */
    public static final TrainOption MU = TrainOption.decimal("mu", "Consensus centre", -1, 1, DEFAULTS.mu(),
            "the consensus at which a clip's weight is 1/2 (w = sigmoid((c - mu) / width))");
    /** The width s of the consensus weight's sigmoid. */
    public static final TrainOption WIDTH = TrainOption.decimal("width", "Consensus width", 1e-4, 10,
            DEFAULTS.scale(), "the width s of the consensus weight w = sigmoid((c - mu) / s)");
    /** The consensus's anchor modality. */
    public static final TrainOption ANCHOR = TrainOption.choice("anchor", "Consensus anchor",
            Arrays.stream(Mc3Loss.Anchor.values()).map(Mc3Loss.Anchor::modality).toList(),
            DEFAULTS.anchor().ordinal(), "the consensus's anchor modality: c = min of its similarities to the "
                    + "other two (text: the shipped weights')");

    /**
     * Values per step of the embedding's per-step part; D = k·T + the clip-level 32 (default 1, D = 64, the first
     * weights; the shipped weights: 8, D = 288).
     */
    public static final TrainOption STEP_CHANNELS = TrainOption.whole("step-channels", "Values per step", 1, 16,
            Mc3TrainSpec.defaults(1, 1).config().stepChannels(), "embedding values per video step (D = k x 32 + 32; "
                    + "the shipped weights: 8, D 288)");

    /** 1: the frame encoder has a cell-local path beside its 3×3 one ({@link Mc3Config#localFrames()}). */
    public static final TrainOption LOCAL_FRAMES = TrainOption.whole("local-frames", "Cell-local frame path", 0, 1,
            0, "1: a cell-local path (1x1 convolutions on the 16x16 cells) beside the frame encoder's 3x3 one, pooled "
                    + "with it, as in the shipped weights (0: the 3x3 encoder alone)");

    /** Steps between refreshes of the mined batches' keys (and the random warm-up); 0: random batches only. */
    public static final TrainOption MINE_EVERY = TrainOption.whole("mine-every", "Mine hard batches every", 0,
            1_000_000, 0, "steps between re-embedding every training clip's audio to mine batches of one clip and "
                    + "its nearest clips by the per-step audio part, also the random warm-up (0: random batches only, "
                    + "the shipped weights)");
    /** The share of the steps after the warm-up that train on a mined batch. */
    public static final TrainOption MINE_SHARE = TrainOption.decimal("mine-share", "Mined batch share", 0, 1, 0.5,
            "share of the steps after the warm-up whose batch is mined (with --mine-every)");

    /** The mined neighbours come from this many random clips (0: all training clips). */
    public static final TrainOption MINE_POOL = TrainOption.whole("mine-pool", "Mining pool", 0, 1_000_000, 0,
            "clips drawn at random with the anchor among which its nearest are mined (0: all training clips)");

    /** The split trained on. */
    public static final String SPLIT = "train";

    @Override
    public String family() {
        return Mc3BlockFactory.FAMILY;
    }

    @Override
    public String displayName() {
        return "MC3-small";
    }

    @Override
    public String description() {
        return "Tri-modal contrastive-consensus training (methods.md section 3; our formulation, SoundingActions "
                + "released no code): audio, video and the clip's narration into one space (64 dimensions; more with "
                + "--step-channels) with "
                + "pairwise InfoNCE over (a,v), (a,l), (v,l) plus the consensus term, on the train split of an "
                + "AV-Shapes dataset (DIR/media/clip-*.mp4 with their .json sidecars; decoded frames and log-mel "
                + "cached under DIR/cache/). Writes loss.csv (loss, pairwise, consensus, temperature, accuracy), "
                + "checkpoint.bin, and mc3-small.params with its descriptor mc3-small.json.";
    }

    @Override
    public String dataDescription() {
        return "AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4 with narrations, its train split)";
    }

    @Override
    public String modelName() {
        return Mc3Descriptor.MODEL_ID;
    }

    @Override
    public int defaultSteps() {
        return 1500;
    }

    @Override
    public LossColumns columns() {
        return Mc3Trainer.COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(BATCH, CONSENSUS, MARGIN, MU, WIDTH, ANCHOR, STEP_CHANNELS, LOCAL_FRAMES, MINE_EVERY,
                MINE_SHARE, MINE_POOL);
    }

    /**
     * The spec of {@code request}: the shipped schedule with the request's batch and consensus settings.
     *
     * @throws IllegalArgumentException when the settings do not make a consensus term
     */
    public static Mc3TrainSpec spec(TrainRequest request) {
        Mc3TrainSpec d = Mc3TrainSpec.defaults(request.steps(), request.seed());
        Mc3Loss.Consensus c = new Mc3Loss.Consensus(request.value(CONSENSUS), request.value(MU),
                request.value(WIDTH), request.value(MARGIN), Mc3Loss.Anchor.values()[request.whole(ANCHOR)]);
        Mc3Mining mining = request.whole(MINE_EVERY) == 0 ? Mc3Mining.OFF
                : new Mc3Mining(request.whole(MINE_EVERY), request.value(MINE_SHARE), request.whole(MINE_POOL));
        return new Mc3TrainSpec(d.config().withStepChannels(request.whole(STEP_CHANNELS))
                .withLocalFrames(request.whole(LOCAL_FRAMES) == 1), c, request.steps(),
                request.whole(BATCH), d.learningRate(), d.warmupSteps(), request.seed(), request.checkpointEvery(),
                d.logEvery(), mining);
    }

    @Override
    public void checkData(Path dir, TrainRequest request) {
        TrainSplit.requireBatch(dir, SPLIT, request.whole(BATCH));
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        Mc3TrainSpec spec;
        try {
            spec = spec(request);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        TrainRecipe recipe = TrainRecipe.guard(this, request);
        Path dir = request.data();
        monitor.progress(TrainingProgress.phase("loading", 0, 0)); // the clips are counted as they are read
        boolean project = Files.isRegularFile(dir.resolve("project.avlens"));
        List<Path> files = TrainSplit.select(dir, DenseAvData.clips(dir), SPLIT);
        List<Mc3Clip> clips = load(dir, files, spec.config(), monitor);
        if (monitor.isCancelled()) {
            return TrainingResult.cancelledWhileLoading(0);
        }
        String command = command(spec, dir, request);
        Mc3Descriptor.Provenance data = new Mc3Descriptor.Provenance(dir.toString(), project ? SPLIT : null,
                TrainSplit.description(dir), command);
        recipe.record(request.out());
        return new Mc3Trainer().train(spec, clips, data, request.out(), monitor);
    }

    /** The {@code avlens train} command that trains {@code spec}: every consensus setting, and the options on. */
    public static String command(Mc3TrainSpec spec, Path dir, TrainRequest request) {
        return String.format(Locale.ROOT, "avlens train --family %s --data %s --out %s --steps %d "
                + "--seed %d --batch %d --consensus %s --margin %s --mu %s --width %s --anchor %s%s",
                Mc3BlockFactory.FAMILY, dir,
                request.out(), request.steps(), request.seed(), spec.batchSize(),
                CONSENSUS.format(spec.consensus().weight()), MARGIN.format(spec.consensus().margin()),
                MU.format(spec.consensus().mu()), WIDTH.format(spec.consensus().scale()),
                spec.consensus().anchor().modality(), spec.config().stepChannels() == 1 ? ""
                        : " --step-channels " + spec.config().stepChannels())
                + (spec.config().localFrames() ? " --local-frames 1" : "")
                + (spec.mining().on() ? " --mine-every " + spec.mining().every() + " --mine-share "
                        + MINE_SHARE.format(spec.mining().share())
                        + (spec.mining().pool() > 0 ? " --mine-pool " + spec.mining().pool() : "") : "");
    }

    /** The clips of {@code files} with their narrations (decoded frames and log-mel cached as DenseAV's are). */
    static List<Mc3Clip> load(Path dir, List<Path> files, Mc3Config config, TrainingMonitor monitor)
            throws IOException {
        List<DenseClip> decoded = new DenseAvData(Mc3Clip.decoding(config)).load(dir, files,
                TrainingMonitor.loading(monitor, files.size()));
        List<Mc3Clip> clips = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            clips.add(new Mc3Clip(decoded.get(i).id(), decoded.get(i), Mc3Clip.narration(files.get(i))));
        }
        return clips;
    }
}
