package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.ui.preferences.InferencePreferencePage;
import io.avlens.ui.preferences.InferencePreferences;
import io.avlens.ui.preferences.InferenceSettings;
import io.avlens.ui.testing.Ui;

/**
 * Window › Preferences › Inference, used as a user would: the devices the inference services report are listed,
 * values typed into the fields are stored in the {@code io.avlens.runner} instance node on OK and read back by
 * {@link InferencePreferences#read()}; a value out of range shows an error naming the field and disables OK.
 */
class InferencePreferencesTest {

    @TempDir
    Path dir;

    @AfterEach
    void forget() throws Exception {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(InferencePreferences.NODE);
        node.clear();
        node.flush();
    }

    @Test
    void storesValidValuesAndRefusesInvalidOnes() throws Exception {
        IWorkbenchWindow window = Ui.window();
        PreferenceDialog dialog = Ui.sync(() -> {
            PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(window.getShell(),
                    InferencePreferencePage.ID, new String[] {InferencePreferencePage.ID}, null);
            d.setBlockOnOpen(false);
            d.open();
            d.getShell().setSize(900, 560);
            return d;
        });
        InferencePreferencePage page = Ui.sync(() -> (InferencePreferencePage) dialog.getSelectedPage());
        Button ok = Ui.sync(() -> button(dialog.getShell(), IDialogConstants.OK_ID));
        assertThat(ok).as("the dialog's OK button").isNotNull();

        // the defaults: automatic device, cache under the data folder
        assertThat(Ui.sync(() -> text(page, InferencePreferences.DEVICE))).isEqualTo("auto");
        assertThat(Ui.sync(() -> text(page, InferencePreferences.CACHE_FOLDER)))
                .endsWith(Path.of("cache", "runs").toString());
        Ui.waitUntil("the devices of the inference services", 120,
                () -> !page.devicesText().startsWith("Looking"));
        assertThat(Ui.sync(page::devicesText)).contains("cpu");

        // invalid input: the error names the field, OK is disabled
        Path cache = dir.resolve("run-cache");
        Ui.run(() -> {
            page.setValue(InferencePreferences.DEVICE, "cpu");
            page.setValue(InferencePreferences.THREADS, "1");
            page.setValue(InferencePreferences.MEMORY_BUDGET_MIB, "512");
            page.setValue(InferencePreferences.BATCH_SIZE, "0");
            page.setValue(InferencePreferences.CACHE_FOLDER, cache.toString());
        });
        assertThat(Ui.sync(page::getErrorMessage)).startsWith("Batch size: '0' is not a whole number from 1 to");
        assertThat(Ui.sync(ok::isEnabled)).isFalse();
        Ui.screenshot(dialog.getShell(), "preferences-inference-invalid");
        Ui.run(() -> page.setValue(InferencePreferences.BATCH_SIZE, "4"));
        assertThat(Ui.sync(ok::isEnabled)).isTrue();
        Ui.run(() -> page.setValue(InferencePreferences.DEVICE, "tpu"));
        assertThat(Ui.sync(page::getErrorMessage)).contains("'tpu' is not a device");
        assertThat(Ui.sync(ok::isEnabled)).isFalse();
        Ui.run(() -> page.setValue(InferencePreferences.DEVICE, "cpu"));
        Ui.run(() -> page.setValue(InferencePreferences.THREADS, "100000"));
        assertThat(Ui.sync(page::getErrorMessage)).startsWith("Threads: '100000'");
        Ui.run(() -> page.setValue(InferencePreferences.THREADS, "1"));
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Ui.run(() -> page.setValue(InferencePreferences.CACHE_FOLDER, file.toString()));
        assertThat(Ui.sync(page::getErrorMessage)).contains("is a file, not a folder");
        Ui.run(() -> page.setValue(InferencePreferences.CACHE_FOLDER, cache.toString()));
        assertThat(Ui.sync(page::getErrorMessage)).isNull();
        assertThat(Ui.sync(ok::isEnabled)).isTrue();
        Ui.screenshot(dialog.getShell(), "preferences-inference");

        // OK stores the values in the runner's node, where the reader finds them
        Ui.run(() -> ok.notifyListeners(SWT.Selection, new Event()));
        Ui.waitUntil("the dialog to close", 10, () -> dialog.getShell() == null || dialog.getShell().isDisposed());
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(InferencePreferences.NODE);
        assertThat(node.get(InferencePreferences.DEVICE, null)).isEqualTo("cpu");
        assertThat(node.get(InferencePreferences.THREADS, null)).isEqualTo("1");
        assertThat(node.get(InferencePreferences.MEMORY_BUDGET_MIB, null)).isEqualTo("512");
        assertThat(node.get(InferencePreferences.BATCH_SIZE, null)).isEqualTo("4");
        assertThat(node.get(InferencePreferences.CACHE_FOLDER, null)).isEqualTo(cache.toString());
        InferenceSettings settings = InferencePreferences.read();
        assertThat(settings).isEqualTo(new InferenceSettings("cpu", 1, 512, 4, cache));
        assertThat(settings.requestedDevice()).hasToString("cpu");
        assertThat(settings.memoryBudget().bytes()).isEqualTo(512L << 20);

        // a value edited by hand into something invalid reads as its default
        node.put(InferencePreferences.BATCH_SIZE, "many");
        assertThat(InferencePreferences.read().batchSize()).isEqualTo(InferencePreferences.DEFAULT_BATCH_SIZE);
    }

    private static String text(InferencePreferencePage page, String key) {
        Control field = page.field(key);
        return field instanceof org.eclipse.swt.widgets.Text t ? t.getText()
                : ((org.eclipse.swt.widgets.Combo) field).getText();
    }

    private static Button button(Composite parent, int id) {
        for (Control child : parent.getChildren()) {
            if (child instanceof Button b && Integer.valueOf(id).equals(b.getData())) {
                return b;
            }
            if (child instanceof Composite c) {
                Button found = button(c, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
