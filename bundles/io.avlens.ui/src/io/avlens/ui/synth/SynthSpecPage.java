package io.avlens.ui.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
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

import io.avlens.model.store.ProjectStore;
import io.avlens.synth.SynthSpec;

/**
 * The settings of an AV-Shapes dataset, checked as they are typed: each field names its own problem, and the
 * ranges are {@link SynthSpec}'s own, so the page accepts exactly what the generator accepts.
 */
public final class SynthSpecPage extends WizardPage {

    private static final int DEFAULT_CLIPS = 100;

    private final Path defaultParent;
    private Text folder;
    private Text clips;
    private Text seed;
    private Text size;
    private Text fps;
    private Text seconds;
    private Text lagRange;
    private Button speech;
    private Text threads;
    private SynthSpec spec;

    SynthSpecPage(Path defaultParent) {
        super("synth", "New Synthetic Dataset (AV-Shapes)", null);
        this.defaultParent = defaultParent;
        setDescription("Clips of bouncing, sliding and drifting shapes with exact ground truth: sound events, "
                + "masks and lags.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        new Label(body, SWT.NONE).setText("&Output folder:");
        folder = new Text(body, SWT.BORDER);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(body, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(getShell());
            dialog.setFilterPath(folder.getText());
            String chosen = dialog.open();
            if (chosen != null) {
                folder.setText(chosen);
            }
        });
        clips = field(body, "Number of &clips:", "1 to 1000000");
        seed = field(body, "&Seed:", "same seed, same dataset");
        size = field(body, "Frame si&ze:", "pixels, square, even, 32 to 1024");
        fps = field(body, "&Frame rate:", "frames per second, 1 to 60");
        seconds = field(body, "&Length:", "seconds per clip, 1 to 120");
        lagRange = field(body, "&Lag range:", "± seconds of audio–video lag; 0 for synchronised clips");
        new Label(body, SWT.NONE);
        speech = new Button(body, SWT.CHECK);
        speech.setText("Spoken &words: each object's colour name is said while it is visible");
        speech.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        threads = field(body, "&Threads:", "clips generated side by side, 1 to 64");
        fill(proposedFolder().toString(), Integer.toString(DEFAULT_CLIPS), "0",
                Integer.toString(SynthSpec.DEFAULT_SIZE), number(SynthSpec.DEFAULT_FPS),
                number(SynthSpec.DEFAULT_SECONDS), "0", false, Integer.toString(SynthSpec.DEFAULT_THREADS));
        Stream.of(folder, clips, seed, size, fps, seconds, lagRange, threads)
                .forEach(t -> t.addListener(SWT.Modify, e -> check()));
        setControl(body);
        check();
    }

    private static Text field(Composite body, String label, String hint) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        GridData data = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        data.widthHint = 90;
        text.setLayoutData(data);
        Label unit = new Label(body, SWT.NONE);
        unit.setText(hint);
        unit.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        return text;
    }

    /** {@code defaultParent/av-shapes}, or the first {@code av-shapes-N} beside it that holds no project. */
    private Path proposedFolder() {
        Path candidate = defaultParent.resolve("av-shapes");
        for (int n = 2; ProjectStore.isProject(candidate); n++) {
            candidate = defaultParent.resolve("av-shapes-" + n);
        }
        return candidate;
    }

    /** Fills in every field as a user would type it (for tests); the page checks the values as it does then. */
    public void fill(String outputFolder, String clipCount, String seedText, String sizeText, String fpsText,
            String secondsText, String lagText, boolean spokenWords, String threadCount) {
        folder.setText(outputFolder);
        clips.setText(clipCount);
        seed.setText(seedText);
        size.setText(sizeText);
        fps.setText(fpsText);
        seconds.setText(secondsText);
        lagRange.setText(lagText);
        speech.setSelection(spokenWords);
        threads.setText(threadCount);
        check();
    }

    /** Fills in the page with {@code settings} and {@code outputFolder} (for tests). */
    public void fill(Path outputFolder, SynthSpec settings) {
        fill(outputFolder.toString(), Integer.toString(settings.clips()), Long.toString(settings.seed()),
                Integer.toString(settings.size()), number(settings.fps()), number(settings.seconds()),
                number(settings.lagRange()), settings.speech(), Integer.toString(settings.threads()));
    }

    /** The checked settings, or null while a field has a problem. */
    public SynthSpec spec() {
        return spec;
    }

    /** The output folder as typed, absolute. */
    Path folder() {
        return Path.of(folder.getText().trim()).toAbsolutePath().normalize();
    }

    private void check() {
        spec = null;
        String problem;
        try {
            problem = folderProblem();
            if (problem == null) {
                spec = new SynthSpec(whole(clips, "Number of clips"), seed(),
                        whole(size, "Frame size"), decimal(fps, "Frame rate"), decimal(seconds, "Length"),
                        decimal(lagRange, "Lag range"), speech.getSelection(), whole(threads, "Threads"));
            }
        } catch (IllegalArgumentException e) {
            String text = e.getMessage();
            problem = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + ".";
        }
        setErrorMessage(problem);
        setMessage(problem == null ? warning() : null, IMessageProvider.WARNING);
        setPageComplete(problem == null);
    }

    private String folderProblem() {
        if (folder.getText().isBlank()) {
            return "Choose the folder the dataset is written to.";
        }
        try {
            Path dir = folder();
            if (ProjectStore.isProject(dir)) {
                return dir + " already holds a project: choose an empty folder.";
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                return dir + " is a file, not a folder.";
            }
            return null;
        } catch (InvalidPathException e) {
            return "'" + folder.getText() + "' is not a valid folder name: " + e.getReason() + ".";
        }
    }

    /** A folder that is not empty is allowed (the generator writes only OUT/media and the project), but said. */
    private String warning() {
        Path dir = folder();
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return files.findAny().isPresent() ? dir + " is not empty; clips of the same name in media/ are replaced."
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int whole(Text text, String name) {
        try {
            return Integer.parseInt(text.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text.getText() + "' is not a whole number");
        }
    }

    private long seed() {
        try {
            return Long.parseLong(seed.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seed: '" + seed.getText() + "' is not a whole number");
        }
    }

    private static double decimal(Text text, String name) {
        try {
            double v = Double.parseDouble(text.getText().trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": '" + text.getText() + "' is not a number");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
