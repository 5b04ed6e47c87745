package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.IWizardContainer2;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainOption;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainRequest;
import io.avlens.ui.training.internal.OptionRows;

/**
 * The settings of a training, checked as they are typed, with the ranges and defaults of {@code avlens train}: the
 * family (among the registered trainers), the data folder (checked by the family's trainer), the output folder (new
 * or empty for a fresh training, or holding a previous training's checkpoint: the page then says from which step it
 * resumes, and asks for more steps, the checkpoint's family and seed, and the data folder and options its
 * {@code recipe.json} records), steps, seed, and the family's own options.
 */
public final class TrainPage extends WizardPage {

    /** The seed proposed, as {@code avlens train}'s default. */
    public static final long DEFAULT_SEED = 1;
    private static final TrainOption STEPS = TrainOption.whole("steps", "Steps", 1, 10_000_000, 1,
            "optimizer steps in all, 1 to 10000000");
    private static final TrainOption SEED = TrainOption.whole("seed", "Seed", 0, Integer.MAX_VALUE, 1,
            "seeds weights and batches; a resumed run keeps its seed");

    private final List<FamilyTrainer> trainers;
    private final Path defaultParent;
    private Composite body;
    private Combo family;
    private Text data;
    private Text out;
    private Text steps;
    private Text seed;
    /** The chosen family's option rows, in its trainer's order. */
    private final OptionRows options = new OptionRows();
    private FamilyTrainer trainer;
    private TrainRequest request;
    private int resumeStep = -1;
    private String checkedData;

    /**
     * @param trainers      the registered trainers, at least one; the first is chosen at first
     * @param defaultParent where a new output folder is proposed
     */
    TrainPage(List<FamilyTrainer> trainers, Path defaultParent) {
        super("train", "Train", null);
        this.trainers = List.copyOf(trainers);
        this.defaultParent = defaultParent;
        this.trainer = trainers.get(0);
    }

    @Override
    public void createControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        new Label(body, SWT.NONE).setText("&Family:");
        family = new Combo(body, SWT.READ_ONLY);
        trainers.forEach(t -> family.add(t.displayName() + " (" + t.family() + ")"));
        family.select(0);
        family.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        family.addListener(SWT.Selection, e -> selectFamily(trainers.get(family.getSelectionIndex())));
        data = folderField(body, "&Data folder:", "The dataset folder the family trains on");
        out = folderField(body, "&Output folder:", "Where checkpoint.bin, loss.csv and the weights go");
        steps = field(body, "&Steps:", STEPS.description());
        seed = field(body, "S&eed:", SEED.description());
        Stream.of(data, out, steps, seed).forEach(t -> t.addListener(SWT.Modify, e -> check()));
        setControl(body);
        showFamily();
        data.setText("");
        out.setText(proposedOutput().toString());
        seed.setText(Long.toString(DEFAULT_SEED));
        check();
    }

    /** Chooses the family whose trainer is {@code chosen}: its options with their defaults, its default steps. */
    public void selectFamily(FamilyTrainer chosen) {
        boolean proposed = out.getText().equals(proposedOutput().toString());
        trainer = chosen;
        family.select(trainers.indexOf(chosen));
        showFamily();
        if (proposed) {
            out.setText(proposedOutput().toString());
        }
        check();
    }

    private void showFamily() {
        setTitle("Train " + trainer.displayName());
        setDescription("Trains " + trainer.displayName() + " in the background; an output folder with a checkpoint "
                + "continues that training.");
        options.show(body, trainer.options(), this::check);
        steps.setText(Integer.toString(trainer.defaultSteps()));
        checkedData = null;
        body.layout(true, true);
        if (getContainer() instanceof IWizardContainer2 dialog) {
            dialog.updateSize(); // another family may have more options than the dialog has room for
        }
    }

    private Text folderField(Composite parent, String label, String tip) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 420;
        text.setLayoutData(layout);
        text.setToolTipText(tip);
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(getShell());
            dialog.setMessage(tip);
            dialog.setFilterPath(text.getText());
            String chosen = dialog.open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        return text;
    }

    private Text field(Composite parent, String label, String hint) {
        return OptionRows.textRow(parent, label, hint, new ArrayList<>());
    }

    /** {@code defaultParent/<model>-train}, or the first {@code <model>-train-N} beside it that is free. */
    private Path proposedOutput() {
        String name = trainer.modelName() + "-train";
        Path candidate = defaultParent.resolve(name);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = defaultParent.resolve(name + "-" + n);
        }
        return candidate;
    }

    /**
     * Types every field as a user would (for tests): data, output, steps, seed, then the family's options in order
     * (a choice by its name; a name that is not one leaves none chosen); each field's change checks the page as
     * typing does.
     */
    public void fill(String dataFolder, String outputFolder, String stepCount, String seedText,
            String... optionValues) {
        data.setText(dataFolder);
        out.setText(outputFolder);
        steps.setText(stepCount);
        seed.setText(seedText);
        for (int i = 0; i < optionValues.length; i++) {
            options.fields().get(i).type().accept(optionValues[i]);
        }
    }

    /** The chosen family's trainer. */
    public FamilyTrainer trainer() {
        return trainer;
    }

    /** The checked training, or null while a field has a problem. */
    public TrainRequest request() {
        return request;
    }

    /** The checkpoint step the training will resume from, or -1 for a fresh training (or while a field is bad). */
    public int resumeStep() {
        return resumeStep;
    }

    /** The data folder as typed, absolute. */
    public Path dataFolder() {
        return Path.of(data.getText().trim()).toAbsolutePath().normalize();
    }

    /** The output folder as typed, absolute. */
    public Path outputFolder() {
        return Path.of(out.getText().trim()).toAbsolutePath().normalize();
    }

    private void check() {
        List<OptionRows.Field> fields = options.fields();
        if (seed == null || fields.size() != trainer.options().size()) {
            return; // still being built
        }
        request = null;
        resumeStep = -1;
        String problem;
        String info = null;
        try {
            Path dataDir = folder(data, "Choose the " + trainer.dataDescription() + ".");
            int stepCount = STEPS.parse(steps.getText()).intValue();
            long seedValue = SEED.parse(seed.getText()).longValue();
            Map<String, Number> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                TrainOption o = trainer.options().get(i);
                values.put(o.name(), o.parse(fields.get(i).value().get()));
            }
            Path outDir = folder(out, "Choose the output folder (new, empty, or a previous training's).");
            TrainRequest typed = new TrainRequest(dataDir, outDir, stepCount, seedValue,
                    TrainRequest.DEFAULT_CHECKPOINT_EVERY, values);
            String dataKey = dataDir + " " + values;
            if (!dataKey.equals(checkedData)) { // the folder listed (and sidecars read) once per typed value
                checkedData = null;
                trainer.checkData(dataDir, typed);
                checkedData = dataKey;
            }
            info = output(typed);
            request = typed;
            problem = null;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            resumeStep = -1;
            info = null;
        }
        setErrorMessage(problem);
        setMessage(info, IMessageProvider.INFORMATION);
        setPageComplete(problem == null);
    }

    private static Path folder(Text text, String whenBlank) {
        if (text.getText().isBlank()) {
            throw new IllegalArgumentException(whenBlank);
        }
        try {
            return Path.of(text.getText().trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text.getText() + "' is not a valid folder name: " + e.getReason()
                    + ".");
        }
    }

    /** Null for a fresh training, the resume message for a checkpoint; throws for anything else. */
    private String output(TrainRequest typed) {
        Path dir = typed.out();
        int stepCount = typed.steps();
        long seedValue = typed.seed();
        if (!Files.exists(dir)) {
            Path existing = dir.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new IllegalArgumentException(dir + " cannot be created: " + existing
                        + (existing != null && !Files.isDirectory(existing) ? " is a file." : " is not writable."));
            }
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder to train into.");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(dir + " is not writable.");
        }
        Checkpoint.Header checkpoint;
        try {
            checkpoint = Checkpoint.header(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage() + "; choose another output folder.");
        }
        if (checkpoint == null) {
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals(TrainRecipe.FILE)) // left by a run that failed before step 1
                        .sorted().limit(4).toList();
                if (!names.isEmpty()) {
                    throw new IllegalArgumentException(dir + " holds other files (" + String.join(", ", names)
                            + ") and no " + Checkpoint.FILE + ": choose a new or empty folder, or a previous "
                            + "training's output folder.");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(dir + " cannot be read: " + e.getMessage());
            }
            return null;
        }
        if (!checkpoint.family().equals(trainer.family())) {
            throw new IllegalArgumentException("The training in " + dir + " is of family " + checkpoint.family()
                    + ": choose that family to resume it, or another output folder.");
        }
        if (checkpoint.seed() != seedValue) {
            throw new IllegalArgumentException("The training in " + dir + " has seed " + checkpoint.seed()
                    + ": resume it with seed " + checkpoint.seed() + ", or choose another output folder.");
        }
        List<TrainRecipe.Difference> differences;
        try {
            differences = TrainRecipe.differences(trainer, typed);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage() + ".");
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("The training in " + dir + " was started with "
                    + TrainRecipe.describe(differences, true, false) + ": resume it with those, or choose another "
                    + "output folder.");
        }
        int step = checkpoint.step();
        if (stepCount <= step) {
            throw new IllegalArgumentException(dir + " holds the checkpoint of step " + step + ": set more than "
                    + step + " steps to continue it.");
        }
        resumeStep = step;
        return "Will resume from step " + step + " (" + dir.resolve(Checkpoint.FILE) + ") and train to step "
                + stepCount + "." + (TrainRecipe.unchecked(dir) ? " It has no " + TrainRecipe.FILE + " (started "
                        + "before AV Lens recorded one): its data folder and options are not checked." : "");
    }
}
