package io.avlens.ui.training.tests;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingLoop;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;

/**
 * A stand-in family with no network and no CAVP code: its one "parameter" decays by {@code --decay} per step; the
 * loss CSV puts the rate first, declared a secondary-axis column, then the error. Runs on the shared
 * {@link TrainingLoop}, so checkpoints, resume and cancel are the real ones.
 */
final class CountdownTrainer implements FamilyTrainer {

    static final TrainOption DECAY = TrainOption.decimal("decay", "Decay", 0.1, 0.99, 0.9, "factor per step");
    static final LossColumns COLUMNS = LossColumns.of(List.of("rate", "error"), List.of("rate"), "error");

    @Override
    public String family() {
        return "countdown";
    }

    @Override
    public String displayName() {
        return "Countdown";
    }

    @Override
    public String description() {
        return "decays one number towards 0";
    }

    @Override
    public String dataDescription() {
        return "any folder";
    }

    @Override
    public String modelName() {
        return "countdown";
    }

    @Override
    public int defaultSteps() {
        return 20;
    }

    @Override
    public LossColumns columns() {
        return COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(DECAY);
    }

    @Override
    public void checkData(Path data, TrainRequest request) {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(data + ": no such folder.");
        }
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        double decay = request.value(DECAY);
        double[] value = {1};
        TrainingLoop loop = new TrainingLoop(family(), COLUMNS, request.steps(), request.seed(),
                request.checkpointEvery(), 1);
        TrainingLoop.Outcome outcome = loop.run(request.out(), new TrainingLoop.Trainee() {
            @Override
            public double[] step(int step) {
                value[0] *= decay;
                return new double[] {1 - decay, value[0]};
            }

            @Override
            public void save(DataOutputStream out) throws IOException {
                out.writeDouble(value[0]);
            }

            @Override
            public void load(DataInputStream in, String source) throws IOException {
                value[0] = in.readDouble();
            }
        }, monitor);
        Path weights = request.out().resolve("countdown.txt");
        Files.writeString(weights, value[0] + "\n");
        Path descriptor = request.out().resolve("countdown.json");
        Files.writeString(descriptor, "{\"family\": \"countdown\"}\n");
        monitor.progress(loop.report("done", outcome.steps(), outcome.last(), Double.NaN));
        return new TrainingResult(weights, descriptor, request.out().resolve("loss.csv"), outcome.steps(),
                outcome.cancelled(), 0);
    }
}
