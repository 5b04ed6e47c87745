package io.avlens.models.cavp;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;

/**
 * The CAVP family's trainer service: {@link CavpTrainer} with the schedule of the shipped weights
 * ({@link TrainSpec#defaults}) and the batch size as its one option. Stateless; each call trains with a new
 * {@link CavpTrainer}.
 */
@Component(service = FamilyTrainer.class)
public final class CavpFamilyTrainer implements FamilyTrainer {

    /** Clips per batch. */
    public static final TrainOption BATCH = TrainOption.whole("batch", "Batch size", 2, 256,
            TrainSpec.defaults(1, 1).batchSize(), "in-sync clips per batch");

    @Override
    public String family() {
        return CavpTrainer.FAMILY;
    }

    @Override
    public String displayName() {
        return "CAVP-small";
    }

    @Override
    public String description() {
        return "Contrastive audio-visual training on the in-sync clips (lagSeconds 0) of an AV-Shapes dataset (an "
                + "`avlens synth` folder: DIR/media/clip-*.mp4; decoded frames and log-mel are cached under "
                + "DIR/cache/<profile>/). Writes loss.csv (L_S, L_T, total, temperature, L_T_steps, L_T_bands), "
                + "checkpoint.bin, and cavp-small.params with its descriptor cavp-small.json.";
    }

    @Override
    public String dataDescription() {
        return "AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4)";
    }

    @Override
    public String modelName() {
        return CavpDescriptor.MODEL_ID;
    }

    @Override
    public int defaultSteps() {
        return 2500;
    }

    @Override
    public LossColumns columns() {
        return CavpTrainer.COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(BATCH);
    }

    /** The schedule of {@code request}: {@link TrainSpec#defaults} with its steps, seed, batch and checkpoints. */
    public static TrainSpec spec(TrainRequest request) {
        TrainSpec d = TrainSpec.defaults(request.steps(), request.seed());
        return new TrainSpec(d.config(), request.steps(), request.whole(BATCH), d.learningRate(), d.warmupSteps(),
                d.lambda(), d.maxLagSteps(), d.mergeProbability(), request.seed(), request.checkpointEvery(),
                d.logEvery());
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        TrainSpec spec;
        try {
            spec = spec(request);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        TrainRecipe recipe = TrainRecipe.guard(this, request);
        return new CavpTrainer().train(spec, request.data(), request.out(), monitor, recipe);
    }

    /**
     * The problems {@link AvShapesData} would meet, named the same: the folder, its {@code media/*.mp4}, and at
     * least a batch of in-sync clips (sidecar {@code lagSeconds} 0, or no sidecar).
     */
    @Override
    public void checkData(Path dir, TrainRequest request) {
        List<Path> clips = clips(dir);
        long inSync = 0;
        for (Path mp4 : clips) {
            String name = mp4.getFileName().toString();
            Path sidecar = mp4.resolveSibling(name.substring(0, name.length() - 4) + ".json");
            try {
                OptionalDouble lag = AvShapesData.knownLagSeconds(sidecar);
                inSync += lag.orElse(0) == 0 ? 1 : 0;
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        int batch = request.whole(BATCH);
        if (inSync < batch) {
            throw new IllegalArgumentException(dir + " has " + inSync + " in-sync clips (lagSeconds 0) of "
                    + clips.size() + "; a batch of " + batch + " needs at least " + batch
                    + ": lower the batch size or use a larger dataset.");
        }
    }

    private static List<Path> clips(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(dir + ": no such folder.");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a dataset folder.");
        }
        Path media = dir.resolve("media");
        if (!Files.isDirectory(media)) {
            throw new IllegalArgumentException(dir + " has no media/ folder; expected an AV-Shapes dataset "
                    + "(media/clip-*.mp4, see File › New Synthetic Dataset).");
        }
        try (Stream<Path> files = Files.list(media)) {
            List<Path> mp4 = files.filter(p -> p.getFileName().toString().endsWith(".mp4")).sorted().toList();
            if (mp4.isEmpty()) {
                throw new IllegalArgumentException(media + " holds no .mp4 clips.");
            }
            return mp4;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(media + " cannot be read: " + e.getMessage());
        }
    }
}
