package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpTrainer;
import io.avlens.models.cavp.TrainSpec;

/**
 * The settings of a CAVP-small training, checked as they are typed, with the ranges and defaults of
 * {@code avlens train}: the data folder must be an AV-Shapes dataset ({@code media/*.mp4}) with at least a batch of
 * in-sync clips; the output folder must be new or empty (a fresh training) or hold a previous training's checkpoint
 * (the page then says from which step it resumes, and asks for more steps and the checkpoint's seed).
 */
public final class TrainCavpPage extends WizardPage {

    /** The steps proposed, as {@code avlens train}'s default. */
    public static final int DEFAULT_STEPS = 2500;
    /** The seed proposed, as {@code avlens train}'s default. */
    public static final long DEFAULT_SEED = 1;
    private static final String CHECKPOINT = "checkpoint.bin";
    private static final String DESCRIPTOR = "cavp-small.json";

    private final Path defaultParent;
    private Text data;
    private Text out;
    private Text steps;
    private Text seed;
    private Text batch;
    private TrainSpec spec;
    private int resumeStep = -1;
    private Path countedData;
    private List<Path> counted;
    private long inSyncCount;

    TrainCavpPage(Path defaultParent) {
        super("train-cavp", "Train CAVP-small", null);
        this.defaultParent = defaultParent;
        setDescription("Contrastive audio-visual training on the in-sync clips of an AV-Shapes dataset; resumable.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        data = folderField(body, "&Data folder:", "An AV-Shapes dataset folder (media/clip-*.mp4)");
        out = folderField(body, "&Output folder:", "Where checkpoint.bin, loss.csv and cavp-small.params go");
        TrainSpec defaults = TrainSpec.defaults(DEFAULT_STEPS, DEFAULT_SEED);
        steps = field(body, "&Steps:", "optimizer steps in all, 1 to 10000000");
        seed = field(body, "S&eed:", "seeds weights and batches; a resumed run keeps its seed");
        batch = field(body, "&Batch size:", "in-sync clips per batch, 2 to 256");
        fill("", proposedOutput().toString(), Integer.toString(DEFAULT_STEPS), Long.toString(DEFAULT_SEED),
                Integer.toString(defaults.batchSize()));
        Stream.of(data, out, steps, seed, batch).forEach(t -> t.addListener(SWT.Modify, e -> check()));
        setControl(body);
        check();
    }

    private Text folderField(Composite body, String label, String tip) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 420;
        text.setLayoutData(layout);
        text.setToolTipText(tip);
        Button browse = new Button(body, SWT.PUSH);
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

    private static Text field(Composite body, String label, String hint) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        GridData layout = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        layout.widthHint = 90;
        text.setLayoutData(layout);
        Label unit = new Label(body, SWT.NONE);
        unit.setText(hint);
        unit.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        return text;
    }

    /** {@code defaultParent/cavp-small-train}, or the first {@code cavp-small-train-N} beside it that is free. */
    private Path proposedOutput() {
        Path candidate = defaultParent.resolve("cavp-small-train");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = defaultParent.resolve("cavp-small-train-" + n);
        }
        return candidate;
    }

    /** Types every field as a user would (for tests); each text's Modify event checks the page as typing does. */
    public void fill(String dataFolder, String outputFolder, String stepCount, String seedText, String batchSize) {
        data.setText(dataFolder);
        out.setText(outputFolder);
        steps.setText(stepCount);
        seed.setText(seedText);
        batch.setText(batchSize);
    }

    /** The checked schedule, or null while a field has a problem. */
    public TrainSpec spec() {
        return spec;
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
        spec = null;
        resumeStep = -1;
        String problem;
        String info = null;
        try {
            Path dataDir = folder(data, "Choose the AV-Shapes dataset folder to train on (DIR/media/clip-*.mp4).");
            if (!dataDir.equals(countedData)) { // listed (and sidecars read) once per typed folder, not per key
                countedData = null;
                counted = clips(dataDir);
                inSyncCount = inSync(counted);
                countedData = dataDir;
            }
            List<Path> clips = counted;
            int stepCount = whole(steps, "Steps", 1, 10_000_000);
            long seedValue = whole(seed, "Seed", 0, Integer.MAX_VALUE);
            int batchSize = whole(batch, "Batch size", 2, 256);
            if (inSyncCount < batchSize) {
                throw new IllegalArgumentException(dataDir + " has " + inSyncCount
                        + " in-sync clips (lagSeconds 0) of " + clips.size() + "; a batch of " + batchSize
                        + " needs at least " + batchSize + ": lower the batch size or use a larger dataset.");
            }
            Path outDir = folder(out, "Choose the output folder (new, empty, or a previous training's).");
            info = output(outDir, stepCount, seedValue);
            TrainSpec defaults = TrainSpec.defaults(stepCount, seedValue);
            spec = new TrainSpec(defaults.config(), stepCount, batchSize, defaults.learningRate(),
                    defaults.warmupSteps(), defaults.lambda(), defaults.maxLagSteps(), defaults.mergeProbability(),
                    seedValue, defaults.checkpointEvery(), defaults.logEvery());
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

    /** The dataset's {@code media/*.mp4}; the problems are those {@link AvShapesData} would meet, named the same. */
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
        } catch (IOException e) {
            throw new IllegalArgumentException(media + " cannot be read: " + e.getMessage());
        }
    }

    /** Clips the trainer uses: those whose sidecar says lagSeconds 0 (or that have none). */
    private static long inSync(List<Path> clips) {
        long count = 0;
        for (Path mp4 : clips) {
            String name = mp4.getFileName().toString();
            Path sidecar = mp4.resolveSibling(name.substring(0, name.length() - 4) + ".json");
            try {
                OptionalDouble lag = AvShapesData.knownLagSeconds(sidecar);
                count += lag.orElse(0) == 0 ? 1 : 0;
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return count;
    }

    /** Null for a fresh training, the resume message for a checkpoint; throws for anything else. */
    private String output(Path dir, int stepCount, long seedValue) {
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
        int step;
        try {
            step = CavpTrainer.checkpointStep(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage() + "; choose another output folder.");
        }
        if (step < 0) {
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
                if (!names.isEmpty()) {
                    throw new IllegalArgumentException(dir + " holds other files (" + String.join(", ", names)
                            + ") and no " + CHECKPOINT + ": choose a new or empty folder, or a previous "
                            + "training's output folder.");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(dir + " cannot be read: " + e.getMessage());
            }
            return null;
        }
        Long trainedSeed = descriptorSeed(dir.resolve(DESCRIPTOR));
        if (trainedSeed != null && trainedSeed != seedValue) {
            throw new IllegalArgumentException("The training in " + dir + " has seed " + trainedSeed
                    + ": resume it with seed " + trainedSeed + ", or choose another output folder.");
        }
        if (stepCount <= step) {
            throw new IllegalArgumentException(dir + " holds the checkpoint of step " + step + ": set more than "
                    + step + " steps to continue it.");
        }
        resumeStep = step;
        return "Will resume from step " + step + " (" + dir.resolve(CHECKPOINT) + ") and train to step " + stepCount
                + ".";
    }

    /** The seed the descriptor of a previous run records, or null when there is none to read. */
    private static Long descriptorSeed(Path descriptor) {
        try {
            JsonObject training = JsonParser.parseString(Files.readString(descriptor)).getAsJsonObject()
                    .getAsJsonObject("training");
            return training == null || !training.has("seed") ? null : training.get("seed").getAsLong();
        } catch (IOException | RuntimeException e) {
            return null; // no or a damaged descriptor: the trainer checks the checkpoint's own seed
        }
    }

    private static int whole(Text text, String name, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text.getText() + "' is not a whole number.");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value
                    + ".");
        }
        return value;
    }
}
