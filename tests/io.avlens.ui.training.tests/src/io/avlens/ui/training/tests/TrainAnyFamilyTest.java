package io.avlens.ui.training.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainOption;
import io.avlens.runner.ModelRunner;
import io.avlens.ui.testing.Ui;
import io.avlens.ui.training.TrainWizard;
import io.avlens.ui.training.TrainingJob;
import io.avlens.ui.training.TrainingView;
import io.avlens.ui.training.internal.TrainingChart;

/**
 * File › Train… with a second family beside CAVP ({@link CountdownTrainer}, no CAVP code): choosing it swaps the
 * page's options for its own, Finish trains it as a job, and the Training view draws its loss.csv with the column its
 * loss-columns.json declares secondary on the right axis, whatever the file's column order.
 */
class TrainAnyFamilyTest {

    @TempDir
    Path dir;

    @Test
    void aSecondFamilyIsChosenTrainedAndPlotted() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ModelRunner runner = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(ModelRunner.class));
        List<FamilyTrainer> trainers = new ArrayList<>(TrainWizard.registeredTrainers());
        assertThat(trainers).extracting(FamilyTrainer::family).contains("cavp");
        CountdownTrainer countdown = new CountdownTrainer();
        trainers.add(countdown);
        TrainWizard wizard = new TrainWizard(window, runner, trainers, dir, false);
        WizardDialog dialog = open(window, wizard);
        // CAVP-small first (other families' trainers, e.g. avshapes-judges, may sort before it)
        Ui.run(() -> wizard.page().selectFamily(trainers.stream().filter(t -> t.family().equals("cavp"))
                .findFirst().orElseThrow()));
        Combo family = Ui.sync(() -> find(wizard.page().getControl(), Combo.class).get(0));
        assertThat(Ui.sync(family::getItems)).contains("CAVP-small (cavp)", "Countdown (countdown)");
        assertThat(Ui.sync(() -> texts(wizard.page().getControl()))).endsWith("16"); // CAVP's batch size

        Ui.run(() -> wizard.page().selectFamily(countdown));
        assertThat(Ui.sync(() -> texts(wizard.page().getControl()))).containsExactly("",
                dir.resolve("countdown-train").toString(), "20", "1", "0.9");
        assertThat(Ui.sync(wizard.page()::getTitle)).isEqualTo("Train Countdown");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path out = dir.resolve("countdown-train");
        Ui.run(() -> wizard.page().fill(data.toString(), out.toString(), "20", "1", "1.5"));
        assertThat(Ui.sync(wizard.page()::getErrorMessage)).isEqualTo("Decay must be between 0.1 and 0.99, not 1.5.");
        Ui.run(() -> wizard.page().fill(data.toString(), out.toString(), "20", "1", "0.5"));
        assertThat(Ui.sync(wizard.page()::getErrorMessage)).isNull();
        Ui.screenshot(Ui.sync(dialog::getShell), "train-wizard-second-family");
        TrainingJob job = Ui.sync(() -> {
            assertThat(wizard.performFinish()).isTrue();
            dialog.close();
            return wizard.job();
        });
        job.join();
        assertThat(job.getResult().getSeverity()).as(job.getResult()::getMessage).isEqualTo(IStatus.OK);
        assertThat(job.getResult().getMessage()).startsWith("Countdown trained to step 20");
        List<String> csv = Files.readAllLines(out.resolve("loss.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("step,rate,error");
        assertThat(csv).hasSize(21);
        assertThat(Files.readString(out.resolve("countdown.txt"))).startsWith(Double.toString(Math.pow(0.5, 20)));

        TrainingView view = Ui.sync(() -> {
            MPart part = window.getService(EPartService.class).findPart(TrainingView.ID);
            return (TrainingView) part.getObject();
        });
        Ui.waitUntil("the view to show the 20 rows", 20, () -> view.curve() != null && view.curve().size() == 20);
        List<TrainingChart.Line> shown = Ui.sync(view::shown);
        assertThat(shown).extracting(TrainingChart.Line::name).as("losses first, then the secondary axis")
                .containsExactly("error", "rate");
        assertThat(shown.get(0).y()[19]).isEqualTo(Double.parseDouble(csv.get(20).split(",")[2]));
        assertThat(shown.get(1).y()).containsOnly(0.5);
        TrainingChart.Axis losses = Ui.sync(() -> view.axis(0));
        TrainingChart.Axis rate = Ui.sync(() -> view.axis(1));
        assertThat(losses.label()).as("the left axis names the family's loss column").isEqualTo("error");
        assertThat(rate.label()).isEqualTo("rate");
        assertThat(rate.lower()).as("a constant rate drawn flat in a range around it, not a zero-height one")
                .isLessThan(0.5).isGreaterThan(0);
        assertThat(rate.upper() - rate.lower()).isGreaterThanOrEqualTo(TrainingChart.MIN_RELATIVE_SPAN * 0.5 - 1e-9);
        Ui.run(() -> window.getActivePage().activate(window.getActivePage().findView(TrainingView.ID)));
        Ui.screenshot(window.getShell(), "train-view-second-family");
    }

    /** MC3-small's consensus anchor is one of three modality names: a read-only drop-down, not a number to type. */
    @Test
    void aChoiceOptionIsADropDownOfItsNames() throws Exception {
        Path data = TrainWizardTest.fourClips(dir);
        IWorkbenchWindow window = Ui.window();
        ModelRunner runner = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(ModelRunner.class));
        List<FamilyTrainer> trainers = new ArrayList<>(TrainWizard.registeredTrainers());
        FamilyTrainer mc3 = trainers.stream().filter(t -> t.family().equals("mc3")).findFirst().orElseThrow();
        TrainOption anchor = mc3.options().stream().filter(o -> o.kind() == TrainOption.Kind.CHOICE).findFirst()
                .orElseThrow();
        TrainWizard wizard = new TrainWizard(window, runner, trainers, dir, false);
        WizardDialog dialog = open(window, wizard);
        try {
            Ui.run(() -> wizard.page().selectFamily(mc3));
            List<Combo> combos = Ui.sync(() -> find(wizard.page().getControl(), Combo.class));
            assertThat(combos).hasSize(2); // the family, and the anchor
            Combo choice = combos.get(1);
            assertThat(Ui.sync(choice::getItems)).containsExactlyElementsOf(anchor.choices());
            assertThat(Ui.sync(choice::getText)).isEqualTo(anchor.formattedDefault());
            assertThat(Ui.sync(() -> (choice.getStyle() & SWT.READ_ONLY) != 0)).as("only its names").isTrue();
            // a text field for each of the other options, none for the choice
            assertThat(Ui.sync(() -> texts(wizard.page().getControl()))).hasSize(4 + mc3.options().size() - 1);

            List<String> values = new ArrayList<>(mc3.options().stream().map(TrainOption::formattedDefault).toList());
            values.set(mc3.options().indexOf(anchor), "audio");
            values.set(0, "2"); // the batch: the 4 clips' training split holds fewer than the default
            Ui.run(() -> wizard.page().fill(data.toString(), dir.resolve("mc3-train").toString(), "20", "1",
                    values.toArray(String[]::new)));
            assertThat(Ui.sync(wizard.page()::getErrorMessage)).isNull();
            assertThat(Ui.sync(choice::getText)).isEqualTo("audio");
            assertThat(Ui.sync(() -> wizard.page().request().value(anchor)))
                    .isEqualTo(anchor.choices().indexOf("audio"));
            Ui.screenshot(Ui.sync(dialog::getShell), "train-wizard-choice-option");
        } finally {
            Ui.run(dialog::close);
        }
    }

    private static WizardDialog open(IWorkbenchWindow window, TrainWizard wizard) {
        return Ui.sync(() -> {
            WizardDialog d = new WizardDialog(window.getShell(), wizard);
            d.setBlockOnOpen(false);
            d.open();
            return d;
        });
    }

    private static <T> List<T> find(Control control, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(control)) {
            found.add(type.cast(control));
        } else if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                found.addAll(find(child, type));
            }
        }
        return found;
    }

    private static List<String> texts(Control control) {
        return find(control, Text.class).stream().map(Text::getText).toList();
    }
}
