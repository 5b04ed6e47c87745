package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.ui.tensor.TensorView;
import io.avlens.ui.testing.Ui;

/**
 * The Tensor view on a real tensor written by numpy (DenseAV-small's two heads over one frame of an AV-Shapes clip at a
 * hit, {@code resources/make_fixtures.py}): open through the event broker, page through planes, bad files.
 */
class TensorViewTest {

    private static TensorView view() {
        IWorkbenchWindow window = Ui.window();
        return Ui.sync(() -> {
            try {
                window.getActivePage().showView(TensorView.ID);
            } catch (PartInitException e) {
                throw new AssertionError(e);
            }
            return (TensorView) window.getService(EPartService.class).findPart(TensorView.ID).getObject();
        });
    }

    private static void requestOpen(Path file) {
        Ui.run(() -> Ui.window().getService(IEventBroker.class).send(TensorView.TOPIC_OPEN, file));
    }

    @Test
    void showsEachPlaneOfANumpyTensor(@TempDir Path dir) throws IOException {
        Path file = Ui.resource("denseav_heads.npy", dir);
        FloatTensor expected = Npy.read(file).toFloatTensor();
        TensorView view = view();

        requestOpen(file);
        Ui.waitUntil("the tensor to be shown", 30, () -> file.equals(view.file()));
        assertThat(Ui.sync(view::plane)).isEqualTo(expected.slice(0));
        assertThat(Ui.sync(view::statusText)).startsWith("512 values, min -0.1701, max 0.1994");
        Ui.screenshot(Ui.window().getShell(), "tensor-view-plane0");

        Ui.run(() -> view.selectPlane(1));
        assertThat(Ui.sync(view::plane)).isEqualTo(expected.slice(1));
        Ui.screenshot(Ui.window().getShell(), "tensor-view-plane1");
    }

    @Test
    void aBadFileIsReportedInTheViewWithItsNameAndProblem(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.npy"), "\u0093NUMPY but then nothing useful");
        TensorView view = view();
        requestOpen(bad);
        Ui.waitUntil("the error to be shown", 30, () -> view.statusText().startsWith("Cannot open"));
        assertThat(Ui.sync(view::statusText)).contains(bad.toString());
        assertThat(Ui.sync(view::file)).isNotEqualTo(bad);
    }
}
