package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.avlens.media.MediaInfo;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.LegendEntry;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoOverlay;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.OverlaySlot;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * A bundle other than io.avlens.ui.media (this test bundle) registers a {@link VideoOverlay} service: the Video view
 * opens it for the clip on show, lists it with its legend and opacity in the overlay panel, and draws it blended at
 * the opacity the user set; unregistered, it is gone.
 */
class VideoOverlayTest {

    private static final String NAME = "Test stripe";
    private static final int MAGENTA = 0xFF00FF;

    @TempDir
    Path dir;

    /** Paints the left half of every frame magenta, fully opaque: the view's opacity alone makes it translucent. */
    private static final class Stripe implements VideoOverlay {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Layer open(MediaInfo clip, IProgressMonitor monitor) {
            return new Layer() {
                @Override
                public List<LegendEntry> legend() {
                    return List.of(new LegendEntry("left half", MAGENTA));
                }

                @Override
                public void paint(GC gc, OverlayFrame frame) {
                    gc.setBackground(gc.getDevice().getSystemColor(org.eclipse.swt.SWT.COLOR_MAGENTA));
                    Rectangle r = frame.toCanvas(0, 0, frame.frameWidth() / 2.0, frame.frameHeight());
                    gc.fillRectangle(r);
                }

                @Override
                public void dispose() {
                }
            };
        }
    }

    @Test
    void anOverlayOfAnotherBundleIsListedWithItsLegendAndDrawnAtItsOpacity() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path clip = TestClips.bounce(dir);
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the clip to open", 30, () -> contexts.active().map(c -> c.file().equals(clip)).orElse(false));
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        Ui.waitUntil("the first frame", 20, () -> !Double.isNaN(video.shownTime()));
        assertThat(Ui.sync(() -> video.overlays().slot(NAME))).isNull();

        ServiceRegistration<VideoOverlay> registration = FrameworkUtil.getBundle(getClass()).getBundleContext()
                .registerService(VideoOverlay.class, new Stripe(), null);
        try {
            Ui.waitUntil("the test overlay in the view", 20, () -> video.overlays().slot(NAME) != null);
            OverlaySlot slot = Ui.sync(() -> video.overlays().slot(NAME));
            assertThat(slot.enabled()).isTrue();
            assertThat(Ui.sync(() -> video.overlayPanel().isChecked(NAME))).isTrue();
            assertThat(slot.opacity()).isEqualTo(1.0);
            Ui.run(() -> video.overlays().setOpacity(slot, 0.5));
            assertThat(Ui.sync(() -> video.overlayPanel().texts())).containsSubsequence(NAME, "50", "%",
                    "left half");

            Control canvas = Ui.sync(() -> ((Composite) window.getService(EPartService.class)
                    .findPart(VideoView.ID).getWidget()).getChildren()[0]);
            // the overlay on, off, and on again; the frame under it and the picture's place must not change meanwhile
            // (a frame or a layout that arrives between two paints would fail the comparison for the picture's sake,
            // not the overlay's): each paint carries the picture area it was painted in
            Painted on = null;
            Painted off = null;
            for (int attempt = 0; attempt < 5 && off == null; attempt++) {
                Painted first = Ui.sync(() -> paint(video, canvas));
                Ui.run(() -> video.overlays().setEnabled(slot, false));
                assertThat(Ui.sync(() -> video.overlayPanel().isChecked(NAME))).isFalse();
                assertThat(Ui.sync(() -> video.overlayPanel().texts())).as("no legend for an overlay turned off")
                        .contains(NAME).doesNotContain("left half");
                Painted without = Ui.sync(() -> paint(video, canvas));
                Ui.run(() -> video.overlays().setEnabled(slot, true));
                assertThat(Ui.sync(() -> video.overlayPanel().isChecked(NAME))).isTrue();
                assertThat(Ui.sync(() -> video.overlayPanel().texts())).contains("left half");
                Painted again = Ui.sync(() -> paint(video, canvas));
                if (first.picture().equals(without.picture()) && first.picture().equals(again.picture())
                        && java.util.Arrays.equals(first.image().data, again.image().data)) {
                    on = first;
                    off = without;
                }
            }
            assertThat(off).as("the picture held still for three paints in five tries").isNotNull();
            Rectangle picture = on.picture();

            double alpha = Math.round(0.5 * 255) / 255.0;
            int left = 0;
            int right = 0;
            for (int y = picture.y + 2; y < picture.y + picture.height - 2; y += 7) {
                for (int x = picture.x + 2; x < picture.x + picture.width - 2; x += 7) {
                    int half = picture.x + picture.width / 2;
                    if (Math.abs(x - half) < 3) {
                        continue;
                    }
                    RGB under = rgb(off.image(), x, y);
                    RGB drawn = rgb(on.image(), x, y);
                    if (x < half) {
                        RGB expected = blend(MAGENTA, under, alpha);
                        assertThat(distance(drawn, expected)).as("(%d, %d): drawn %s, expected %s", x, y, drawn,
                                expected).isLessThanOrEqualTo(3);
                        left++;
                    } else {
                        assertThat(drawn).as("right half at (%d, %d)", x, y).isEqualTo(under);
                        right++;
                    }
                }
            }
            assertThat(left).isGreaterThan(50);
            assertThat(right).isGreaterThan(50);
            System.out.println(String.format(Locale.ROOT, "test overlay at 50%%: %d blended and %d untouched pixels"
                    + " checked", left, right));
            Ui.settle();
            Ui.screenshot(window.getShell(), "video-overlay-from-test-bundle");
        } finally {
            registration.unregister();
        }
        Ui.waitUntil("the test overlay gone from the view", 20, () -> video.overlays().slot(NAME) == null);
        assertThat(Ui.sync(() -> video.overlayPanel().texts())).doesNotContain(NAME);
    }

    /**
     * A second Video view ("New View") follows the active clip while the first, pinned, stays on its clip and on
     * that clip's own cursor; the pinned part's title names the clip.
     */
    @Test
    void aPinnedVideoViewKeepsItsClipWhileANewOneFollowsTheActiveClip() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path clipA = TestClips.bounce(dir);
        Path clipB = java.nio.file.Files.copy(clipA, dir.resolve("other.mp4"));
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> OpenClipHandler.open(clipA, window));
        Ui.waitUntil("clip A to open", 30, () -> contexts.active().map(c -> c.file().equals(clipA)).orElse(false));
        AnalysisContext a = Ui.sync(() -> contexts.active().orElseThrow());
        VideoView first = Ui.part(window, VideoView.ID, VideoView.class);
        Ui.waitUntil("clip A in the Video view", 20, () -> clipA.equals(first.clip()));
        VideoView second = Ui.sync(first::newView);
        assertThat(second).isNotNull().isNotSameAs(first);
        MPart firstPart = Ui.sync(() -> window.getService(EPartService.class).getParts().stream()
                .filter(p -> p.getObject() == first).findFirst().orElseThrow());
        try {
            Ui.run(() -> first.setPinned(true));
            assertThat(Ui.sync(firstPart::getLabel)).isEqualTo("Video · " + a.title() + " (pinned)");
            Ui.run(() -> OpenClipHandler.open(clipB, window));
            Ui.waitUntil("clip B to open", 30, () -> contexts.active().map(c -> c.file().equals(clipB))
                    .orElse(false));
            Ui.waitUntil("clip B in the new view", 20, () -> clipB.equals(second.clip()));
            assertThat(Ui.sync(first::clip)).as("the pinned view").isEqualTo(clipA);
            Ui.run(() -> a.moveCursor(this, 1.0));
            Ui.waitUntil("the pinned view at its clip's cursor", 20, () -> first.shownTime() == 1.0);
            assertThat(Ui.sync(second::position)).as("the new view stays at clip B's cursor").isZero();
        } finally {
            Ui.run(() -> {
                first.setPinned(false);
                window.getService(EPartService.class).getParts().stream().filter(p -> p.getObject() == second)
                        .findFirst().ifPresent(p -> window.getService(EPartService.class).hidePart(p, true));
            });
        }
        assertThat(Ui.sync(first::clip)).as("unpinned, the active clip").isEqualTo(clipB);
        assertThat(Ui.sync(firstPart::getLabel)).isEqualTo("Video");
    }

    /** One paint of the view and the picture area it was painted in. */
    private record Painted(ImageData image, Rectangle picture) {
    }

    private static Painted paint(VideoView video, Control canvas) {
        Rectangle area = canvas.getBounds();
        Image target = new Image(Ui.display(), area.width, area.height);
        GC gc = new GC(target);
        try {
            video.paint(gc);
            return new Painted(target.getImageData(), video.pictureArea());
        } finally {
            gc.dispose();
            target.dispose();
        }
    }

    private static RGB rgb(ImageData data, int x, int y) {
        return data.palette.getRGB(data.getPixel(x, y));
    }

    private static RGB blend(int colour, RGB under, double alpha) {
        return new RGB((int) Math.round(alpha * (colour >> 16 & 0xff) + (1 - alpha) * under.red),
                (int) Math.round(alpha * (colour >> 8 & 0xff) + (1 - alpha) * under.green),
                (int) Math.round(alpha * (colour & 0xff) + (1 - alpha) * under.blue));
    }

    private static int distance(RGB a, RGB b) {
        return Math.max(Math.abs(a.red - b.red), Math.max(Math.abs(a.green - b.green), Math.abs(a.blue - b.blue)));
    }
}
