package io.avlens.ui.training.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.commands.Command;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.models.cavp.CavpFamilyTrainer;
import io.avlens.models.cavp.CavpTrainer;
import io.avlens.models.cavp.TrainSpec;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.runner.ModelRunner;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.testing.Ui;
import io.avlens.ui.training.TrainPage;
import io.avlens.ui.training.TrainWizard;
import io.avlens.ui.training.TrainingJob;
import io.avlens.ui.training.TrainingView;

/**
 * File › Train… (CAVP-small) as a user goes through it, on four tiny AV-Shapes clips: the page names each bad field as
 * it is typed (Finish off), Finish starts a user job under the model runner's scheduling rule (it waits while an
 * inference run holds the rule), the Training view follows the output folder and shows the rows of its loss.csv,
 * a second training into the same folder resumes from the checkpoint (the page says so, the CSV continues), a
 * cancelled training ends CANCEL and leaves a checkpoint, and failures name the file. Expected values are read
 * from the files the trainer wrote, independently of the job and the view.
 */
class TrainWizardTest {

    @TempDir
    Path dir;

    /** Four AV-Shapes clips (seed 5, 64 px, 8 fps, 4 s) in {@code dir/shapes}, the folder. */
    static Path fourClips(Path dir) throws Exception {
        Path data = dir.resolve("shapes");
        new AvShapesGenerator(Ui.sync(() -> Ui.sessions().store())).generate(
                SynthSpec.of(4, 5).withSize(64).withTiming(8, 4), data, SynthProgress.NONE);
        return data;
    }

    @Test
    void trainsFromTheWizardResumesAndCancels() throws Exception {
        Path data = fourClips(dir);
        IWorkbenchWindow window = Ui.window();
        ModelRunner runner = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(ModelRunner.class));
        assertThat(runner).as("the model runner service").isNotNull();
        Path out = dir.resolve("run");

        // File › Train... is contributed after New Synthetic Dataset..., with a handler
        Command command = Ui.sync(() -> PlatformUI.getWorkbench().getService(ICommandService.class)
                .getCommand("io.avlens.ui.training.commands.train"));
        assertThat(command.isDefined()).isTrue();
        assertThat(Ui.sync(command::isHandled)).isTrue();
        List<String> fileMenu = Ui.sync(() -> fileMenu(window));
        assertThat(fileMenu).contains("Train...");
        assertThat(fileMenu.indexOf("Train...")).isEqualTo(fileMenu.indexOf("New Synthetic Dataset...") + 1);

        // -- the page: defaults of avlens train, each bad field named as typed
        Opened first = open(window, runner);
        TrainPage page = first.page();
        List<Text> fields = Ui.sync(() -> texts(page.getControl()));
        assertThat(fields).hasSize(5);
        TrainSpec defaults = TrainSpec.defaults(2500, 1);
        assertThat(Ui.sync(() -> fields.stream().map(Text::getText).toList())).containsExactly("",
                dir.resolve("cavp-small-train").toString(), "2500", "1", Integer.toString(defaults.batchSize()));
        assertThat(Ui.sync(page::getErrorMessage)).startsWith("Choose the AV-Shapes dataset folder");
        assertThat(Ui.sync(first.wizard()::canFinish)).isFalse();

        assertThat(type(first, 0, dir.resolve("nowhere").toString())).isEqualTo(dir.resolve("nowhere")
                + ": no such folder.");
        assertThat(type(first, 0, dir.toString())).startsWith(dir + " has no media/ folder");
        Files.createDirectories(dir.resolve("empty/media"));
        assertThat(type(first, 0, dir.resolve("empty").toString())).isEqualTo(dir.resolve("empty/media")
                + " holds no .mp4 clips.");
        assertThat(type(first, 0, data.toString())).isEqualTo(data + " has 4 in-sync clips (lagSeconds 0) of 4; "
                + "a batch of 16 needs at least 16: lower the batch size or use a larger dataset.");
        assertThat(type(first, 4, "two")).isEqualTo("Batch size: 'two' is not a whole number.");
        assertThat(type(first, 4, "2")).isNull();
        assertThat(type(first, 2, "0")).isEqualTo("Steps must be between 1 and 10000000, not 0.");
        assertThat(type(first, 2, "3")).isNull();
        Path aFile = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        assertThat(type(first, 1, aFile.toString())).isEqualTo(aFile + " is a file, not a folder to train into.");
        assertThat(type(first, 1, data.toString())).startsWith(data + " holds other files (").contains("media");
        Path failed = Files.createDirectories(dir.resolve("failed")); // a run that stopped before its first step
        Files.writeString(failed.resolve("recipe.json"), "{}");
        assertThat(type(first, 1, failed.toString())).isNull();
        assertThat(type(first, 1, out.toString())).isNull();
        assertThat(Ui.sync(page::getMessage)).isNull();
        assertThat(Ui.sync(first.wizard()::canFinish)).isTrue();
        TrainSpec threeSteps = new TrainSpec(defaults.config(), 3, 2, defaults.learningRate(),
                TrainSpec.defaults(3, 1).warmupSteps(), defaults.lambda(), defaults.maxLagSteps(),
                defaults.mergeProbability(), 1, defaults.checkpointEvery(), defaults.logEvery());
        // CavpConfig holds an int[]: compared field by field
        assertThat(Ui.sync(() -> CavpFamilyTrainer.spec(page.request()))).usingRecursiveComparison()
                .isEqualTo(threeSteps);
        Ui.screenshot(Ui.sync(first.dialog()::getShell), "train-wizard");

        // -- Finish while an inference run holds the runner's rule: the training waits for it
        ISchedulingRule rule = runner.schedulingRule();
        Job.getJobManager().beginRule(rule, null);
        TrainingJob job;
        try {
            job = finish(first);
            assertThat(job.getRule()).isSameAs(rule);
            assertThat(job.isUser()).isTrue();
            Ui.sleep(1000);
            assertThat(job.getState()).as("the training job while the rule is held").isEqualTo(Job.WAITING);
            assertThat(out.resolve("loss.csv")).doesNotExist();
        } finally {
            Job.getJobManager().endRule(rule);
        }
        TrainingView view = trainingView(window);
        job.join();
        IStatus status = job.getResult();
        assertThat(status.getSeverity()).as(status::getMessage).isEqualTo(IStatus.OK);
        for (String name : List.of("loss.csv", "checkpoint.bin", "cavp-small.params", "cavp-small.json",
                "recipe.json")) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        assertThat(CavpTrainer.checkpointStep(out)).isEqualTo(3);
        List<String> firstCsv = Files.readAllLines(out.resolve("loss.csv"), StandardCharsets.UTF_8);
        assertThat(firstCsv).hasSize(2); // the header and the row of the last step (rows every 10 steps)
        double[] row = numbers(firstCsv.get(1));
        assertThat(row[0]).isEqualTo(3);
        assertThat(job.finalLoss()).isCloseTo(row[3], within(5e-7));
        assertThat(status.getMessage()).contains("trained to step 3 ")
                .contains(String.format(Locale.ROOT, "final loss %.4f", row[3]))
                .contains("Weights " + out.resolve("cavp-small.params"))
                .contains("descriptor " + out.resolve("cavp-small.json"));
        assertThat(job.result().weights()).isEqualTo(out.resolve("cavp-small.params"));

        // the Training view follows the folder: its curve is the CSV's
        Ui.waitUntil("the view to show the CSV's row", 20, () -> view.curve() != null && view.curve().size() == 1);
        assertThat(Ui.sync(view::statusText)).contains(out.resolve("loss.csv").toString()).contains("1 rows")
                .contains("following");
        assertThat(Ui.sync(view::shown).get(2).name()).isEqualTo("total");
        assertThat(Ui.sync(view::shown).get(2).y()[0]).isEqualTo(row[3]);

        // -- a second training into the same folder resumes; the page says so and checks steps and seed
        Opened second = open(window, runner);
        Ui.run(() -> second.page().fill(data.toString(), out.toString(), "12", "2", "2"));
        assertThat(Ui.sync(second.page()::getErrorMessage)).isEqualTo("The training in " + out
                + " has seed 1: resume it with seed 1, or choose another output folder.");
        assertThat(type(second, 3, "1")).isNull();
        assertThat(type(second, 2, "3")).isEqualTo(out + " holds the checkpoint of step 3: set more than 3 steps "
                + "to continue it.");
        assertThat(Ui.sync(second.wizard()::canFinish)).isFalse();
        assertThat(type(second, 2, "12")).isNull();
        // the run's recipe (recipe.json beside the checkpoint): another batch size would continue neither run
        assertThat(type(second, 4, "3")).isEqualTo("The training in " + out + " was started with Batch size 2: "
                + "resume it with those, or choose another output folder.");
        assertThat(type(second, 4, "2")).isNull();
        assertThat(Ui.sync(second.page()::getMessage)).startsWith("Will resume from step 3 (" + out
                .resolve("checkpoint.bin") + ") and train to step 12.");
        assertThat(Ui.sync(second.page()::resumeStep)).isEqualTo(3);
        Ui.screenshot(Ui.sync(second.dialog()::getShell), "train-wizard-resume");
        TrainingJob resumed = finish(second);
        resumed.join();
        assertThat(resumed.getResult().getSeverity()).as(resumed.getResult()::getMessage).isEqualTo(IStatus.OK);
        assertThat(resumed.resumedFrom()).isEqualTo(3);
        assertThat(resumed.getResult().getMessage()).contains("trained to step 12 (resumed from step 3)");
        List<String> csv = Files.readAllLines(out.resolve("loss.csv"), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(4).startsWith(firstCsv.toArray(String[]::new));
        assertThat(csv.get(2)).startsWith("10,");
        assertThat(csv.get(3)).startsWith("12,");
        assertThat(CavpTrainer.checkpointStep(out)).isEqualTo(12);
        Ui.waitUntil("the view to show the 3 rows", 20, () -> view.curve() != null && view.curve().size() == 3);
        double[] x = Ui.sync(view::shown).get(2).x();
        assertThat(x).containsExactly(3, 10, 12);
        assertThat(Ui.sync(view::shown).get(2).y()[2]).isEqualTo(numbers(csv.get(3))[3]);
        Ui.run(() -> window.getActivePage().activate(window.getActivePage().findView(TrainingView.ID)));
        Ui.maximize(Ui.sync(() -> window.getActivePage().findView(TrainingView.ID)), true);
        Ui.screenshot(window.getShell(), "train-view-after-run");
        Ui.maximize(Ui.sync(() -> window.getActivePage().findView(TrainingView.ID)), false);

        // -- cancel a long training once it has logged a row: CANCEL, with a checkpoint to resume from
        Path longOut = dir.resolve("long");
        Opened third = open(window, runner);
        Ui.run(() -> third.page().fill(data.toString(), longOut.toString(), "2000", "1", "2"));
        assertThat(Ui.sync(third.page()::getErrorMessage)).isNull();
        TrainingJob cancelled = finish(third);
        Ui.waitUntil("a logged row of the long training", 300, () -> rows(longOut.resolve("loss.csv")) > 0);
        cancelled.cancel();
        cancelled.join();
        IStatus cancel = cancelled.getResult();
        assertThat(cancel.getSeverity()).as(cancel::getMessage).isEqualTo(IStatus.CANCEL);
        int at = CavpTrainer.checkpointStep(longOut);
        assertThat(at).isBetween(10, 1999);
        assertThat(cancelled.result().cancelled()).isTrue();
        assertThat(cancelled.result().steps()).isEqualTo(at);
        assertThat(cancel.getMessage()).contains("cancelled at step " + at + " of 2000")
                .contains(longOut.resolve("checkpoint.bin").toString());
        Opened again = open(window, runner);
        Ui.run(() -> again.page().fill(data.toString(), longOut.toString(), "2000", "1", "2"));
        assertThat(Ui.sync(again.page()::getMessage)).startsWith("Will resume from step " + at + " ");
        Ui.run(again.dialog()::close);

        // -- failures name the file: an output folder under a file, a clip that is not a video
        TrainingJob unwritable = new TrainingJob(new CavpFamilyTrainer(), request(data, aFile.resolve("out")));
        IStatus error = unwritable.train(new NullProgressMonitor());
        assertThat(error.getSeverity()).isEqualTo(IStatus.ERROR);
        assertThat(error.getMessage()).contains(aFile.toString());
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve("media"));
        Files.writeString(broken.resolve("media/clip-00000.mp4"), "not a video");
        IStatus bad = new TrainingJob(new CavpFamilyTrainer(), request(broken, dir.resolve("out-broken")))
                .train(new NullProgressMonitor());
        assertThat(bad.getSeverity()).isEqualTo(IStatus.ERROR);
        assertThat(bad.getMessage()).contains(broken.resolve("media/clip-00000.mp4").toString());
        System.out.println(String.format(Locale.ROOT, "train wizard: loss %.4f after 3 steps, %.4f after 12; "
                + "cancelled at step %d", row[3], numbers(csv.get(3))[3], at));
    }

    /** The request of threeSteps: 3 steps, seed 1, batch 2. */
    private static TrainRequest request(Path data, Path out) {
        return new TrainRequest(data, out, 3, 1, TrainRequest.DEFAULT_CHECKPOINT_EVERY, java.util.Map.of("batch", 2));
    }

    /** The File menu's item texts (mnemonics and accelerators dropped), filled as when the user opens it. */
    private static List<String> fileMenu(IWorkbenchWindow window) {
        for (MenuItem item : window.getShell().getMenuBar().getItems()) {
            if (item.getText().replace("&", "").equals("File")) {
                Menu menu = item.getMenu();
                menu.notifyListeners(SWT.Show, new Event());
                List<String> texts = new ArrayList<>();
                for (MenuItem entry : menu.getItems()) {
                    texts.add(entry.getText().replace("&", "").split("\t")[0]);
                }
                menu.notifyListeners(SWT.Hide, new Event());
                return texts;
            }
        }
        throw new AssertionError("no File menu");
    }

    private record Opened(WizardDialog dialog, TrainWizard wizard) {
        TrainPage page() {
            return wizard.page();
        }
    }

    private Opened open(IWorkbenchWindow window, ModelRunner runner) {
        return Ui.sync(() -> {
            List<FamilyTrainer> trainers = TrainWizard.registeredTrainers();
            TrainWizard wizard = new TrainWizard(window, runner, trainers, dir, false);
            WizardDialog d = new WizardDialog(window.getShell(), wizard);
            d.setBlockOnOpen(false);
            d.open();
            // this test trains CAVP-small; other families' trainers (e.g. avshapes-judges) may come first
            wizard.page().selectFamily(trainers.stream().filter(t -> t.family().equals("cavp")).findFirst()
                    .orElseThrow());
            return new Opened(d, wizard);
        });
    }

    /** Presses Finish (the dialog's own button handling: performFinish, then close) and returns the job. */
    private static TrainingJob finish(Opened opened) {
        return Ui.sync(() -> {
            assertThat(opened.wizard().canFinish()).isTrue();
            org.eclipse.swt.widgets.Button button = findButton(opened.dialog().getShell(), "&Finish");
            assertThat(button.isEnabled()).isTrue();
            button.notifyListeners(SWT.Selection, new Event());
            assertThat(opened.dialog().getShell()).as("the dialog, closed by Finish").isNull();
            return opened.wizard().job();
        });
    }

    private static org.eclipse.swt.widgets.Button findButton(Composite parent, String text) {
        for (Control c : parent.getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Button b && text.equals(b.getText())) {
                return b;
            }
            if (c instanceof Composite inner) {
                org.eclipse.swt.widgets.Button found = findButton(inner, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Types {@code value} into field {@code index} (Modify event) and returns the page's error message. */
    private static String type(Opened opened, int index, String value) {
        return Ui.sync(() -> {
            Text text = texts(opened.page().getControl()).get(index);
            text.setText(value);
            String problem = opened.page().getErrorMessage();
            assertThat(opened.wizard().canFinish()).as("Finish with problem %s", problem).isEqualTo(problem == null);
            assertThat(findButton(opened.dialog().getShell(), "&Finish").isEnabled()).isEqualTo(problem == null);
            return problem;
        });
    }

    private static List<Text> texts(Control control) {
        List<Text> found = new ArrayList<>();
        if (control instanceof Text t) {
            found.add(t);
        } else if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                found.addAll(texts(child));
            }
        }
        return found;
    }

    private static TrainingView trainingView(IWorkbenchWindow window) {
        return Ui.sync(() -> {
            MPart part = window.getService(EPartService.class).findPart(TrainingView.ID);
            return (TrainingView) part.getObject();
        });
    }

    private static int rows(Path csv) {
        try {
            return Files.isRegularFile(csv) ? (int) Files.readAllLines(csv).stream()
                    .filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0)))
                    .count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static double[] numbers(String line) {
        String[] fields = line.split(",");
        double[] row = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            row[i] = Double.parseDouble(fields[i]);
        }
        return row;
    }
}
