package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;

import io.avlens.ui.testing.Ui;

class WorkbenchTest {

    @Test
    void theWindowIsTitledAvLensAndOpensOnTheExplorePerspective() {
        IWorkbenchWindow window = Ui.window();
        assertThat(Ui.sync(() -> window.getShell().getText())).isEqualTo("AV Lens");
        assertThat(Ui.sync(() -> window.getActivePage().getPerspective().getId()))
                .isEqualTo("io.avlens.ui.perspectives.explore");
        assertThat(Ui.sync(() -> window.getActivePage().getPerspective().getLabel())).isEqualTo("Explore");
        Path shot = Ui.screenshot(window.getShell(), "workbench");
        assertThat(shot).exists();
        assertThat(shot.toFile().length()).isGreaterThan(1000);
    }

    @Test
    void theMenusHoldTheAvLensCommands() {
        IWorkbenchWindow window = Ui.window();
        List<String> labels = Ui.sync(() -> {
            Menu bar = window.getShell().getMenuBar();
            List<String> all = new ArrayList<>();
            for (MenuItem top : bar.getItems()) {
                all.add(top.getText());
                Menu sub = top.getMenu();
                sub.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event());
                for (MenuItem item : sub.getItems()) {
                    all.add(top.getText().replace("&", "") + " > " + item.getText().replace("&", "").split("\t")[0]);
                }
                sub.notifyListeners(org.eclipse.swt.SWT.Hide, new org.eclipse.swt.widgets.Event());
            }
            return all;
        });
        assertThat(labels).contains("File > Open Tensor...", "Help > About AV Lens", "File > Exit");
    }

    @Test
    void screenshotsAreRealPngFiles() throws Exception {
        Path shot = Ui.screenshot(Ui.window().getShell(), "workbench-check");
        byte[] head = Files.readAllBytes(shot);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(head[2]).isEqualTo((byte) 'N');
        assertThat(head[3]).isEqualTo((byte) 'G');
        Files.delete(shot);
    }
}
