package io.avlens.ui.tensor;

import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.TensorStats;
import io.avlens.ui.widgets.HeatmapCanvas;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Shows a NumPy tensor from disk (an artifact of a run, or a tensor computed in Python) as a heatmap: 2-D planes
 * directly, N-d tensors one plane at a time with a spinner per leading axis, 1-D as a single row. The colour scale
 * is fitted to the whole tensor so planes compare. Reading runs as a job; a bad file is reported in the view.
 */
public class TensorView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.views.tensor";
    /** Open a file in this view: event data is the {@link Path}. */
    public static final String TOPIC_OPEN = "io/avlens/ui/tensor/open";

    @Inject
    private UISynchronize sync;

    private Composite root;
    private Label fileLabel;
    private Label status;
    private Combo mapCombo;
    private SliceSelector slices;
    private HeatmapCanvas canvas;
    private Path file;
    private FloatTensor tensor;
    private TensorStats stats;
    private ColorMap colorMap = ColorMap.VIRIDIS;

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(1).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(bar);
        Button open = new Button(bar, SWT.PUSH);
        open.setText("Open...");
        open.setToolTipText("Open a NumPy .npy file (or drop one on the view)");
        open.addListener(SWT.Selection, e -> TensorFiles.ask(parent.getShell()).ifPresent(this::open));
        fileLabel = new Label(bar, SWT.NONE);
        fileLabel.setText("No tensor. Open a .npy file or drop one here.");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(fileLabel);
        slices = new SliceSelector(bar, this::showPlane);
        new Label(bar, SWT.NONE).setText("Colours:");
        mapCombo = new Combo(bar, SWT.READ_ONLY);
        for (ColorMap m : ColorMap.values()) {
            mapCombo.add(m.id());
        }
        mapCombo.select(colorMap.ordinal());
        mapCombo.addListener(SWT.Selection, e -> {
            colorMap = ColorMap.values()[mapCombo.getSelectionIndex()];
            showPlane();
        });

        canvas = new HeatmapCanvas(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        canvas.setHoverListener(h -> status.setText(h == null ? summary()
                : String.format("row %d, column %d: %.6g", h.row(), h.column(), h.value())));
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

        DropTarget drop = new DropTarget(canvas, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] {FileTransfer.getInstance()});
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] names && names.length > 0) {
                    open(Path.of(names[0]));
                }
            }
        });
    }

    @Focus
    void setFocus() {
        canvas.setFocus();
    }

    @Inject
    @Optional
    void openRequested(@UIEventTopic(TOPIC_OPEN) Path requested) {
        open(requested);
    }

    /** Reads {@code path} in a job and shows it; errors are shown in the view. Any thread. */
    public void open(Path path) {
        Job job = Job.create("Reading " + path.getFileName(), (IProgressMonitor monitor) -> {
            try {
                NpyArray array = Npy.read(path);
                FloatTensor values = array.toFloatTensor();
                TensorStats valueStats = values.stats(); // once, off the UI thread
                String dtype = array.dtype().numpyName();
                sync.asyncExec(() -> shown(path, values, valueStats, dtype));
                return Status.OK_STATUS;
            } catch (Exception e) {
                sync.asyncExec(() -> failed(path, e));
                return Status.OK_STATUS;
            }
        });
        job.setUser(true);
        job.schedule();
    }

    private void shown(Path path, FloatTensor values, TensorStats valueStats, String dtype) {
        if (root.isDisposed()) {
            return;
        }
        file = path;
        tensor = values;
        stats = valueStats;
        fileLabel.setText(path.getFileName() + "  " + dtype + " " + Arrays.toString(values.shape()));
        fileLabel.setToolTipText(path.toString());
        slices.setShape(values.shape());
        root.layout(true, true);
        showPlane();
    }

    private void failed(Path path, Exception e) {
        if (root.isDisposed()) {
            return;
        }
        status.setText("Cannot open " + e.getMessage());
        status.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_RED));
        status.setToolTipText(path.toString());
    }

    private void showPlane() {
        if (tensor == null) {
            return;
        }
        FloatTensor plane = slices.plane(tensor);
        canvas.setData(plane, ColorScale.fit(colorMap, stats));
        status.setForeground(null);
        status.setText(summary());
    }

    private String summary() {
        if (tensor == null) {
            return "";
        }
        TensorStats s = stats;
        return String.format("%d values, min %.4g, max %.4g, mean %.4g, std %.4g%s", s.count(), s.min(), s.max(),
                s.mean(), s.std(), s.nonFinite() > 0 ? ", " + s.nonFinite() + " not finite" : "");
    }

    /** The file shown, or null (for tests and commands). */
    public Path file() {
        return file;
    }

    /** The plane shown, or null. */
    public FloatTensor plane() {
        return canvas.data();
    }

    /** The text of the status line (statistics, hovered value or error). */
    public String statusText() {
        return status.getText();
    }

    /** Selects the plane at {@code index} of the leading axes. */
    public void selectPlane(int... index) {
        slices.select(index);
        showPlane();
    }
}
