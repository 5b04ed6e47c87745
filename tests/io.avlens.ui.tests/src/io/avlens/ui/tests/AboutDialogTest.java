package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;

import io.avlens.ui.internal.about.AboutDialog;
import io.avlens.ui.testing.Ui;

/** Help &gt; About AV Lens lists the real versions of the running platform. */
class AboutDialogTest {

    @Test
    void listsAvLensJavaEclipseAndOsgiVersions() {
        Ui.display().asyncExec(() -> {
            try {
                Ui.window().getService(IHandlerService.class).executeCommand("io.avlens.ui.commands.about", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Ui.waitUntil("the About dialog", 30, () -> findDialog() != null);
        Shell dialog = Ui.sync(AboutDialogTest::findDialog);
        try {
            List<String[]> rows = Ui.sync(() -> {
                List<String[]> r = new ArrayList<>();
                for (TableItem item : findTable(dialog).getItems()) {
                    r.add(new String[] {item.getText(0), item.getText(1), item.getText(2)});
                }
                return r;
            });
            assertThat(rows).extracting(r -> r[0]).startsWith("AV Lens", "Java", "Eclipse Platform", "OSGi framework");
            assertThat(rows.get(1)[1]).isEqualTo(Runtime.version().toString());
            assertThat(rows.get(2)[1]).startsWith("4.");
            Ui.screenshot(dialog, "about-dialog");
        } finally {
            Ui.run(dialog::close);
        }
    }

    private static Shell findDialog() {
        for (Shell s : Ui.display().getShells()) {
            if (!s.isDisposed() && s.isVisible() && AboutDialog.TITLE.equals(s.getText())) {
                return s;
            }
        }
        return null;
    }

    private static Table findTable(Composite parent) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Table t) {
                return t;
            }
            if (c instanceof Composite comp) {
                Table t = findTable(comp);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
