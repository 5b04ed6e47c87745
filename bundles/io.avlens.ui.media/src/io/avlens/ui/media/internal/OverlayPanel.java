package io.avlens.ui.media.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

import io.avlens.ui.media.LegendEntry;
import io.avlens.ui.widgets.CheckBox;
import io.avlens.ui.widgets.Rows;

/**
 * The Video view's overlay panel under its toolbar: a row per overlay of the clip on show with a check box (drawn or
 * not), its opacity in percent and its legend (a swatch and a label per colour). Hidden while the clip has no
 * overlay. UI thread.
 */
public final class OverlayPanel {

    private static final int SWATCH = 12;

    private final Composite panel;
    private final OverlayStack stack;
    private final Map<OverlaySlot, Button> checks = new HashMap<>();
    private final Map<OverlaySlot, Spinner> opacities = new HashMap<>();
    private final Map<OverlaySlot, List<Composite>> legends = new HashMap<>();

    /** @param parent a composite with a {@code GridLayout}, where the panel takes a row */
    public OverlayPanel(Composite parent, OverlayStack stack) {
        this.stack = stack;
        panel = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(panel);
        GridLayoutFactory.fillDefaults().margins(4, 0).spacing(0, 0).applyTo(panel);
        panel.setVisible(false);
    }

    /** Shows a row for each of the stack's slots now (after slots were added or closed). */
    public void refresh() {
        if (panel.isDisposed()) {
            return;
        }
        for (Control c : panel.getChildren()) {
            c.dispose();
        }
        checks.clear();
        opacities.clear();
        legends.clear();
        List<OverlaySlot> slots = stack.slots();
        for (OverlaySlot slot : slots) {
            row(slot);
        }
        boolean show = !slots.isEmpty();
        panel.setVisible(show);
        ((GridData) panel.getLayoutData()).exclude = !show;
        panel.getParent().layout(true, true);
    }

    /** Shows the choices made elsewhere (on/off, opacity) without rebuilding the rows, so typing is not lost. */
    public void sync() {
        checks.forEach((slot, check) -> {
            if (!check.isDisposed() && check.getSelection() != slot.enabled()) {
                check.setSelection(slot.enabled());
            }
        });
        opacities.forEach((slot, spinner) -> {
            int percent = (int) Math.round(slot.opacity() * 100);
            if (!spinner.isDisposed() && spinner.getSelection() != percent) {
                spinner.setSelection(percent);
            }
        });
        legends.forEach(this::showLegend);
    }

    /**
     * The legend of an overlay (its entries) is shown while the overlay is drawn. A hidden legend keeps its place, so
     * switching an overlay on or off never re-wraps the rows and resizes the picture above them.
     */
    private void showLegend(OverlaySlot slot, List<Composite> legend) {
        for (Composite entry : legend) {
            if (!entry.isDisposed() && entry.getVisible() != slot.enabled()) {
                entry.setVisible(slot.enabled());
            }
        }
    }

    /** Whether the check box of the overlay named {@code name} is ticked; for tests. */
    public boolean isChecked(String name) {
        return checks.entrySet().stream().anyMatch(e -> e.getKey().name().equals(name) && e.getValue().getSelection());
    }

    private void row(OverlaySlot slot) {
        Composite row = new Composite(panel, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row); // the panel's width, so the row wraps in it
        row.setLayout(Rows.wrapping(4, 1));
        Button on = CheckBox.create(row);
        on.setText(slot.name());
        on.setSelection(slot.enabled());
        on.setEnabled(slot.layer() != null);
        on.addListener(SWT.Selection, e -> stack.setEnabled(slot, on.getSelection()));
        checks.put(slot, on);
        if (slot.layer() == null) {
            new Label(row, SWT.NONE).setText(slot.problem() == null ? "" : slot.problem());
            return;
        }
        Spinner opacity = new Spinner(row, SWT.BORDER);
        opacity.setValues((int) Math.round(slot.opacity() * 100), 0, 100, 0, 5, 25);
        opacity.setToolTipText("Opacity of " + slot.name() + ", percent");
        opacity.addListener(SWT.Selection, e -> stack.setOpacity(slot, opacity.getSelection() / 100.0));
        opacities.put(slot, opacity);
        new Label(row, SWT.NONE).setText("%  ");
        // each entry (swatch and label) a child of the row, so a long legend wraps entry by entry
        List<Composite> legend = new ArrayList<>();
        for (LegendEntry entry : slot.layer().legend()) {
            Composite item = new Composite(row, SWT.NONE);
            item.setLayoutData(new RowData());
            item.setLayout(Rows.wrapping(3, 0));
            swatch(item, entry.rgb());
            new Label(item, SWT.NONE).setText(entry.label());
            legend.add(item);
        }
        legends.put(slot, legend);
        showLegend(slot, legend);
    }

    private static void swatch(Composite row, int rgb) {
        Canvas swatch = new Canvas(row, SWT.NONE);
        swatch.setLayoutData(new RowData(SWATCH, SWATCH));
        Color colour = new Color(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
        swatch.addListener(SWT.Paint, e -> {
            e.gc.setBackground(colour);
            e.gc.fillRectangle(0, 0, SWATCH, SWATCH);
            e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
            e.gc.drawRectangle(0, 0, SWATCH - 1, SWATCH - 1);
        });
    }

    /** The texts the panel shows (overlay names, percentages, legend labels of the overlays drawn), in order. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        collect(panel, texts);
        return texts;
    }

    private static void collect(Composite parent, List<String> texts) {
        for (Control c : parent.getChildren()) {
            if (!c.getVisible()) {
                continue;
            }
            if (c instanceof Button b) {
                texts.add(b.getText());
            } else if (c instanceof Label l) {
                texts.add(l.getText().strip());
            } else if (c instanceof Spinner s) {
                texts.add(String.format(Locale.ROOT, "%d", s.getSelection()));
            } else if (c instanceof Composite child) {
                collect(child, texts);
            }
        }
    }

    /** Whether the panel is shown. */
    public boolean isVisible() {
        return panel.isVisible();
    }
}
