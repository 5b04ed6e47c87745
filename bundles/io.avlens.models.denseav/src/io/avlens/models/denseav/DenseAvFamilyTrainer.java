package io.avlens.models.denseav;

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
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The DenseAV family's trainer service: {@link DenseAvTrainer} on the {@code train} split of an AV-Shapes folder
 * (all its clips when it has no project file), with the schedule of the shipped weights
 * ({@link DenseAvTrainSpec#defaults}) and the batch size, the cell-local image encoder and the centring weight as its
 * options. A request may also carry
 * {@link #WINDOW}, {@link #AMBIENT}, {@link #DISENTANGLE}, {@link #MOTION}, {@link #PAIRS_PER_CLIP},
 * {@link #BACKGROUND_SWAP}, {@link #SPACE_CONTRAST}, {@link #BORDER}, {@link #WIDTH}, {@link #HEAD_CHANNELS} and
 * {@link #HEADS_APART} (the recipes compared in the weights' README, through {@code tools/denseav/Train.java}); they
 * are not offered to the command line or the wizard until a recipe with them ships. Absent, they take the shipped
 * weights' values.
 * Stateless.
 */
@Component(service = FamilyTrainer.class)
public final class DenseAvFamilyTrainer implements FamilyTrainer {

    /** Pairs per batch. */
    public static final TrainOption BATCH = TrainOption.whole("batch", "Batch size", 2, 128,
            DenseAvTrainSpec.defaults(1, 1).batchSize(), "(frame, audio window) pairs per batch, from distinct clips");

    /** Seconds of sound on each side of the frame (2 on a 4 s clip: the whole clip, DenseAV's own regime). */
    public static final TrainOption WINDOW = TrainOption.decimal("window", "Audio window (s)", 0.0625, 60,
            DenseAvConfig.small().windowSeconds(), "seconds of sound on each side of the training frame");

    /** The ambient factor of the non-silence mask ({@link DenseAvTrainSpec#ambientFactor()}). */
    public static final TrainOption AMBIENT = TrainOption.decimal("ambient-factor", "Ambient factor", 0, 100, 0,
            "0: only digital silence is masked; k > 0: audio steps below k times the clip's ambient level are too");

    /**
     * The weight of DenseAV's disentanglement term ({@link DenseAvTrainSpec#disentangleWeight()}); each clip's
     * source comes from its sidecar ({@link ClipSource}).
     */
    public static final TrainOption DISENTANGLE = TrainOption.decimal("disentangle-weight", "Disentangle weight", 0,
            1000, 0, "0: plain InfoNCE; w > 0: adds w times DenseAV's disentanglement term (head 0 sounds, head 1 "
                    + "speech; needs clips with sounds only and clips with speech only)");

    /**
     * Whether the image encoder also reads each frame's change since the previous video frame
     * ({@link DenseAvConfig#RGB_MOTION} channels); 0 (the shipped weights'): RGB only.
     */
    public static final TrainOption MOTION = TrainOption.whole("motion", "Motion channels", 0, 1, 0,
            "0: the image encoder reads the frame's RGB; 1: also its change since the previous video frame");

    /**
     * Pairs per clip in a batch ({@link DenseAvTrainSpec#pairsPerClip()}): 1 (the shipped weights'), or 2, two
     * instants of each clip, so the batch holds negatives that differ only in time.
     */
    public static final TrainOption PAIRS_PER_CLIP = TrainOption.whole("pairs-per-clip", "Pairs per clip", 1, 2, 1,
            "1: every pair from another clip; 2: two instants of each clip, a window apart");

    /**
     * Whether each training frame shows another clip's background ({@link DenseAvTrainSpec#backgroundSwap()}); 0
     * (the shipped weights'): frames as decoded; 2: one background per batch, shared by all its frames
     * ({@link DenseAvTrainSpec#sharedBackground()}).
     */
    public static final TrainOption BACKGROUND_SWAP = TrainOption.whole("background-swap", "Background swap", 0, 2,
            0, "0: frames as decoded; 1: each training frame shows another clip's background around its objects; "
                    + "2: every frame of a batch shows one background, drawn per batch (needs the dataset's "
                    + "instance masks, clip.masks.npy)");

    /**
     * Whether the heads are scored apart ({@link DenseAvTrainSpec#headsApart()}); 0 (the shipped weights'): DenseAV's
     * element-wise maximum over heads.
     */
    public static final TrainOption HEADS_APART = TrainOption.whole("heads-apart", "Heads scored apart", 0, 1, 0,
            "0: the heads' element-wise maximum is scored; 1: each head is scored alone and the loss is the mean "
                    + "of the heads' InfoNCE");

    /** The weight of the mean over space taken off the score's maximum ({@link DenseAvTrainSpec#spaceContrast()}). */
    public static final TrainOption SPACE_CONTRAST = TrainOption.decimal("space-contrast", "Space contrast", 0, 10, 0,
            "0: DenseAV's score, the maximum over space; c > 0: the maximum less c times the mean over space");

    /**
     * Rings of border cells left out of the training score's maximum over space
     * ({@link DenseAvTrainSpec#borderCells()}); 0 (the shipped weights'): every cell.
     */
    public static final TrainOption BORDER = TrainOption.whole("border-cells", "Border cells", 0, 4, 0,
            "0: every cell of the image map counts in the score; r > 0: the outer r rings of cells do not");

    /**
     * Hidden width of both encoders ({@link DenseAvConfig#width()}); 32 (the shipped weights'). Recorded in the
     * descriptor's notes when it differs, so inference builds the same block.
     */
    public static final TrainOption WIDTH = TrainOption.whole("width", "Hidden width", 2, 512,
            DenseAvConfig.SMALL_WIDTH, "hidden width of the image and audio encoders (32: the shipped network)");

    /** Channels per head ({@link DenseAvConfig#headChannels()}); 16 (the shipped weights'). */
    public static final TrainOption HEAD_CHANNELS = TrainOption.whole("head-channels", "Channels per head", 1, 256,
            DenseAvConfig.SMALL_HEAD_CHANNELS, "channels of each head's features (16: the shipped network)");

    /**
     * Whether each cell of the image map is computed from its own pixels only ({@link DenseAvConfig#localCells()});
     * 1 (the shipped weights'); 0: the 3×3 convolutions of the weights shipped before, whose cells see about 21
     * pixels around them.
     */
    public static final TrainOption LOCAL_CELLS = TrainOption.whole("local-cells", "Cell-local image encoder", 0, 1,
            DenseAvConfig.small().localCells() ? 1 : 0, "1: each cell of the image map sees only its own 4x4 pixels; 0: about 21 pixels around it");

    /**
     * The weight of the centring term ({@link DenseAvTrainSpec#centreWeight()});
     * {@value DenseAvTrainSpec#SHIPPED_CENTRE} (the shipped weights'); 0: the InfoNCE alone.
     */
    public static final TrainOption CENTRE = TrainOption.decimal("centre-weight", "Centring weight", 0, 1000,
            DenseAvTrainSpec.SHIPPED_CENTRE, "w > 0: the InfoNCE plus w times the mean squared similarity of each "
                    + "image cell to the batch's audio, so no cell is bright for every sound; 0: the InfoNCE alone");

    /** The options offered to the command line and the wizard. */
    private static final List<TrainOption> OFFERED = List.of(BATCH, LOCAL_CELLS, CENTRE);
    /** Every option {@link #spec} reads, in the order of {@code tools/denseav/Train.java}'s positional arguments. */
    private static final List<TrainOption> ALL = List.of(WINDOW, AMBIENT, BATCH, DISENTANGLE, MOTION, PAIRS_PER_CLIP,
            BACKGROUND_SWAP, SPACE_CONTRAST, BORDER, WIDTH, HEAD_CHANNELS, HEADS_APART, LOCAL_CELLS, CENTRE);

    /** The split trained on. */
    public static final String SPLIT = "train";

    @Override
    public String family() {
        return DenseAvBlockFactory.FAMILY;
    }

    @Override
    public String displayName() {
        return "DenseAV-small";
    }

    @Override
    public String description() {
        return "Dense two-head audio-visual training (DenseAV's max-heads, max-space, mean-frequency, mean-time "
                + "score inside a symmetric InfoNCE) on the train split of an AV-Shapes dataset, best made with "
                + "spoken colour words (`avlens synth --speech`; DIR/media/clip-*.mp4, decoded frames, log-mel and "
                + "RMS cached under DIR/cache/denseav-<profile>/). Writes loss.csv (loss, temperature, accuracy), "
                + "checkpoint.bin, and denseav-small.params with its descriptor denseav-small.json.";
    }

    @Override
    public String dataDescription() {
        return "AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4, its train split)";
    }

    @Override
    public String modelName() {
        return DenseAvDescriptor.MODEL_ID;
    }

    @Override
    public int defaultSteps() {
        return 1500;
    }

    @Override
    public LossColumns columns() {
        return DenseAvTrainer.COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return OFFERED;
    }

    /** The offered options and the tools-only ones (window, ambient factor, …): all change the run. */
    @Override
    public List<TrainOption> recipeOptions() {
        return ALL;
    }

    /**
     * The schedule of {@code request}: the shipped weights' ({@link DenseAvTrainSpec#defaults}) with the request's
     * steps, seed, checkpoint interval, batch, window, ambient factor, disentangle weight, motion channels, pairs
     * per clip, background swap (per frame or per batch), space contrast, border cells, width, channels per head,
     * heads apart, the cell-local image encoder and the centring weight.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public static DenseAvTrainSpec spec(TrainRequest request) {
        DenseAvTrainSpec d = DenseAvTrainSpec.defaults(request.steps(), request.seed());
        DenseAvConfig c = d.config();
        if (request.value(MOTION) != 0 && request.value(MOTION) != 1) {
            throw new IllegalArgumentException("motion must be 0 or 1, not " + request.value(MOTION));
        }
        if (request.value(PAIRS_PER_CLIP) != 1 && request.value(PAIRS_PER_CLIP) != 2) {
            throw new IllegalArgumentException("pairs-per-clip must be 1 or 2, not " + request.value(PAIRS_PER_CLIP));
        }
        if (request.value(BACKGROUND_SWAP) != 0 && request.value(BACKGROUND_SWAP) != 1
                && request.value(BACKGROUND_SWAP) != 2) {
            throw new IllegalArgumentException("background-swap must be 0, 1 or 2, not "
                    + request.value(BACKGROUND_SWAP));
        }
        if (request.value(HEADS_APART) != 0 && request.value(HEADS_APART) != 1) {
            throw new IllegalArgumentException("heads-apart must be 0 or 1, not " + request.value(HEADS_APART));
        }
        if (request.value(LOCAL_CELLS) != 0 && request.value(LOCAL_CELLS) != 1) {
            throw new IllegalArgumentException("local-cells must be 0 or 1, not " + request.value(LOCAL_CELLS));
        }
        if (request.whole(WIDTH) % 2 != 0) {
            throw new IllegalArgumentException("width must be even (the first convolution has half of it), not "
                    + request.value(WIDTH));
        }
        DenseAvConfig config = new DenseAvConfig(c.profile(), c.heads(), request.whole(HEAD_CHANNELS),
                request.whole(WIDTH),
                request.value(WINDOW), request.whole(MOTION) == 1 ? DenseAvConfig.RGB_MOTION : DenseAvConfig.RGB,
                request.whole(LOCAL_CELLS) == 1);
        return new DenseAvTrainSpec(config, request.steps(), request.whole(BATCH), d.learningRate(),
                d.warmupSteps(), request.seed(), request.checkpointEvery(), d.logEvery(), request.value(AMBIENT),
                request.value(DISENTANGLE), request.whole(PAIRS_PER_CLIP), request.whole(BACKGROUND_SWAP) >= 1,
                request.value(SPACE_CONTRAST), request.whole(BORDER), request.whole(BACKGROUND_SWAP) == 2,
                request.whole(HEADS_APART) == 1, request.value(CENTRE));
    }

    /**
     * The command that trains {@code spec}, every option of the recipe spelled out so that it still repeats the run
     * when defaults change: {@code avlens train} with all the options it offers ({@link #options()}) when every other
     * option has its default; else the {@code tools/denseav/Train.java} line with all its positional arguments.
     */
    public static String command(DenseAvTrainSpec spec, Path dir, TrainRequest request) {
        DenseAvConfig c = spec.config();
        List<TrainOption> order = ALL;
        List<Double> values = List.of(c.windowSeconds(), spec.ambientFactor(), (double) spec.batchSize(),
                spec.disentangleWeight(), c.motion() ? 1.0 : 0, (double) spec.pairsPerClip(),
                spec.sharedBackground() ? 2.0 : spec.backgroundSwap() ? 1 : 0, spec.spaceContrast(),
                (double) spec.borderCells(), (double) c.width(), (double) c.headChannels(),
                spec.headsApart() ? 1.0 : 0, c.localCells() ? 1.0 : 0, spec.centreWeight());
        StringBuilder flags = new StringBuilder();
        StringBuilder positional = new StringBuilder();
        boolean onCommandLine = true;
        for (int i = 0; i < order.size(); i++) {
            TrainOption o = order.get(i);
            String value = o.format(values.get(i));
            positional.append(' ').append(value);
            if (OFFERED.contains(o)) {
                flags.append(" --").append(o.name()).append(' ').append(value);
            } else {
                onCommandLine &= values.get(i) == o.defaultValue();
            }
        }
        String head = onCommandLine ? "avlens train --family " + DenseAvBlockFactory.FAMILY + " --data " + dir
                + " --out " + request.out() + " --steps " + request.steps() + " --seed " + request.seed()
                : "java -cp \"$CP\" tools/denseav/Train.java " + dir + " " + request.out() + " " + request.steps()
                        + " " + request.seed();
        return head + (onCommandLine ? flags : positional);
    }

    @Override
    public void checkData(Path dir, TrainRequest request) {
        TrainSplit.requireBatch(dir, SPLIT, request.whole(BATCH));
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        DenseAvTrainSpec spec;
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
        List<DenseClip> clips = new DenseAvData(spec.config()).load(dir, files,
                TrainingMonitor.loading(monitor, files.size()));
        if (monitor.isCancelled()) {
            return TrainingResult.cancelledWhileLoading(0);
        }
        int window = spec.config().windowMelFrames() / DenseAvConfig.AUDIO_STRIDE;
        List<ClipSource> sources = null;
        if (spec.disentangleWeight() > 0) {
            sources = new java.util.ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                sources.add(ClipSource.read(files.get(i)));
            }
            if (!sources.contains(ClipSource.SOUND) || !sources.contains(ClipSource.SPEECH)) {
                throw new IOException(dir + ": the disentanglement term needs clips with sounds only and clips with "
                        + "speech only (avlens synth --speech --separate-speech); this data has "
                        + sources.stream().filter(ClipSource.SOUND::equals).count() + " and "
                        + sources.stream().filter(ClipSource.SPEECH::equals).count());
            }
            List<ClipSource> all = sources;
            List<DenseClip> loaded = clips;
            sources = java.util.stream.IntStream.range(0, clips.size())
                    .filter(i -> loaded.get(i).steps() >= window).mapToObj(all::get).toList();
        }
        List<byte[]> masks = null;
        if (spec.backgroundSwap()) {
            List<byte[]> all = BackgroundSwap.masks(files);
            List<DenseClip> loaded = clips;
            masks = java.util.stream.IntStream.range(0, clips.size())
                    .filter(i -> loaded.get(i).steps() >= window).mapToObj(all::get).toList();
        }
        clips = clips.stream().filter(c -> c.steps() >= window).toList();
        String command = command(spec, dir, request);
        DenseAvDescriptor.Provenance data = new DenseAvDescriptor.Provenance(dir.toString(), project ? SPLIT : null,
                TrainSplit.description(dir), command);
        recipe.record(request.out());
        return new DenseAvTrainer().train(spec, clips, sources, masks, data, request.out(), monitor);
    }
}
