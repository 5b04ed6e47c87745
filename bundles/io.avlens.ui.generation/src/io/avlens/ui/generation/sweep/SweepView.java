package io.avlens.ui.generation.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.ClipOpener;
import io.avlens.ui.media.PlaybackLoop;
import io.avlens.ui.media.Soundtrack;
import io.avlens.ui.media.Soundtracks;
import io.avlens.ui.widgets.CheckBox;
import io.avlens.ui.widgets.KeyWords;

/**
 * The guidance grid of a sweep, a mixing desk: the {@link SweepGridCanvas} (rows ω, columns γ), and below it the
 * {@link SweepSurface metric surface} and the {@link SweepCompare comparison} of two cells. Opening a sweep opens
 * its clip with every cell as a soundtrack ({@link Soundtracks}); selecting a cell (click, arrow keys) plays its
 * sound in the Video view without stopping or moving playback, and the shared cursor runs through every thumbnail.
 * A drag across a thumbnail selects that time range and loops it ({@link PlaybackLoop}: the Video view's loop, which
 * keeps repeating it while cells switch); "Loop" turns looping off and on (the clip's selected range, e.g. one
 * selected in the Timeline, or the whole clip without one). UI thread.
 */
public class SweepView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.generation.views.sweep";

    private static final int CURSOR_MILLIS = 30;

    @Inject
    @Optional
    private AnalysisContexts contexts;

    private Display display;
    private Label title;
    private Combo colourBy;
    private Combo seeds;
    private Button loop;
    private SweepGridCanvas grid;
    private SweepSurface surface;
    private SweepCompare compare;
    private CTabFolder tabs;
    private SweepData data;
    private AnalysisContext clip;
    private String message = "";

    @PostConstruct
    void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(7).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        title = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(7, 1).applyTo(title);
        title.setText("No sweep. Open one with File > Open Sweep... or from a sweep run in the Runs view.");
        new Label(bar, SWT.NONE).setText("Frames by:");
        colourBy = new Combo(bar, SWT.READ_ONLY);
        colourBy.addListener(SWT.Selection, e -> {
            int i = colourBy.getSelectionIndex();
            if (data != null && i >= 0) {
                grid.setMetric(data.grid().metricNames().get(i)); // the items are the metrics' keys in words
            }
        });
        new Label(bar, SWT.NONE).setText("Seed:");
        seeds = new Combo(bar, SWT.READ_ONLY);
        seeds.addListener(SWT.Selection, e -> seedChosen());
        Button original = new Button(bar, SWT.PUSH);
        original.setText("Original");
        original.setToolTipText("Play the clip's own sound (select a cell to hear it again)");
        original.addListener(SWT.Selection, e -> playOriginal());
        loop = CheckBox.create(bar);
        loop.setText("Loop");
        loop.setToolTipText("Repeat the range dragged across a thumbnail (or selected in the Timeline; the whole clip"
                + " without one) while you switch cells: the Video view's loop");
        loop.addListener(SWT.Selection, e -> setLooping(loop.getSelection()));
        Button export = new Button(bar, SWT.PUSH);
        export.setText("Export...");
        export.setToolTipText("The grid as PNG, every cell's WAV and MP4, and the metric table as CSV");
        export.addListener(SWT.Selection, e -> SweepExportDialog.ask(this, parent.getShell()));
        Label legend = new Label(bar, SWT.WRAP); // what the grid's marks mean
        legend.setText("Frame: the metric chosen, yellow best to dark worst in this grid · blue outline: selected (A)"
                + " · magenta dashed: compared (B) · cyan dashed: the clip's sound events · white ticks: onsets"
                + " detected in the sample · red: the cursor · pale band: the loop range");
        legend.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        GridDataFactory.fillDefaults().grab(true, false).span(7, 1).hint(200, SWT.DEFAULT).applyTo(legend);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        grid = new SweepGridCanvas(sash);
        grid.setHelp("Click: play this cell · ←↑→↓: the next cell · shift-click: compare"
                + " · drag across a thumbnail: loop that range");
        grid.setSelectionListener((r, c) -> cellChosen());
        grid.setCompareListener(this::updateCompare);
        grid.setRangeListener(this::rangeChosen);
        tabs = new CTabFolder(sash, SWT.BORDER);
        surface = new SweepSurface(tabs);
        CTabItem surfaceTab = new CTabItem(tabs, SWT.NONE);
        surfaceTab.setText("Metric surface");
        surfaceTab.setControl(surface);
        compare = new SweepCompare(tabs);
        CTabItem compareTab = new CTabItem(tabs, SWT.NONE);
        compareTab.setText("Compare");
        compareTab.setControl(compare);
        tabs.setSelection(0);
        sash.setWeights(2, 3); // the metric surface needs the height of its title, axes and colour bar
        display.timerExec(CURSOR_MILLIS, this::followCursor);
    }

    /**
     * Opens the sweep in {@code folder} (one clip's or a dataset sweep's) in a job, then its clip with every cell as
     * a soundtrack and the first cell playing.
     *
     * @param done receives null when the sweep is shown and its clip open, else the message of what failed
     */
    public Job open(Path folder, Consumer<String> done) {
        return open(folder, null, done);
    }

    /**
     * Opens the sweep in {@code folder} on {@code media}, the clip of the run it belongs to (null: the clip its record
     * names; see {@link SweepData#onClip}).
     *
     * @param done receives null when the sweep is shown and its clip open, else the message of what failed
     */
    public Job open(Path folder, Path media, Consumer<String> done) {
        message = "";
        Job job = Job.create("Opening the sweep " + folder.getFileName(), (IProgressMonitor monitor) -> {
            try {
                SweepData read = SweepData.open(folder, monitor).onClip(media);
                display.asyncExec(() -> show(read, done));
            } catch (IOException e) {
                display.asyncExec(() -> {
                    message = e.getMessage();
                    done.accept(e.getMessage());
                });
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    private void show(SweepData sweep, Consumer<String> done) {
        if (grid.isDisposed()) {
            return;
        }
        data = sweep;
        title.setText(sweep.clip().getFileName() + " · " + sweep.manifest().model() + " · "
                + sweep.manifest().sampler() + " " + sweep.manifest().steps()
                + (sweep.manifest().steps() == 1 ? " step" : " steps")
                + (sweep.clips() > 1 ? " · surface over " + sweep.clips() + " clips" : ""));
        colourBy.setItems(sweep.grid().metricNames().stream().map(KeyWords::of).toArray(String[]::new));
        seeds.setItems(sweep.manifest().seeds().stream().map(String::valueOf).toArray(String[]::new));
        seeds.select(0);
        grid.setData(sweep);
        grid.setSeedIndex(0);
        if (grid.metric() != null) {
            colourBy.select(sweep.grid().metricNames().indexOf(grid.metric()));
        }
        surface.setGrid(sweep.dataset(), sweep.clips());
        title.getParent().layout(true);
        if (contexts == null) {
            done.accept("no analysis contexts to open the clip in");
            return;
        }
        ClipOpener.open(sweep.clip(), contexts, display, context -> {
            clip = context;
            addSoundtracks();
            cellChosen();
            done.accept(null);
        }, failure -> {
            message = failure;
            done.accept(failure);
        });
    }

    private void addSoundtracks() {
        if (clip == null) {
            return;
        }
        Soundtracks tracks = Soundtracks.of(clip);
        for (int r = 0; r < data.grid().omegas().size(); r++) {
            for (int c = 0; c < data.grid().gammas().size(); c++) {
                GeneratedSample s = data.sample(r, c, seeds.getSelectionIndex());
                if (s != null && tracks.get(data.soundtrackId(s)) == null) {
                    tracks.add(new Soundtrack(data.soundtrackId(s), label(s), s.wav(data.folder())));
                }
            }
        }
    }

    private static String label(GeneratedSample s) {
        return "ω " + SweepGridCanvas.number(s.settings().omega()) + ", γ "
                + SweepGridCanvas.number(s.settings().gamma()) + ", seed " + s.settings().seed();
    }

    private void seedChosen() {
        grid.setSeedIndex(seeds.getSelectionIndex());
        addSoundtracks();
        cellChosen();
    }

    /** Plays the selected cell's sound (UI thread); playback goes on at the same media time. */
    private void cellChosen() {
        updateCompare();
        GeneratedSample s = selectedSample();
        if (clip == null || clip.isClosed() || s == null) {
            return;
        }
        Soundtracks.of(clip).choose(data.soundtrackId(s));
    }

    private void playOriginal() {
        if (clip != null && !clip.isClosed()) {
            Soundtracks.of(clip).choose(Soundtracks.ORIGINAL);
        }
    }

    private void rangeChosen(double begin, double end) {
        if (clip != null && !clip.isClosed()) {
            clip.select(this, new TimeSelection(begin, end));
            setLooping(true);
        }
    }

    /** Turns looping of the clip's selected range on or off (the Video view's loop button follows). */
    public void setLooping(boolean on) {
        if (clip != null && !clip.isClosed()) {
            PlaybackLoop.of(clip).setOn(on);
        }
        loop.setSelection(on);
    }

    /** The "Loop" switch. */
    public Button loopButton() {
        return loop;
    }

    private void updateCompare() {
        int[] other = grid.compared();
        compare.compare(data, selectedSample(), other == null || data == null ? null
                : data.sample(other[0], other[1], seeds.getSelectionIndex()));
    }

    private void followCursor() {
        if (grid.isDisposed()) {
            return;
        }
        if (clip != null && !clip.isClosed()) {
            grid.setCursor(clip.cursor());
            PlaybackLoop looping = PlaybackLoop.of(clip);
            TimeRange repeated = looping.isOn() ? looping.range() : null;
            TimeSelection s = clip.selection();
            if (repeated != null) {
                grid.showSelection(repeated.start(), repeated.end()); // also once playing has dropped the selection
            } else {
                grid.showSelection(s.isCursor() ? Double.NaN : s.begin(), s.isCursor() ? Double.NaN : s.end());
            }
            if (loop.getSelection() != looping.isOn()) {
                loop.setSelection(looping.isOn()); // turned on or off in the Video view
            }
        }
        display.timerExec(CURSOR_MILLIS, this::followCursor);
    }

    /** The sample of the selected cell (at the seed shown), or null. */
    public GeneratedSample selectedSample() {
        if (data == null) {
            return null;
        }
        int[] s = grid.selected();
        return data.sample(s[0], s[1], Math.max(0, seeds.getSelectionIndex()));
    }

    /** The grid as a PNG of {@code width} × {@code height}. */
    public byte[] gridPng(int width, int height) {
        Image image = new Image(display, width, height);
        try {
            GC gc = new GC(image);
            try {
                grid.paint(gc, new Rectangle(0, 0, width, height));
            } finally {
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            loader.save(out, SWT.IMAGE_PNG);
            return out.toByteArray();
        } finally {
            image.dispose();
        }
    }

    /** Exports the sweep shown into {@code out} in a job; {@code done} gets the files or the failure's message. */
    public Job export(Path out, Consumer<List<Path>> written, Consumer<String> failed) {
        SweepData shown = data;
        Rectangle size = grid.getClientArea();
        byte[] png = gridPng(Math.max(640, size.width), Math.max(400, size.height));
        Job job = Job.create("Exporting the sweep", (IProgressMonitor monitor) -> {
            try {
                List<Path> files = SweepExport.export(shown, png, out, monitor);
                display.asyncExec(() -> written.accept(files));
            } catch (IOException e) {
                display.asyncExec(() -> failed.accept(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** The sweep shown, or null. */
    public SweepData data() {
        return data;
    }

    /** The grid. */
    public SweepGridCanvas grid() {
        return grid;
    }

    /** The metric surface. */
    public SweepSurface surface() {
        return surface;
    }

    /** The comparison of two cells. */
    public SweepCompare comparison() {
        return compare;
    }

    /** Shows the metric surface (0) or the comparison (1) below the grid. */
    public void showTab(int index) {
        tabs.setSelection(index);
    }

    /** The clip's analysis the sweep plays in, or null before it is open. */
    public AnalysisContext clip() {
        return clip;
    }

    /** The last message of a failed open, or empty. */
    public String message() {
        return message;
    }
}
