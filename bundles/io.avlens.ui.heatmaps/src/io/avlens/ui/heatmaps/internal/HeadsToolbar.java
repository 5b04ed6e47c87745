package io.avlens.ui.heatmaps.internal;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import io.avlens.ui.widgets.CheckBox;
import io.avlens.ui.widgets.Rows;

/**
 * The Heads view's controls: the model, the colouring and the normalisation (shared with the overlay through
 * {@link HeatmapSettings}), pinning the audio time or the video frame, the exports, and per head a check box (mute) and a solo button.
 * UI thread.
 */
public final class HeadsToolbar {

    /** What the buttons do that the settings do not. */
    public interface Actions {
        /** Pins the audio time (true) or follows the cursor again. */
        void pinAudio(boolean pinned);

        /** Pins the video frame (true): the cursor then moves the audio time only; false follows the cursor again. */
        void pinFrame(boolean pinned);

        /** Shows head {@code k} alone (−1: all). */
        void solo(int k);

        /**
         * Asks for a file and writes the Video view's picture ({@code "video"}), the panels ({@code "heads"}), the
         * overlaid video with its sound ({@code "mp4"}) or the volume ({@code "volume"}).
         */
        void export(String what);
    }

    private static final String NO_MODEL = "(no DenseAV model installed)";

    private final DenseHeatmaps heatmaps;
    private final Actions actions;
    private final Combo modelCombo;
    private final Combo colouringCombo;
    private final Combo normalisationCombo;
    private final java.util.List<Button> needHeatmaps = new java.util.ArrayList<>(); // the pins and the exports
    private final Button pinButton;
    private final Button pinFrameButton;
    private final Composite headBar;

    /** Adds three rows to {@code parent} (a {@code GridLayout} of one column). */
    public HeadsToolbar(Composite parent, DenseHeatmaps heatmaps, Actions actions) {
        this.heatmaps = heatmaps;
        this.actions = actions;
        Composite bar = row(parent);
        Composite model = Rows.labelled(bar, "Model:");
        modelCombo = new Combo(model, SWT.READ_ONLY);
        modelCombo.setToolTipText("The DenseAV model that computes the heatmaps (through the model runner and its "
                + "cache)");
        modelCombo.addListener(SWT.Selection, e -> heatmaps.setModel(modelCombo.getText()));
        HeatmapSettings.Colouring[] colourings = HeatmapSettings.Colouring.values();
        colouringCombo = combo(bar, "Colours:", colourings.length, i -> colourings[i].label(),
                i -> heatmaps.settings().setColouring(colourings[i]));
        HeatmapSettings.Normalisation[] normalisations = HeatmapSettings.Normalisation.values();
        normalisationCombo = combo(bar, "Normalise:", normalisations.length, i -> normalisations[i].label(),
                i -> heatmaps.settings().setNormalisation(normalisations[i]));
        Composite second = row(parent);
        pinButton = new Button(second, SWT.TOGGLE);
        pinButton.setText("Pin audio time");
        pinButton.setToolTipText("Keep the heatmaps at this audio time while the picture is scrubbed");
        pinButton.addListener(SWT.Selection, e -> actions.pinAudio(pinButton.getSelection()));
        needHeatmaps.add(pinButton);
        pinFrameButton = new Button(second, SWT.TOGGLE);
        pinFrameButton.setText("Pin frame");
        pinFrameButton.setToolTipText("Keep the heatmaps at this video frame while the audio time is scrubbed");
        pinFrameButton.addListener(SWT.Selection, e -> actions.pinFrame(pinFrameButton.getSelection()));
        needHeatmaps.add(pinFrameButton);
        pinButton.setEnabled(false);
        pinFrameButton.setEnabled(false);
        button(second, "PNG video", "Export the Video view's picture with the heatmap as PNG",
                () -> actions.export("video"));
        button(second, "PNG heads", "Export these panels and curves as PNG", () -> actions.export("heads"));
        button(second, "MP4 video", "Export the clip with its sound and the heatmap over every frame as MP4, with the"
                + " heads, colours and normalisation chosen here", () -> actions.export("mp4"));
        button(second, "Volume .npy", "Export the volume [frames, heads, h, w, audio steps] as float32 .npy",
                () -> actions.export("volume"));
        headBar = row(parent);
    }

    /** A row of controls that wraps onto a second line in a narrow view instead of cutting its last ones off. */
    private static Composite row(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        row.setLayout(Rows.wrapping(5, 0));
        return row;
    }

    private static Combo combo(Composite bar, String label, int count, IntFunction<String> item, IntConsumer chosen) {
        Combo c = new Combo(Rows.labelled(bar, label), SWT.READ_ONLY);
        for (int i = 0; i < count; i++) {
            c.add(item.apply(i));
        }
        c.addListener(SWT.Selection, e -> chosen.accept(c.getSelectionIndex()));
        return c;
    }

    private void button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
        b.setEnabled(false); // until there are heatmaps to export
        needHeatmaps.add(b);
    }

    /** Lists the installed DenseAV models again and selects the one in use. */
    public void fillModels() {
        modelCombo.removeAll();
        List<String> models = heatmaps.models();
        models.forEach(modelCombo::add);
        if (models.isEmpty()) {
            modelCombo.add(NO_MODEL);
        }
        String chosen = heatmaps.model();
        modelCombo.select(Math.max(0, chosen == null ? 0 : modelCombo.indexOf(chosen)));
        modelCombo.setEnabled(!models.isEmpty());
    }

    /** Makes a check box and a solo button per head. */
    public void setHeads(int heads) {
        needHeatmaps.forEach(b -> b.setEnabled(heads > 0)); // nothing to pin or export without heatmaps
        for (Control child : headBar.getChildren()) {
            child.dispose();
        }
        headBar.setLayout(Rows.wrapping(5, 0));
        for (int k = 0; k < heads; k++) {
            int head = k;
            Button on = CheckBox.create(headBar);
            on.setText("head " + (k + 1));
            on.setToolTipText("Show or mute head " + (k + 1));
            on.addListener(SWT.Selection, e -> heatmaps.settings().setShown(head, on.getSelection()));
            button(headBar, "solo", "Show head " + (k + 1) + " alone", () -> actions.solo(head));
        }
        if (heads > 0) {
            button(headBar, "all heads", "Show every head", () -> actions.solo(-1));
        }
    }

    /**
     * Shows the settings in the controls; {@code pinned}: whether the clip's audio time is pinned, {@code framePinned}:
     * whether its video frame is.
     */
    public void sync(boolean pinned, boolean framePinned) {
        pinFrameButton.setSelection(framePinned);
        HeatmapSettings settings = heatmaps.settings();
        colouringCombo.select(settings.colouring().ordinal());
        normalisationCombo.select(settings.normalisation().ordinal());
        pinButton.setSelection(pinned);
        Control[] children = headBar.getChildren();
        for (int i = 0; i + 1 < children.length; i += 2) {
            ((Button) children[i]).setSelection(settings.shown(i / 2));
        }
    }
}
