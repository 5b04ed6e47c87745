package io.avlens.models.tests.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.difffoley.DiffFoleyFamilyTrainer;
import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.cavp.CavpFamilyTrainer;
import io.avlens.models.difffoley.JudgeFamilyTrainer;
import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's {@link TrainRecipe} with the real families: DenseAV's defaults changed between runs (the previous recipe,
 * {@code --local-cells 0 --centre-weight 0}, then the cell-local encoder and centring), so resuming a run started
 * with the old ones under the new defaults must be refused; Diff-Foley's classifier steps are a plan length and may
 * grow; a recipe file that is not one is named. No training (the checkpoint's presence is what {@code guard} looks
 * at; what it holds is {@link Checkpoint#read}'s business).
 */
class TrainRecipeTest {

    @TempDir
    Path dir;

    private Path checkpoint(Path out) throws IOException {
        return Files.write(out.resolve(Checkpoint.FILE), new byte[] {1});
    }

    @Test
    void denseAvRefusesToResumeTheOldRecipeUnderTheNewDefaults() throws Exception {
        DenseAvFamilyTrainer denseav = new DenseAvFamilyTrainer();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path out = dir.resolve("run");
        TrainRequest old = new TrainRequest(data, out, 1500, 1, 200, Map.of("local-cells", 0, "centre-weight", 0.0));
        TrainRecipe oldRecipe = TrainRecipe.guard(denseav, old);
        assertThat(out).as("the guard writes nothing; the run records its recipe once its data has loaded")
                .doesNotExist();
        oldRecipe.record(out);
        TrainRecipe recorded = TrainRecipe.read(out.resolve(TrainRecipe.FILE));
        assertThat(recorded.family()).isEqualTo("denseav");
        assertThat(recorded.data()).isEqualTo(data.toAbsolutePath());
        assertThat(recorded.options()).containsEntry("local-cells", 0.0).containsEntry("centre-weight", 0.0)
                .containsEntry("batch", (double) DenseAvFamilyTrainer.BATCH.defaultValue());
        assertThat(recorded.options().keySet()).as("every option, defaults included")
                .containsExactlyElementsOf(denseav.recipeOptions().stream().map(o -> o.name()).toList());

        // before the first checkpoint a new request simply starts over, recording its own recipe
        TrainRequest defaults = new TrainRequest(data, out, 1500, 1, 200, Map.of());
        TrainRecipe.guard(denseav, defaults).record(out);
        assertThat(TrainRecipe.read(out.resolve(TrainRecipe.FILE))).isEqualTo(TrainRecipe.of(denseav, defaults));
        TrainRecipe.guard(denseav, old).record(out);

        checkpoint(out);
        TrainRecipe.of(denseav, defaults).record(out);
        assertThat(TrainRecipe.read(out.resolve(TrainRecipe.FILE))).as("a resumed run's recipe stays")
                .isEqualTo(oldRecipe);
        assertThat(TrainRecipe.differences(denseav, old)).isEmpty();
        assertThat(TrainRecipe.differences(denseav, new TrainRequest(data, out, 4000, 1, 50,
                Map.of("local-cells", 0, "centre-weight", 0.0)))).as("steps and checkpoints are the plan").isEmpty();
        assertThat(TrainRecipe.differences(denseav, defaults)).extracting(TrainRecipe.Difference::name)
                .containsExactly("local-cells", "centre-weight");
        assertThatThrownBy(() -> TrainRecipe.guard(denseav, defaults)).isInstanceOf(IOException.class)
                .hasMessage(out + ": its checkpoint belongs to a run started with --local-cells 0 --centre-weight 0;"
                        + " this run asks for --local-cells 1 --centre-weight 5. Resume with the options it was "
                        + "started with, or train into another output folder.");
        assertThat(TrainRecipe.describe(TrainRecipe.differences(denseav, defaults), true, false))
                .isEqualTo("Cell-local image encoder 0, Centring weight 0");
        assertThat(TrainRecipe.read(out.resolve(TrainRecipe.FILE))).as("a refusal leaves the recipe").isEqualTo(
                TrainRecipe.of(denseav, old));

        // another family's trainer on the same folder (Checkpoint.read would refuse it too, later)
        assertThat(TrainRecipe.differences(new Mc3FamilyTrainer(), new TrainRequest(data, out, 10, 1, 200,
                Map.of()))).extracting(TrainRecipe.Difference::name).containsExactly("family");
    }

    @Test
    void everyFamilysTrainerRefusesAnotherRecipeBeforeTouchingItsData() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty")); // no clips: the refusal comes first
        for (FamilyTrainer trainer : List.<FamilyTrainer>of(new CavpFamilyTrainer(), new DenseAvFamilyTrainer(),
                new Mc3FamilyTrainer(), new DiffFoleyFamilyTrainer(), new JudgeFamilyTrainer())) {
            Path out = dir.resolve("run-" + trainer.family());
            TrainRecipe.guard(trainer, new TrainRequest(empty, out, 10, 1, 200, Map.of())).record(out);
            checkpoint(out);
            TrainOption batch = trainer.options().stream().filter(o -> o.name().equals("batch")).findFirst()
                    .orElseThrow();
            int other = (int) batch.min() == (int) batch.defaultValue() ? (int) batch.min() + 2 : (int) batch.min();
            assertThatThrownBy(() -> trainer.train(new TrainRequest(empty, out, 20, 1, 200, Map.of("batch", other)),
                    (TrainingMonitor) progress -> { })).as(trainer.family()).isInstanceOf(IOException.class).hasMessageContaining(out
                            + ": its checkpoint belongs to a run started with --batch "
                            + batch.formattedDefault() + "; this run asks for --batch " + other + ".");
            assertThat(Files.readAllBytes(out.resolve(Checkpoint.FILE))).containsExactly(1);
        }
    }

    @Test
    void toolOnlyOptionsAreInTheRecipeByTheirLabels() throws Exception {
        DenseAvFamilyTrainer denseav = new DenseAvFamilyTrainer();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path out = dir.resolve("run");
        TrainRecipe.guard(denseav, new TrainRequest(data, out, 10, 1, 200, Map.of("window", 2.0, "ambient-factor",
                2.0))).record(out);
        checkpoint(out);
        assertThat(TrainRecipe.read(out.resolve(TrainRecipe.FILE)).options()).containsEntry("window", 2.0)
                .containsEntry("ambient-factor", 2.0).hasSize(denseav.recipeOptions().size());
        assertThatThrownBy(() -> TrainRecipe.guard(denseav, new TrainRequest(data, out, 10, 1, 200, Map.of())))
                .hasMessageContaining("started with Audio window (s) 2 Ambient factor 2; this run asks for Audio "
                        + "window (s) 0.5 Ambient factor 0.");
        assertThat(TrainRecipe.differences(denseav, new TrainRequest(data, out, 10, 1, 200, Map.of("window", 2.0,
                "ambient-factor", 2.0, "centre-weight", -0.0)))).as("-0 is 0").hasSize(1)
                .extracting(TrainRecipe.Difference::name).containsExactly("centre-weight");
        // a recipe written by an older version that lacks an option: named, with the way out
        Files.writeString(out.resolve(TrainRecipe.FILE), "{\"family\": \"denseav\", \"data\": \""
                + data.toAbsolutePath() + "\", \"options\": {\"batch\": 16}}");
        assertThatThrownBy(() -> TrainRecipe.guard(denseav, new TrainRequest(data, out, 10, 1, 200, Map.of())))
                .hasMessageContaining("--local-cells (not recorded in " + out.resolve(TrainRecipe.FILE) + ")")
                .hasMessageEndingWith("(or delete " + out.resolve(TrainRecipe.FILE) + " to resume unchecked).");
        assertThat(TrainRecipe.unchecked(out)).isFalse();
        Files.delete(out.resolve(TrainRecipe.FILE));
        assertThat(TrainRecipe.unchecked(out)).isTrue();
        Files.write(out.resolve(TrainRecipe.FILE), new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b});
        assertThatThrownBy(() -> TrainRecipe.guard(denseav, new TrainRequest(data, out, 10, 1, 200, Map.of())))
                .hasMessageStartingWith(out.resolve(TrainRecipe.FILE) + ": not a training recipe");
    }

    @Test
    void diffFoleysClassifierStepsMayGrowButItsNegativesMayNotChange() throws Exception {
        DiffFoleyFamilyTrainer difffoley = new DiffFoleyFamilyTrainer();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path out = dir.resolve("run");
        TrainRecipe.guard(difffoley, new TrainRequest(data, out, 4000, 1, 200, Map.of("classifier-steps", 600)))
                .record(out);
        assertThat(TrainRecipe.read(out.resolve(TrainRecipe.FILE)).options()).containsOnlyKeys("batch",
                "near-miss-share");
        checkpoint(out);
        TrainRecipe.guard(difffoley, new TrainRequest(data, out, 10000, 1, 200, Map.of("classifier-steps", 1500)));
        assertThatThrownBy(() -> TrainRecipe.guard(difffoley, new TrainRequest(data, out, 10000, 1, 200,
                Map.of("near-miss-share", 0.5)))).hasMessageContaining("started with --near-miss-share 0; this run "
                        + "asks for --near-miss-share 0.5.");
    }

    @Test
    void aDamagedRecipeIsNamedAndAFolderWithoutOneResumesUnchecked() throws Exception {
        Mc3FamilyTrainer mc3 = new Mc3FamilyTrainer();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path out = Files.createDirectories(dir.resolve("run"));
        checkpoint(out);
        TrainRequest request = new TrainRequest(data, out, 10, 1, 200, Map.of());
        TrainRecipe.guard(mc3, request).record(out);
        assertThat(out.resolve(TrainRecipe.FILE)).as("a checkpoint without a recipe gets none afterwards")
                .doesNotExist();
        Files.writeString(out.resolve(TrainRecipe.FILE), "{\"family\": \"mc3\"");
        assertThatThrownBy(() -> TrainRecipe.guard(mc3, request)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(out.resolve(TrainRecipe.FILE) + ": not a training recipe (")
                .hasMessageEndingWith("delete it to resume unchecked, or train into another output folder");
        Files.writeString(out.resolve(TrainRecipe.FILE), "{\"family\": \"mc3\", \"data\": \"" + data + "\"}");
        assertThatThrownBy(() -> TrainRecipe.guard(mc3, request)).hasMessageContaining("not a training recipe");
    }
}
