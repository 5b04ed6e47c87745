package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.jfree.chart.swt.ChartComposite;

import io.avlens.ui.training.internal.LossCsvReader;
import io.avlens.ui.training.internal.LossCurve;
import io.avlens.ui.training.internal.TrainingChart;
import io.avlens.ui.training.internal.TrainingExport;
import io.avlens.ui.widgets.CheckBox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * A training's loss curve, for any family: one line per loss column of its {@code loss.csv} over the step, the
 * columns its {@code loss-columns.json} puts on a secondary axis (CAVP's temperature; without a sidecar, a
 * {@code temperature} column) on their own right axis, with optional moving-average
 * smoothing and a logarithmic loss axis, and the latest values under the chart. While "Follow" is on, the file is
 * polled once a second for appended lines ({@link LossFollower}), so a running training's curve grows as it trains.
 * A malformed line is skipped and named (file and line) in the status line. Export writes the chart as PNG and the
 * drawn lines as CSV.
 */
public class TrainingView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.training.views.training";
    /** Name of the loss curve in a training's output folder. */
    public static final String LOSS_FILE = "loss.csv";

    private static final int[] SMOOTHING = {1, 5, 10, 25, 50, 100};

    private Composite root;
    private final TrainingChart chart = new TrainingChart();
    private ChartComposite chartComposite;
    private Button follow;
    private Button temperature;
    private Button logScale;
    private Combo smoothing;
    private Label readout;
    private Label status;
    private LossFollower follower;
    private LossCurve curve;
    private String problem;
    private String readError;
    private int skippedLines;

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(10).applyTo(bar);
        button(bar, "Open...", "Open a loss CSV (step, then one column per value)", this::askFile);
        button(bar, "Folder...", "Open the loss.csv of a training's output folder (train --out)", this::askFolder);
        follow = check(bar, "Follow", "Poll the file for lines a running training appends", true);
        follow.addListener(SWT.Selection, e -> setFollowing(follow.getSelection()));
        temperature = check(bar, "Right axis", "Draw the secondary columns (e.g. the temperature) on their own axis "
                + "(right)", true);
        logScale = check(bar, "Log", "Logarithmic loss axis", false);
        new Label(bar, SWT.NONE).setText("Smoothing:");
        smoothing = new Combo(bar, SWT.READ_ONLY);
        for (int w : SMOOTHING) {
            smoothing.add(w == 1 ? "off" : "avg " + w);
        }
        smoothing.select(0);
        smoothing.setToolTipText("Trailing moving average over this many logged points");
        smoothing.addListener(SWT.Selection, e -> applyOptions());
        temperature.addListener(SWT.Selection, e -> applyOptions());
        logScale.addListener(SWT.Selection, e -> applyOptions());
        button(bar, "PNG...", "Export the chart as a PNG image", () -> askExport(true));
        button(bar, "CSV...", "Export the drawn lines (smoothed if smoothing is on) as CSV", () -> askExport(false));

        // no built-in properties/save/print menu items: jfreechart-swt 1.0's "Save as PNG" fails with JFreeChart 1.5
        chartComposite = new ChartComposite(parent, SWT.NONE, chart.chart(), 600, 400, 200, 150, 4096, 4096, true,
                false, false, false, true, true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(chartComposite);
        readout = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(readout);
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        showStatus();
    }

    private void button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private static Button check(Composite bar, String text, String tip, boolean on) {
        Button b = CheckBox.create(bar);
        b.setText(text);
        b.setToolTipText(tip);
        b.setSelection(on);
        return b;
    }

    /**
     * Shows the loss curve in {@code fileOrFolder} (a CSV, or a training output folder holding {@value #LOSS_FILE})
     * and follows it while "Follow" is on. The file is read in a background job; a missing or unreadable file is
     * reported in the status line. UI thread.
     */
    public void open(Path fileOrFolder) {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(LOSS_FILE) : fileOrFolder;
        if (follower != null) {
            follower.stop();
        }
        curve = null;
        problem = null;
        readError = null;
        skippedLines = 0;
        chart.setCurve(null);
        follower = new LossFollower(new LossCsvReader(file), root.getDisplay(), this::received);
        follower.start(follow.getSelection());
        showStatus();
    }

    /**
     * Shows the Training view of {@code window} (opening it if needed) on {@code folder}'s {@value #LOSS_FILE} with
     * Follow on, as the Train wizard does when its training starts (before the folder or the file may
     * exist: the view waits for them). UI thread.
     *
     * @throws PartInitException when the view cannot be opened
     */
    public static TrainingView show(IWorkbenchWindow window, Path folder) throws PartInitException {
        window.getActivePage().showView(ID);
        MPart part = window.getService(EPartService.class).findPart(ID);
        TrainingView view = (TrainingView) part.getObject();
        view.follow.setSelection(true);
        view.open(folder.resolve(LOSS_FILE)); // the folder itself may not exist yet: name the file
        return view;
    }

    private void received(LossFollower from, LossCsvReader.Poll poll, String error) {
        if (root.isDisposed() || from != follower) {
            return;
        }
        readError = error;
        if (error == null) {
            if (!poll.problems().isEmpty()) {
                skippedLines += poll.problems().size();
                problem = poll.problems().get(poll.problems().size() - 1);
            }
            if (poll.changed()) {
                curve = poll.curve();
                chart.setCurve(curve);
                nameSecondaryAxis();
            }
        }
        showReadout();
        showStatus();
    }

    /** The secondary-axis check box says what it draws: "Temperature" for CAVP's curve. */
    private void nameSecondaryAxis() {
        List<String> secondary = curve == null ? List.of() : curve.secondaryColumns();
        String text = secondary.size() == 1 ? secondary.get(0).substring(0, 1).toUpperCase(Locale.ROOT)
                + secondary.get(0).substring(1) : "Right axis";
        if (!text.equals(temperature.getText())) {
            temperature.setText(text);
            temperature.getParent().layout(true);
        }
    }

    private void setFollowing(boolean on) {
        if (follower != null) {
            follower.setFollowing(on);
        }
        showStatus();
    }

    private void applyOptions() {
        chart.setOptions(new TrainingChart.Options(SMOOTHING[Math.max(0, smoothing.getSelectionIndex())],
                logScale.getSelection(), temperature.getSelection()));
    }

    /** Sets the drawing options as the toolbar would (window 1 = no smoothing). UI thread. */
    public void setOptions(int smoothingWindow, boolean log, boolean showTemperature) {
        int index = 0;
        for (int i = 0; i < SMOOTHING.length; i++) {
            if (SMOOTHING[i] == smoothingWindow) {
                index = i;
            }
        }
        smoothing.select(index);
        logScale.setSelection(log);
        temperature.setSelection(showTemperature);
        chart.setOptions(new TrainingChart.Options(smoothingWindow, log, showTemperature));
    }

    private void showReadout() {
        double[] last = curve == null ? null : curve.last();
        if (last == null) {
            readout.setText("");
            return;
        }
        StringBuilder text = new StringBuilder("latest: ");
        List<String> columns = curve.columns();
        for (int i = 0; i < columns.size(); i++) {
            text.append(i == 0 ? "" : " · ").append(columns.get(i)).append(' ')
                    .append(i == 0 ? Long.toString((long) last[0]) : String.format(Locale.ROOT, "%.5g", last[i]));
        }
        readout.setText(text.toString());
    }

    private void showStatus() {
        String text;
        if (follower == null) {
            text = "Open a loss CSV or a training folder (train --out DIR).";
        } else {
            text = follower.file() + ": " + (curve == null ? "no rows yet" : curve.size() + " rows")
                    + (follow.getSelection() ? " · following" : "");
            if (problem != null) {
                text = problem + (skippedLines > 1 ? " (" + skippedLines + " lines skipped)" : "") + "  —  " + text;
            }
            if (readError != null) {
                text = readError;
            }
        }
        status.setText(text);
        status.setToolTipText(text);
        status.getParent().layout(new org.eclipse.swt.widgets.Control[] {status, readout});
    }

    private void askFile() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
        dialog.setText("Open Loss Curve");
        dialog.setFilterExtensions(new String[] {"*.csv", "*"});
        dialog.setFilterNames(new String[] {"Loss curves (*.csv)", "All files"});
        String chosen = dialog.open();
        if (chosen != null) {
            open(Path.of(chosen));
        }
    }

    private void askFolder() {
        DirectoryDialog dialog = new DirectoryDialog(root.getShell());
        dialog.setText("Open Training Folder");
        dialog.setMessage("A training's output folder (train --out DIR) holding " + LOSS_FILE);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen);
        if (!Files.isRegularFile(folder.resolve(LOSS_FILE))) {
            MessageDialog.openError(root.getShell(), "Open Training Folder",
                    folder + " holds no " + LOSS_FILE + "; choose the folder given to train --out.");
            return;
        }
        open(folder);
    }

    private void askExport(boolean png) {
        if (curve == null) {
            return;
        }
        FileDialog dialog = new FileDialog(root.getShell(), SWT.SAVE);
        dialog.setText(png ? "Export Chart as PNG" : "Export Curves as CSV");
        dialog.setFilterExtensions(new String[] {png ? "*.png" : "*.csv"});
        dialog.setFileName(png ? "loss.png" : "loss-curves.csv");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            if (png) {
                exportPng(Path.of(chosen));
            } else {
                exportCsv(Path.of(chosen));
            }
        } catch (IOException e) {
            MessageDialog.openError(root.getShell(), "Export", e.getMessage());
        }
    }

    /**
     * Writes the chart as a PNG of the size it has on screen (at least 640 × 400), atomically. UI thread.
     *
     * @throws IOException naming the file and the problem
     */
    public void exportPng(Path file) throws IOException {
        Point size = chartComposite.getSize();
        TrainingExport.png(chart.chart(), Math.max(640, size.x), Math.max(400, size.y), file);
    }

    /**
     * Writes the drawn lines (smoothed when smoothing is on) as CSV, atomically. UI thread.
     *
     * @throws IOException naming the file and the problem
     */
    public void exportCsv(Path file) throws IOException {
        TrainingExport.csv(chart.shown(), file);
    }

    /** The curve read so far, or null. */
    public LossCurve curve() {
        return curve;
    }

    /** The lines drawn now. */
    public List<TrainingChart.Line> shown() {
        return chart.shown();
    }

    /** The value axes as drawn: 0 the losses', 1 the secondary columns'. */
    public TrainingChart.Axis axis(int index) {
        return chart.axis(index);
    }

    /** The status line: the file, the row count, and the last problem met. */
    public String statusText() {
        return status.getText();
    }

    /** The readout of the latest values. */
    public String readoutText() {
        return readout.getText();
    }

    @Focus
    void focus() {
        chartComposite.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (follower != null) {
            follower.stop();
        }
    }
}
