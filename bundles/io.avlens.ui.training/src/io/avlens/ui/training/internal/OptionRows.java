package io.avlens.ui.training.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.avlens.models.training.TrainOption;

/**
 * The rows of a training family's options on the Train page, in its three-column grid (label, field, hint): a text
 * for a whole or decimal option, a read-only drop-down of its names for a choice. Each field is read and typed as
 * text (a drop-down selects the choice of that name). UI thread only.
 */
public final class OptionRows {

    /** One option's field: its value as text, and typing a value as a user would. */
    public record Field(Supplier<String> value, Consumer<String> type) {
    }

    private final List<Control> controls = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();

    /** Replaces the rows by those of {@code options} at the end of {@code parent}; {@code changed} runs on each edit. */
    public void show(Composite parent, List<TrainOption> options, Runnable changed) {
        controls.forEach(Control::dispose);
        controls.clear();
        fields.clear();
        for (TrainOption o : options) {
            String label = "&" + o.label() + ":";
            if (o.kind() == TrainOption.Kind.CHOICE) {
                Label name = new Label(parent, SWT.NONE);
                name.setText(label);
                Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
                combo.setItems(o.choices().toArray(String[]::new));
                combo.select(o.choices().indexOf(o.formattedDefault()));
                combo.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
                combo.addListener(SWT.Selection, e -> changed.run());
                controls.addAll(List.of(name, combo, hint(parent, o.description())));
                fields.add(new Field(combo::getText, choice -> {
                    combo.select(combo.indexOf(choice));
                    changed.run(); // select() sends no Selection event; a user's choice does
                }));
            } else {
                Text text = textRow(parent, label, o.description() + ", " + o.format(o.min()) + " to "
                        + o.format(o.max()), controls);
                text.setText(o.formattedDefault());
                text.addListener(SWT.Modify, e -> changed.run());
                fields.add(new Field(text::getText, text::setText));
            }
        }
    }

    /** The fields, in the options' order. */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** A row of a short text field: label, text, hint; the three controls are added to {@code made}. */
    public static Text textRow(Composite parent, String label, String hint, List<Control> made) {
        Label name = new Label(parent, SWT.NONE);
        name.setText(label);
        Text text = new Text(parent, SWT.BORDER);
        GridData layout = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        layout.widthHint = 90;
        text.setLayoutData(layout);
        made.addAll(List.of(name, text, hint(parent, hint)));
        return text;
    }

    /** The width a hint wraps at, so a long description makes the row taller, not the wizard wider than a screen. */
    static final int HINT_WIDTH = 380;

    private static Label hint(Composite parent, String text) {
        Label hint = new Label(parent, SWT.WRAP);
        hint.setText(text);
        org.eclipse.jface.layout.GridDataFactory.fillDefaults().grab(true, false)
                .hint(HINT_WIDTH, SWT.DEFAULT).applyTo(hint);
        hint.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        return hint;
    }
}
