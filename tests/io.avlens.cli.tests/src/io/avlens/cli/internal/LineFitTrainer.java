package io.avlens.cli.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingLoop;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import io.avlens.models.training.WarmupCosineSchedule;

/**
 * A second, tiny model family for tests, with no CAVP code: {@code y = w x + b} fitted to {@code DATA/points.csv}
 * ({@code x,y} lines) by mean squared error, with the shared {@link Adam}, {@link WarmupCosineSchedule},
 * {@link TrainingLoop} (checkpoints, loss CSV, cancel). Writes {@code linefit.params} ({@code w b} as text) and
 * {@code linefit.json}.
 */
final class LineFitTrainer implements FamilyTrainer {

    static final TrainOption LR = TrainOption.decimal("lr", "Learning rate", 1e-4, 1, 0.1, "peak Adam learning rate");
    static final LossColumns COLUMNS = LossColumns.of(List.of("mse", "learning_rate"), List.of("learning_rate"), "mse");

    @Override
    public String family() {
        return "linefit";
    }

    @Override
    public String displayName() {
        return "Line fit";
    }

    @Override
    public String description() {
        return "fits y = w x + b to DIR/points.csv";
    }

    @Override
    public String dataDescription() {
        return "folder holding points.csv (x,y lines)";
    }

    @Override
    public String modelName() {
        return "linefit";
    }

    @Override
    public int defaultSteps() {
        return 50;
    }

    @Override
    public LossColumns columns() {
        return COLUMNS;
    }

    @Override
    public List<TrainOption> options() {
        return List.of(LR);
    }

    @Override
    public void checkData(Path data, TrainRequest request) {
        if (!Files.isRegularFile(data.resolve("points.csv"))) {
            throw new IllegalArgumentException(data + " has no points.csv.");
        }
    }

    @Override
    public TrainingResult train(TrainRequest request, TrainingMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        TrainRecipe recipe = TrainRecipe.guard(this, request);
        monitor.progress(TrainingProgress.phase("loading", 0, 0));
        List<float[]> points = new ArrayList<>();
        Path csv = request.data().resolve("points.csv");
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            try {
                points.add(new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1])});
            } catch (RuntimeException e) {
                throw new IOException(csv + ": '" + line + "' is not x,y", e);
            }
        }
        recipe.record(request.out());
        float[] xs = new float[points.size()];
        float[] ys = new float[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        WarmupCosineSchedule schedule = new WarmupCosineSchedule((float) request.value(LR), 0, request.steps());
        try (NDManager manager = DjlSetup.engine().newBaseManager()) {
            Parameter w = parameter("w", manager);
            Parameter b = parameter("b", manager);
            Adam adam = new Adam(new PairList<>(List.of("w", "b"), List.of(w, b)), manager);
            NDArray x = manager.create(xs);
            NDArray y = manager.create(ys);
            TrainingLoop loop = new TrainingLoop(family(), COLUMNS, request.steps(), request.seed(),
                    request.checkpointEvery(), 1);
            TrainingLoop.Outcome outcome = loop.run(request.out(), new TrainingLoop.Trainee() {
                @Override
                public double[] step(int step) {
                    double mse;
                    try (NDManager scope = manager.newSubManager();
                            GradientCollector gc = manager.getEngine().newGradientCollector()) {
                        NDArray loss = x.mul(w.getArray()).add(b.getArray()).sub(y).square().mean();
                        loss.attach(scope);
                        gc.backward(loss);
                        mse = loss.getFloat();
                    }
                    float lr = schedule.at(step);
                    try (GradMode.Scope off = GradMode.off()) {
                        adam.step(lr);
                    }
                    return new double[] {mse, lr};
                }

                @Override
                public void save(DataOutputStream out) throws IOException {
                    out.writeFloat(w.getArray().getFloat(0));
                    out.writeFloat(b.getArray().getFloat(0));
                    adam.save(out);
                }

                @Override
                public void load(DataInputStream in, String source) throws IOException {
                    try (GradMode.Scope off = GradMode.off()) {
                        w.getArray().set(new float[] {in.readFloat()});
                        b.getArray().set(new float[] {in.readFloat()});
                    }
                    adam.load(in, manager, source);
                }
            }, monitor);
            Path weights = request.out().resolve("linefit.params");
            Files.writeString(weights, String.format(Locale.ROOT, "%s %s%n", w.getArray().getFloat(0),
                    b.getArray().getFloat(0)));
            Path descriptor = request.out().resolve("linefit.json");
            Files.writeString(descriptor, "{\"family\": \"linefit\", \"steps\": " + outcome.steps() + "}\n");
            monitor.progress(loop.report("done", outcome.steps(), outcome.last(), Double.NaN));
            return new TrainingResult(weights, descriptor, request.out().resolve("loss.csv"), outcome.steps(),
                    outcome.cancelled(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static Parameter parameter(String name, NDManager manager) {
        NDArray value = manager.zeros(new ai.djl.ndarray.types.Shape(1));
        value.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(value)
                .optRequiresGrad(true).build();
    }
}
