package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CommandContext;
import io.avlens.models.cavp.CavpFamilyTrainer;
import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;

/**
 * {@code avlens train} dispatches to whichever family registered a trainer: a tiny second family
 * ({@link LineFitTrainer}, a 2-parameter line fit on the shared Adam, checkpoints and loss CSV, no CAVP code) trains,
 * is cancelled, resumes to the weights of an uninterrupted run, and is listed with its options in {@code --help}.
 */
class FamilyTrainingTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path data;

    @BeforeEach
    void points() throws Exception {
        data = Files.createDirectories(dir.resolve("points"));
        StringBuilder csv = new StringBuilder();
        for (int i = -5; i <= 5; i++) {
            double x = i / 5.0;
            csv.append(String.format(Locale.ROOT, "%s,%s%n", x, 2 * x + 1));
        }
        Files.writeString(data.resolve("points.csv"), csv);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        TrainCommand train = new TrainCommand(List.of(new LineFitTrainer(), new CavpFamilyTrainer()));
        return new CommandDispatcher(List.of(train)).execute(List.of(args), new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondFamilyTrainsIsCancelledAndResumesToTheSameWeights() throws Exception {
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "straight", "--steps", "40",
                "--checkpoint-every", "7")).as(this::errText).isZero();
        JsonObject straight = json();
        assertThat(straight.keySet()).containsExactly("family", "out", "weights", "descriptor", "lossCurve", "steps",
                "seed", "lr", "resumedFrom", "finalLoss", "learning_rate", "seconds");
        assertThat(straight.get("family").getAsString()).isEqualTo("linefit");
        assertThat(straight.get("steps").getAsInt()).isEqualTo(40);
        assertThat(straight.get("lr").getAsDouble()).isEqualTo(0.1);
        assertThat(straight.get("learning_rate").getAsDouble()).as("cosine decay to a tenth").isEqualTo(0.01);
        List<String> curve = Files.readAllLines(dir.resolve("straight/loss.csv"));
        assertThat(curve.get(0)).isEqualTo("step,mse,learning_rate");
        assertThat(curve).hasSize(41);
        double firstLoss = Double.parseDouble(curve.get(1).split(",")[1]);
        assertThat(straight.get("finalLoss").getAsDouble()).as("the fit improves").isLessThan(firstLoss / 10);
        JsonObject columns = JsonParser.parseString(Files.readString(dir.resolve("straight/loss-columns.json")))
                .getAsJsonObject();
        assertThat(columns.getAsJsonArray("losses").toString()).isEqualTo("[\"mse\"]");
        assertThat(columns.getAsJsonArray("secondary").toString()).isEqualTo("[\"learning_rate\"]");
        assertThat(Checkpoint.header(dir.resolve("straight"))).isEqualTo(new Checkpoint.Header("linefit", 1, 40));

        // cancelled after 15 logged steps: a checkpoint of step 15, then the command line resumes it
        AtomicInteger reports = new AtomicInteger();
        TrainingMonitor stopAfter15 = new TrainingMonitor() {
            @Override
            public void progress(TrainingProgress p) {
                if (p.phase().equals("training")) {
                    reports.incrementAndGet();
                }
            }

            @Override
            public boolean isCancelled() {
                return reports.get() >= 15;
            }
        };
        TrainingResult cancelled = new LineFitTrainer().train(new TrainRequest(data, dir.resolve("resumed"), 40, 1,
                7, Map.of("lr", 0.1)), stopAfter15);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.steps()).isEqualTo(15);
        assertThat(Checkpoint.step(dir.resolve("resumed"))).isEqualTo(15);
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "40",
                "--checkpoint-every", "7")).as(this::errText).isZero();
        assertThat(errText()).contains("resuming from the checkpoint of step 15");
        assertThat(json().get("resumedFrom").getAsInt()).isEqualTo(15);
        assertThat(Files.readAllBytes(dir.resolve("resumed/linefit.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("straight/linefit.params")));
        assertThat(Files.readAllLines(dir.resolve("resumed/loss.csv"))).containsExactlyElementsOf(curve);

        // the shared checkpoint refuses another seed and fewer steps; options of another family are refused
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "40",
                "--seed", "2")).isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("resumed/checkpoint.bin").toString()).contains("seed 1");
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "30"))
                .isEqualTo(2);
        assertThat(errText()).contains("checkpoint of step 40, beyond the 30 steps");

        // ... and another recipe (recipe.json, written when the run started): a resumed run with another learning
        // rate or data folder would continue neither run. Exit 2 before anything is written
        Path resumed = dir.resolve("resumed");
        assertThat(TrainRecipe.read(resumed.resolve(TrainRecipe.FILE))).isEqualTo(new TrainRecipe("linefit", data,
                Map.of("lr", 0.1)));
        byte[] checkpoint = Files.readAllBytes(resumed.resolve("checkpoint.bin"));
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "60",
                "--lr", "0.2")).isEqualTo(2);
        assertThat(errText()).contains(resumed + ": its checkpoint belongs to a run started with --lr 0.1; this run "
                + "asks for --lr 0.2. Resume with the options it was started with, or train into another output "
                + "folder.");
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(data.resolve("points.csv"), copy.resolve("points.csv"));
        assertThat(run("train", "--family", "linefit", "--data", "copy", "--out", "resumed", "--steps", "60"))
                .isEqualTo(2);
        assertThat(errText()).contains("started with --data " + data + "; this run asks for --data " + copy + ".");
        assertThat(Files.readAllBytes(resumed.resolve("checkpoint.bin"))).isEqualTo(checkpoint);
        assertThat(Files.readAllLines(resumed.resolve("loss.csv"))).containsExactlyElementsOf(curve);
        // the same recipe with a longer plan resumes; a run that recorded no recipe (before AV Lens did) resumes too
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "45",
                "--lr", "0.1")).as(this::errText).isZero();
        assertThat(json().get("resumedFrom").getAsInt()).isEqualTo(40);
        Files.delete(resumed.resolve(TrainRecipe.FILE));
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "resumed", "--steps", "50"))
                .as(this::errText).isZero();
        assertThat(json().get("resumedFrom").getAsInt()).isEqualTo(45);
        assertThat(errText()).contains("train: " + resumed + " has no recipe.json (a run started before AV Lens "
                + "recorded one): its data folder and options are not checked");
        assertThat(resumed.resolve(TrainRecipe.FILE)).doesNotExist();
        // data that does not load leaves no output folder (the recipe is recorded once the data has loaded)
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("points.csv"), "1,2\nthree,4\n");
        assertThat(run("train", "--family", "linefit", "--data", "bad", "--out", "fresh")).isEqualTo(2);
        assertThat(errText()).contains(bad.resolve("points.csv") + ": 'three,4' is not x,y");
        assertThat(dir.resolve("fresh")).doesNotExist();
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "x", "--batch", "4"))
                .isEqualTo(2);
        assertThat(errText()).contains("--batch is an option of cavp, not of linefit");
        assertThat(run("train", "--family", "linefit", "--data", "points", "--out", "x", "--lr", "7")).isEqualTo(2);
        assertThat(errText()).contains("Learning rate must be between 0.0001 and 1, not 7.");
        assertThat(run("train", "--family", "denseav", "--data", "points", "--out", "x")).isEqualTo(2);
        assertThat(errText()).contains("unknown family 'denseav'; installed: cavp, linefit");
        // a family whose data check throws: still the user's input, exit 2 naming the folder
        err.reset();
        TrainCommand judges = new TrainCommand(List.of(new io.avlens.models.difffoley.JudgeFamilyTrainer()));
        assertThat(new CommandDispatcher(List.of(judges)).execute(List.of("train", "--family", "avshapes-judges",
                "--data", "points", "--out", "j"), new CommandContext(new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir)))
                .as(this::errText).isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("points") + " has no media/ folder").doesNotContain("internal");
    }

    @Test
    void helpListsTheInstalledFamiliesAndTheirOptions() {
        assertThat(run("train", "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("cavp (CAVP-small, default 2500 steps)")
                .contains("linefit (Line fit, default 50 steps)")
                .contains("--batch in-sync clips per batch, 2-256 (default 16)")
                .contains("--lr peak Adam learning rate, 0.0001-1 (default 0.1)");
    }
}
