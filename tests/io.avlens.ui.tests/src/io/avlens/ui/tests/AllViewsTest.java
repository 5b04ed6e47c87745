package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.IViewDescriptor;
import org.junit.jupiter.api.Test;

import io.avlens.ui.testing.Ui;

/** Opens every view AV Lens registers, fails when one cannot be created, and saves a screenshot of each. */
class AllViewsTest {

    @Test
    void everyRegisteredViewOpens() {
        List<String> ids = Ui.sync(() -> Arrays.stream(PlatformUI.getWorkbench().getViewRegistry().getViews())
                .map(IViewDescriptor::getId).filter(id -> id.startsWith("io.avlens.")).sorted().toList());
        assertThat(ids).as("AV Lens views in the registry").isNotEmpty().contains("io.avlens.ui.views.tensor");

        IWorkbenchWindow window = Ui.window();
        List<String> openBefore = Ui.sync(() -> ids.stream()
                .filter(id -> window.getActivePage().findViewReference(id) != null).toList());
        try {
            openEach(window, ids);
        } finally {
            // leave the workbench as found: a view left open keeps working for the tests that follow (the Heads
            // view computes heatmaps for every clip they activate)
            Ui.run(() -> ids.stream().filter(id -> !openBefore.contains(id)).forEach(id -> {
                IViewPart part = window.getActivePage().findView(id);
                if (part != null) {
                    window.getActivePage().hideView(part);
                }
            }));
        }
    }

    private static void openEach(IWorkbenchWindow window, List<String> ids) {
        for (String id : ids) {
            IViewPart part = Ui.sync(() -> {
                try {
                    return window.getActivePage().showView(id);
                } catch (Exception e) {
                    throw new AssertionError("view " + id + " failed to open: " + e, e);
                }
            });
            assertThat(part).as(id).isNotNull();
            assertThat(part.getClass().getName()).as("view %s is an error placeholder", id)
                    .doesNotContain("ErrorViewPart");
            Object content = Ui.sync(() -> {
                MPart model = window.getService(EPartService.class).findPart(id);
                return model == null ? null : model.getObject();
            });
            assertThat(content).as("the part object of %s was created", id).isNotNull();
            assertThat(content.getClass().getName()).as(id).doesNotContain("ErrorViewPart");
            Path shot = Ui.screenshot(window.getShell(), "view-" + id);
            assertThat(shot).exists();
        }
    }
}
