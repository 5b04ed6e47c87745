package io.avlens.ui.similarity.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.similarity.SimilarityView;
import io.avlens.ui.similarity.internal.SimilarityCanvas;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * A clip shorter than CAVP-small's 4 s window is computed padded (black frames, silence) instead of refused, and the
 * Similarity view says how much of its axes is padding.
 */
class SimilarityPaddedClipTest {

    @TempDir
    Path dir;

    @Test
    void aShortClipIsShownPaddedAndTheViewSaysByHowMuch() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path clip = TestClips.bounce(dir, "short-bounce", 2.5);
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> {
            try {
                window.getActivePage().showView(SimilarityView.ID, null, IWorkbenchPage.VIEW_ACTIVATE);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        SimilarityView view = Ui.part(window, SimilarityView.ID, SimilarityView.class);
        Ui.run(view::closeComparison);
        Ui.run(() -> view.setModel("cavp-small"));
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the short clip to open", 30, () -> contexts.active().map(c -> c.file().equals(clip))
                .orElse(false));
        SimilarityCanvas canvas = view.canvas(0);
        Ui.waitUntil("CAVP-small's volume of the short clip", 120,
                () -> canvas.title().startsWith("short-bounce.mp4 · cavp-small"));

        SimilarityVolume volume = Ui.sync(canvas::volume);
        assertThat(volume.videoSteps()).as("one 4 s window at 8 fps").isEqualTo(32);
        assertThat(Ui.sync(canvas::title)).contains("last 1.500 s padded");
        assertThat(volume.videoSteps() * volume.videoBase().step() - 2.5).isCloseTo(1.5, within(1e-9));
        assertThat(Ui.sync(canvas::paddedSeconds)).as("the padded end greyed on both axes").isCloseTo(1.5,
                within(1e-9));
        // a cell of the padded corner is drawn dimmed: another colour than without the marking, and greyer
        int x = Ui.sync(() -> canvas.xOfVideo(3.8));
        int y = Ui.sync(() -> canvas.yOfAudio(3.8));
        org.eclipse.swt.graphics.RGB marked = pixel(canvas, x, y);
        Ui.run(() -> canvas.setPadding(0));
        org.eclipse.swt.graphics.RGB plain = pixel(canvas, x, y);
        Ui.run(() -> canvas.setPadding(1.5));
        assertThat(marked).as("the padded cell is drawn differently from its colour-map colour").isNotEqualTo(plain);
        assertThat(spread(marked)).as(marked + " greyer than " + plain).isLessThanOrEqualTo(spread(plain));
        Ui.screenshot(window.getShell(), "similarity-short-clip-padded");
    }

    private static org.eclipse.swt.graphics.RGB pixel(SimilarityCanvas canvas, int x, int y) {
        return Ui.sync(() -> {
            org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(canvas.getDisplay(),
                    canvas.getSize().x, canvas.getSize().y);
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(image);
            try {
                canvas.paint(gc);
                org.eclipse.swt.graphics.ImageData data = image.getImageData();
                return data.palette.getRGB(data.getPixel(x, y));
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
    }

    private static int spread(org.eclipse.swt.graphics.RGB c) {
        return Math.max(c.red, Math.max(c.green, c.blue)) - Math.min(c.red, Math.min(c.green, c.blue));
    }
}
