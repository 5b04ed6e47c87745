package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.model.Dataset;
import io.avlens.model.store.ProjectStore;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.MaskOverlay;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.synth.NewSynthDatasetWizard;
import io.avlens.ui.synth.SynthSpecPage;
import io.avlens.ui.testing.Ui;

/**
 * File › New Synthetic Dataset as a user goes through it: the page rejects bad settings with a reason, Finish
 * generates a small AV-Shapes dataset and opens it in the explorer, and the Video view draws the clip's
 * ground-truth masks over the picture, blended exactly as the overlay says; Cancel leaves no project behind.
 */
class SynthWizardTest {

    @TempDir
    Path dir;

    private final List<ProjectSession> opened = new ArrayList<>();

    @AfterEach
    void closeProjects() {
        Ui.run(() -> opened.forEach(Ui.sessions()::close));
    }

    @Test
    void generatesADatasetOpensItAndDrawsItsMasksOverTheVideo() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path out = dir.resolve("shapes");
        SynthSpec spec = SynthSpec.of(4, 11).withSize(64).withTiming(8, 2);
        WizardDialog dialog = Ui.sync(() -> {
            WizardDialog d = new WizardDialog(window.getShell(), new NewSynthDatasetWizard(Ui.sessions(), window, dir));
            d.setBlockOnOpen(false);
            d.open();
            return d;
        });
        NewSynthDatasetWizard wizard = (NewSynthDatasetWizard) Ui.sync(dialog::getCurrentPage).getWizard();
        SynthSpecPage page = wizard.page();

        // the defaults are the generator's, in a proposed folder that holds no project
        assertThat(Ui.sync(page::spec)).isEqualTo(SynthSpec.of(100, 0));
        assertThat(Ui.sync(wizard::canFinish)).isTrue();

        // each bad setting is named as it is typed, and Finish is off
        assertThat(problem(page, out.toString(), "four", "63")).isEqualTo("Number of clips: 'four' is not a whole number.");
        assertThat(problem(page, out.toString(), "4", "63")).startsWith("Size must be an even number");
        assertThat(problem(page, "", "4", "64")).isEqualTo("Choose the folder the dataset is written to.");
        Ui.run(() -> page.fill(out.toString(), "4", "11", "64", "8", "2", "1.5", false, "2"));
        assertThat(Ui.sync(page::getErrorMessage)).startsWith("Lag range must be between 0 and half the clip length");
        assertThat(Ui.sync(wizard::canFinish)).isFalse();

        Ui.run(() -> page.fill(out, spec));
        assertThat(Ui.sync(page::getErrorMessage)).isNull();
        assertThat(Ui.sync(page::spec)).isEqualTo(spec);
        assertThat(Ui.sync(wizard::canFinish)).isTrue();
        Ui.screenshot(Ui.sync(dialog::getShell), "synth-wizard");

        assertThat(Ui.sync(wizard::performFinish)).isTrue();
        Ui.run(dialog::close);
        ProjectSession session = wizard.created();
        opened.add(session);

        // the files, the project and the explorer
        assertThat(wizard.result().clips()).isEqualTo(4);
        assertThat(ProjectStore.isProject(out)).isTrue();
        for (int i = 0; i < 4; i++) {
            String stem = String.format(Locale.ROOT, "clip-%05d", i);
            for (String suffix : List.of(".mp4", ".json", ".masks.npy", ".sounding.npy")) {
                assertThat(out.resolve("media").resolve(stem + suffix)).isNotEmptyFile();
            }
        }
        assertThat(Ui.sessions().find(out)).containsSame(session);
        Dataset dataset = session.project().getDatasets().get(0);
        assertThat(dataset.getName()).isEqualTo("av-shapes");
        assertThat(dataset.getClips()).hasSize(4);
        List<String> labels = Ui.sync(() -> {
            ProjectExplorerView explorer = (ProjectExplorerView) window.getActivePage()
                    .findView(ProjectExplorerView.ID);
            explorer.viewer().expandAll();
            List<String> texts = new ArrayList<>();
            collect(explorer.viewer().getTree().getItems(), texts);
            return texts;
        });
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("av-shapes").contains("4 clips"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("clip-00003").contains("64×64"));

        // the clip and frame with the most sounding pixels (else the most object pixels): a frame worth looking at
        Shown best = mostInteresting(out.resolve("media"), spec);
        Path clip = out.resolve("media").resolve(best.stem() + ".mp4");
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the clip to open", 30, () -> contexts.active().map(c -> c.file().equals(clip)).orElse(false));
        AnalysisContext analysis = Ui.sync(() -> contexts.active().orElseThrow());
        VideoView video = part(window);
        Ui.waitUntil("the masks to load", 30, video::masksShown);
        double t = (best.frame() + 0.5) / spec.fps();
        Ui.run(() -> analysis.moveCursor(this, t));
        Ui.waitUntil("the video to show the chosen frame", 20, () -> video.shownTime() == t);

        MaskOverlay overlay = Ui.sync(video::masks);
        assertThat(overlay.frames()).isEqualTo(spec.frames());
        assertThat(overlay.width()).isEqualTo(64);
        assertThat(overlay.frameAt(t)).isEqualTo(best.frame());
        Control canvas = Ui.sync(() -> ((Composite) partModel(window).getWidget()).getChildren()[0]);
        // each paint carries the picture area it was painted in: toggling an overlay may re-lay the view out. Both
        // paints run in one UI runnable: a resize re-decodes the frame for the new size in the background, and a
        // frame landing between two separate runnables made the two paints of one time differ (one stretched)
        record Toggled(Painted on, boolean hidden, Painted off) {
        }
        Toggled toggled = Ui.sync(() -> {
            Painted with = paint(video, canvas);
            video.showMasks(false);
            boolean hidden = !video.masksShown();
            Painted without = paint(video, canvas);
            video.showMasks(true);
            return new Toggled(with, hidden, without);
        });
        assertThat(toggled.hidden()).isTrue();
        Painted on = toggled.on();
        Painted off = toggled.off();
        Rectangle picture = on.picture();

        // inside an object: the picture blended with the object's colour at the fill's opacity; background: untouched
        int k = best.frame();
        int checkedObjects = 0;
        int checkedBackground = 0;
        for (int my = 1; my < overlay.height() - 1; my++) {
            for (int mx = 1; mx < overlay.width() - 1; mx++) {
                if (!uniform(overlay, k, mx, my)) {
                    continue;
                }
                RGB under = off.at(overlay, mx, my);
                RGB drawn = on.at(overlay, mx, my);
                int id = overlay.objectAt(k, mx, my);
                if (id == 0) {
                    assertThat(drawn).as("background at mask pixel (%d, %d)", mx, my).isEqualTo(under);
                    checkedBackground++;
                } else {
                    RGB expected = blend(MaskOverlay.colourOf(id), under, MaskOverlay.FILL_ALPHA / 255.0);
                    assertThat(distance(drawn, expected)).as("object %d at mask pixel (%d, %d): drawn %s, expected %s",
                            id, mx, my, drawn, expected).isLessThanOrEqualTo(3);
                    checkedObjects++;
                }
            }
        }
        assertThat(checkedObjects).isGreaterThan(20);
        assertThat(checkedBackground).isGreaterThan(20);
        if (best.sounding() > 0) {
            int id = best.soundingId();
            RGB outline = rgbOf(MaskOverlay.outlineOf(id));
            int count = 0;
            for (int y = picture.y; y < picture.y + picture.height; y++) {
                for (int x = picture.x; x < picture.x + picture.width; x++) {
                    count += rgb(on.image(), x, y).equals(outline) ? 1 : 0;
                }
            }
            assertThat(count).as("pixels of the sounding object's outline").isGreaterThan(10);
        }
        System.out.println(String.format(Locale.ROOT, "synth masks: %s frame %d, %d sounding mask pixels, %d object "
                + "and %d background pixels checked", best.stem(), k, best.sounding(), checkedObjects,
                checkedBackground));
        Ui.screenshot(window.getShell(), "synth-masks");
    }

    @Test
    void cancelStopsTheGenerationAndOpensNothing() {
        IWorkbenchWindow window = Ui.window();
        Path out = dir.resolve("cancelled");
        SynthSpec spec = SynthSpec.of(200, 5).withSize(32).withTiming(4, 1).withThreads(1);
        AtomicBoolean running = new AtomicBoolean(true);
        String[] message = new String[1];
        boolean finished = Ui.sync(() -> {
            NewSynthDatasetWizard wizard = new NewSynthDatasetWizard(Ui.sessions(), window, dir);
            CancellableDialog dialog = new CancellableDialog(window.getShell(), wizard);
            dialog.setBlockOnOpen(false);
            dialog.open();
            wizard.page().fill(out, spec);
            // presses Cancel while the generation runs (again and again, so a fresh task cannot clear it)
            Runnable cancel = new Runnable() {
                @Override
                public void run() {
                    if (running.get()) {
                        dialog.monitor().setCanceled(true);
                        Ui.display().timerExec(20, this);
                    }
                }
            };
            Ui.display().timerExec(20, cancel);
            boolean done = wizard.performFinish();
            running.set(false);
            message[0] = wizard.page().getErrorMessage();
            dialog.close();
            return done;
        });
        assertThat(finished).isFalse();
        assertThat(message[0]).contains("cancelled");
        assertThat(ProjectStore.isProject(out)).isFalse();
        assertThat(Ui.sync(() -> Ui.sessions().find(out))).isEmpty();
    }

    private static final class CancellableDialog extends WizardDialog {
        CancellableDialog(Shell parent, IWizard wizard) {
            super(parent, wizard);
        }

        IProgressMonitor monitor() {
            return getProgressMonitor();
        }
    }

    private static String problem(SynthSpecPage page, String folder, String clips, String size) {
        return Ui.sync(() -> {
            page.fill(folder, clips, "11", size, "8", "2", "0", false, "2");
            assertThat(page.isPageComplete()).isFalse();
            return page.getErrorMessage();
        });
    }

    private record Shown(String stem, int frame, int sounding, int soundingId) {
    }

    /** Read from the files the generator wrote, independently of the overlay. */
    private static Shown mostInteresting(Path media, SynthSpec spec) throws java.io.IOException {
        Shown best = null;
        long bestScore = -1;
        int pixels = spec.size() * spec.size();
        for (int i = 0; i < spec.clips(); i++) {
            String stem = String.format(Locale.ROOT, "clip-%05d", i);
            NpyArray masks = Npy.read(media.resolve(stem + ".masks.npy"));
            NpyArray sounding = Npy.read(media.resolve(stem + ".sounding.npy"));
            assertThat(masks.shape()).containsExactly(spec.frames(), spec.size(), spec.size());
            assertThat(sounding.shape()).containsExactly(spec.frames(), spec.size(), spec.size());
            for (int f = 0; f < spec.frames(); f++) {
                int objects = 0;
                int sounds = 0;
                int soundingId = 0;
                for (int p = 0; p < pixels; p++) {
                    objects += masks.getDouble(f * pixels + p) != 0 ? 1 : 0;
                    int s = (int) sounding.getDouble(f * pixels + p);
                    if (s != 0) {
                        sounds++;
                        soundingId = s;
                    }
                }
                long score = sounds * 1_000_000L + objects;
                if (score > bestScore) {
                    bestScore = score;
                    best = new Shown(stem, f, sounds, soundingId);
                }
            }
        }
        return best;
    }

    /** The mask pixel and its eight neighbours have one id and one sounding id (so no edge is drawn there). */
    private static boolean uniform(MaskOverlay overlay, int frame, int x, int y) {
        int id = overlay.objectAt(frame, x, y);
        int s = overlay.soundingAt(frame, x, y);
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (overlay.objectAt(frame, x + dx, y + dy) != id || overlay.soundingAt(frame, x + dx, y + dy) != s) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One paint of the view and the picture area it was painted in. */
    private record Painted(ImageData image, Rectangle picture) {
        /** The colour painted at the centre of mask pixel ({@code mx}, {@code my}). */
        RGB at(MaskOverlay overlay, int mx, int my) {
            int sx = picture.x + (int) ((mx + 0.5) * picture.width / overlay.width());
            int sy = picture.y + (int) ((my + 0.5) * picture.height / overlay.height());
            return rgb(image, sx, sy);
        }
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

    private static RGB rgbOf(int rgb) {
        return new RGB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    }

    private static RGB blend(int colour, RGB under, double alpha) {
        RGB c = rgbOf(colour);
        return new RGB((int) Math.round(alpha * c.red + (1 - alpha) * under.red),
                (int) Math.round(alpha * c.green + (1 - alpha) * under.green),
                (int) Math.round(alpha * c.blue + (1 - alpha) * under.blue));
    }

    private static int distance(RGB a, RGB b) {
        return Stream.of(a.red - b.red, a.green - b.green, a.blue - b.blue).mapToInt(Math::abs).max().orElse(0);
    }

    private static void collect(TreeItem[] items, List<String> into) {
        for (TreeItem item : items) {
            into.add(item.getText());
            collect(item.getItems(), into);
        }
    }

    private static MPart partModel(IWorkbenchWindow window) {
        return Ui.sync(() -> window.getService(EPartService.class).findPart(VideoView.ID));
    }

    private static VideoView part(IWorkbenchWindow window) {
        Ui.waitUntil("the Video view", 20, () -> {
            MPart p = window.getService(EPartService.class).findPart(VideoView.ID);
            return p != null && p.getObject() instanceof VideoView;
        });
        return (VideoView) partModel(window).getObject();
    }
}
