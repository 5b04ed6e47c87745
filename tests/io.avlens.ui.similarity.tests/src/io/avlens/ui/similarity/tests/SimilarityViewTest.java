package io.avlens.ui.similarity.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainerElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MStackElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.similarity.DelayEmbedding;
import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.color.ColorMap;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.FrameReader;
import io.avlens.media.VideoFrames;
import io.avlens.media.dsp.MotionEnergy;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.media.dsp.TimeCurve;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.ClipSound;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.similarity.SimilarityView;
import io.avlens.ui.similarity.internal.SimilarityCanvas;
import io.avlens.ui.similarity.internal.SimilarityExport;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * The Similarity view on real data: the volume of the generated clip is computed from real features of it (the audio
 * onset strength against the picture's motion energy, both at the video's 25 frames per second, as centred delay
 * embeddings), whose lag the test knows; CAVP-small's own volumes are shown by {@code DemoWorkbenchTest} and
 * {@code RunsViewTest}. A click on a cell moves the video to the cell's video time and pairs
 * the cell's audio time on the timeline; a cursor moved elsewhere highlights its row and column here.
 */
class SimilarityViewTest {

    private static final double FPS = TestClips.FPS;

    @TempDir
    Path dir;

    @Test
    void clickingACellMovesTheVideoAndTheTimelineToItsTimes() throws Exception {
        IWorkbenchWindow window = Ui.window();
        AnalysisContext analysis = openBounce(window);
        SimilarityVolume volume = onsetsAgainstMotion(analysis, 4);
        SimilarityVolume wide = onsetsAgainstMotion(analysis, 10);
        Ui.run(() -> {
            try {
                window.getActivePage().showView(SimilarityView.ID, null, IWorkbenchPage.VIEW_ACTIVATE);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        SimilarityView view = Ui.part(window, SimilarityView.ID, SimilarityView.class);
        Ui.run(() -> view.setModel(null)); // this test shows volumes of its own, not CAVP-small's
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        TimelineView timeline = Ui.part(window, TimelineView.ID, TimelineView.class);
        TimelineCanvas lane = timeline.canvas();
        Ui.run(() -> view.show(0, volume, "onsets vs motion, ±4 frames", true));
        SimilarityCanvas canvas = view.canvas(0);
        Ui.settle();
        Ui.waitUntil("the similarity view laid out", 10, () -> canvas.plotArea().height > volume.audioSteps()
                && canvas.plotArea().width > volume.videoSteps());
        SyncEstimate estimate = Ui.sync(canvas::estimate);
        System.out.println(String.format(Locale.ROOT, "similarity of the test clip: %d × %d, lag %+.3f s, "
                + "confidence %.3f", volume.audioSteps(), volume.videoSteps(), estimate.lagSeconds(),
                estimate.confidence()));
        assertThat(estimate).usingRecursiveComparison().isEqualTo(new SyncOffsetEstimator(25,
                SyncOffsetEstimator.DEFAULT_TEMPERATURE).estimate(volume));
        // at a hit sound and motion change together: the sound of the hit matches the picture of the hit better
        // than the picture at the average other time
        int hit = volume.column(TestClips.HITS[1]);
        double others = 0;
        for (int j = 0; j < volume.videoSteps(); j++) {
            others += j == hit ? 0 : volume.get(hit, j) / (volume.videoSteps() - 1.0);
        }
        assertThat((double) volume.get(hit, hit)).as("S at the second hit").isGreaterThan(others);

        // click the cell (audio at the second hit, video 0.4 s earlier)
        double audioTime = TestClips.HITS[1];
        double videoTime = TestClips.HITS[1] - 0.4;
        int x = Ui.sync(() -> canvas.xOfVideo(videoTime));
        int y = Ui.sync(() -> canvas.yOfAudio(audioTime));
        SimilarityCanvas.Cell cell = Ui.sync(() -> canvas.cellAt(x, y));
        assertThat(cell.row()).isEqualTo(volume.row(audioTime));
        assertThat(cell.column()).isEqualTo(volume.column(videoTime));
        Ui.run(() -> {
            canvas.notifyListeners(SWT.MouseMove, Ui.mouse(x, y));
            canvas.notifyListeners(SWT.MouseDown, Ui.mouse(x, y));
            canvas.notifyListeners(SWT.MouseUp, Ui.mouse(x, y));
        });
        double cellVideo = volume.videoTime(cell.column());
        double cellAudio = volume.audioTime(cell.row());
        assertThat(analysis.cursor()).isEqualTo(cellVideo);
        assertThat(analysis.audioCursor()).isCloseTo(cellAudio, within(1e-12));
        assertThat(Ui.sync(view::hoverText)).contains(String.format(Locale.ROOT, "audio %.3f s", cellAudio))
                .contains(String.format(Locale.ROOT, "video %.3f s", cellVideo));
        Ui.waitUntil("the video to show the cell's video time", 20,
                () -> video.position() == cellVideo && video.shownTime() == cellVideo);
        Ui.waitUntil("the timeline cursor at the video time and its audio cursor at the audio time", 10,
                () -> lane.selection().cursor() == cellVideo && Math.abs(lane.audioCursor() - cellAudio) < 1e-9);
        assertThat(Ui.sync(() -> view.canvas(1).cursorAudio())).isCloseTo(cellAudio, within(1e-12));
        Ui.waitUntil("the sound analysis", 60, lane::hasSound);
        Ui.screenshot(window.getShell(), "similarity-linked");

        // the cursor moved elsewhere (a click on the spectrogram) highlights its row and column, unpaired
        Rectangle spectrogram = Ui.sync(lane::spectrogramArea);
        int lx = Ui.sync(() -> lane.xOf(TestClips.HITS[2]));
        double clicked = Ui.sync(() -> lane.timeAt(lx));
        Ui.run(() -> {
            lane.notifyListeners(SWT.MouseDown, Ui.mouse(lx, spectrogram.y + spectrogram.height / 2));
            lane.notifyListeners(SWT.MouseUp, Ui.mouse(lx, spectrogram.y + spectrogram.height / 2));
        });
        assertThat(analysis.audioOffset()).isZero();
        Ui.waitUntil("the similarity view to highlight the new cursor", 10,
                () -> canvas.cursorVideo() == clicked && canvas.cursorAudio() == clicked);
        assertThat(Ui.sync(lane::audioCursor)).isNaN();
        Ui.screenshot(window.getShell(), "similarity-cursor-elsewhere");

        // two volumes side by side (two feature windows on one clip), the view zoomed to the whole window
        Ui.run(() -> {
            view.show(1, wide, "onsets vs motion, ±10 frames", true);
            IWorkbenchPage page = window.getActivePage();
            page.toggleZoom(page.findViewReference(SimilarityView.ID));
        });
        Ui.screenshot(window.getShell(), "similarity-compare");
        Ui.run(() -> {
            IWorkbenchPage page = window.getActivePage();
            page.toggleZoom(page.findViewReference(SimilarityView.ID));
        });
        Ui.run(() -> canvas.notifyListeners(SWT.MouseDown, Ui.mouse(x, y))); // pane 0 is the one to export

        // exports: the numbers exactly, the picture at the canvas's size
        Ui.run(() -> {
            try {
                view.export(dir.resolve("s.npy"), SimilarityExport.Format.NPY);
                view.export(dir.resolve("s.csv"), SimilarityExport.Format.CSV);
                view.export(dir.resolve("s.png"), SimilarityExport.Format.PNG);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(SimilarityFiles.readNpy(dir.resolve("s.npy"))).isEqualTo(volume.values()); // the clicked pane
        assertThat(Files.readAllLines(dir.resolve("s.csv"))).hasSize(volume.audioSteps() + 1);
        ImageData png = new org.eclipse.swt.graphics.ImageLoader().load(dir.resolve("s.png").toString())[0];
        Rectangle size = Ui.sync(canvas::getClientArea);
        assertThat(png.width).isEqualTo(size.width);
        assertThat(png.height).isEqualTo(size.height);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }

        // a volume computed elsewhere opens in the same view; a bad one gives a dialog naming file and problem
        Path fromPython = dir.resolve("from_python.npy");
        Npy.write(fromPython, volume.values());
        Ui.run(() -> view.open(fromPython, 1));
        Ui.waitUntil("the opened volume", 20, () -> view.canvas(1).volume() != null
                && view.canvas(1).volume().values().equals(volume.values()));
        assertThat(Ui.sync(() -> view.canvas(1).volume().videoBase().step()))
                .isCloseTo(analysis.extent().duration() / volume.videoSteps(), within(1e-12));
        Path cube = dir.resolve("cube.npy");
        Npy.write(cube, FloatTensor.zeros(2, 3, 4));
        Ui.run(() -> view.open(cube, 0));
        String message = dialogMessage("Cannot open the similarity volume");
        assertThat(message).contains(cube.toString()).contains("[2, 3, 4]");
    }

    /**
     * Two Similarity views, one pinned to clip A: activating clip B moves only the other one to B; each follows its
     * own clip's cursor; the pinned one's title names its clip; unpinned, it follows the active clip again.
     */
    @Test
    void aViewPinnedToOneClipKeepsItWhileANewViewFollowsTheActiveClip() throws Exception {
        IWorkbenchWindow window = Ui.window();
        AnalysisContext a = openBounce(window);
        SimilarityVolume volume = onsetsAgainstMotion(a, 4);
        Ui.run(() -> {
            try {
                window.getActivePage().showView(SimilarityView.ID, null, IWorkbenchPage.VIEW_ACTIVATE);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        SimilarityView first = Ui.part(window, SimilarityView.ID, SimilarityView.class);
        Ui.run(() -> first.setModel(null));
        Ui.run(first::closeComparison);
        SimilarityView second = Ui.sync(first::newView);
        assertThat(second).isNotNull().isNotSameAs(first);
        assertThat(Ui.sync(second::model)).as("the new view takes the first one's model").isNull();
        MPart firstPart = partOf(window, first);
        MPart secondPart = partOf(window, second);
        MPartStack beside = besideEachOther(window, firstPart, secondPart);
        try {
            Ui.run(() -> {
                first.show(0, volume, "clip A", true);
                first.setPinned(true);
            });
            assertThat(Ui.sync(first::isPinned)).isTrue();
            assertThat(Ui.sync(() -> pinButton(firstPart).getSelection())).isTrue();
            assertThat(Ui.sync(firstPart::getLabel)).isEqualTo("Similarity · " + a.title() + " (pinned)");

            Path clipB = Files.copy(a.file(), dir.resolve("clip-b.mp4"));
            AnalysisContexts contexts = Ui.sync(() -> PlatformUI.getWorkbench().getService(IEclipseContext.class)
                    .get(AnalysisContexts.class));
            Ui.run(() -> OpenClipHandler.open(clipB, window));
            Ui.waitUntil("clip B to open", 30, () -> contexts.active().map(c -> c.file().equals(clipB))
                    .orElse(false));
            AnalysisContext b = Ui.sync(() -> contexts.active().orElseThrow());
            assertThat(Ui.sync(first::shownClip)).as("the pinned view").isSameAs(a);
            assertThat(Ui.sync(second::shownClip)).as("the new view").isSameAs(b);
            assertThat(Ui.sync(secondPart::getLabel)).isEqualTo("Similarity");
            Ui.run(() -> second.show(0, volume, "clip B", true));

            // each view follows the time of its own clip, the pinned one also while its clip is not active
            Ui.run(() -> a.moveCursor(this, 1.0));
            Ui.run(() -> b.moveCursor(this, 2.0));
            Ui.waitUntil("each view at its clip's cursor", 10, () -> first.canvas(0).cursorVideo() == 1.0
                    && second.canvas(0).cursorVideo() == 2.0);
            Ui.screenshot(window.getShell(), "similarity-pinned-two-clips");

            Ui.run(() -> first.setPinned(false));
            assertThat(Ui.sync(first::shownClip)).as("unpinned, the active clip").isSameAs(b);
            assertThat(Ui.sync(firstPart::getLabel)).isEqualTo("Similarity");
            assertThat(Ui.sync(() -> pinButton(firstPart).getSelection())).isFalse();
            Ui.waitUntil("the unpinned view at clip B's cursor", 10, () -> first.canvas(0).cursorVideo() == 2.0);
        } finally {
            Ui.run(() -> {
                first.setPinned(false);
                first.closeComparison();
                window.getService(EPartService.class).hidePart(secondPart, true);
                beside.setToBeRendered(false);
                beside.getParent().getChildren().remove(beside);
            });
        }
    }

    private static org.eclipse.swt.widgets.Button pinButton(MPart part) {
        List<org.eclipse.swt.widgets.Button> found = new ArrayList<>();
        collectButtons((Composite) part.getWidget(), found);
        return found.stream().filter(b -> "Pin".equals(b.getText())).findFirst().orElseThrow();
    }

    private static void collectButtons(Composite parent, List<org.eclipse.swt.widgets.Button> into) {
        for (Control c : parent.getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Button b) {
                into.add(b);
            } else if (c instanceof Composite child) {
                collectButtons(child, into);
            }
        }
    }

    private static MPart partOf(IWorkbenchWindow window, Object view) {
        return Ui.sync(() -> window.getService(EPartService.class).getParts().stream()
                .filter(p -> p.getObject() == view).findFirst().orElseThrow());
    }

    /** Moves {@code second} into a new stack right of {@code first}'s, for a side-by-side screenshot. */
    private static MPartStack besideEachOther(IWorkbenchWindow window, MPart first, MPart second) {
        return Ui.sync(() -> {
            EModelService models = window.getService(EModelService.class);
            MUIElement firstHolder = first.getCurSharedRef() != null ? first.getCurSharedRef() : first;
            MUIElement secondHolder = second.getCurSharedRef() != null ? second.getCurSharedRef() : second;
            MPartStack stack = models.createModelElement(MPartStack.class);
            stack.getChildren().add((MStackElement) secondHolder);
            models.insert(stack, (MPartSashContainerElement) firstHolder.getParent(), EModelService.RIGHT_OF, 0.5f);
            stack.setSelectedElement((MStackElement) secondHolder);
            window.getService(EPartService.class).activate(second);
            return stack;
        });
    }

    @Test
    void redrawOf640By640Volume() {
        Random random = new Random(11);
        float[] a = new float[640 * 64];
        float[] v = new float[640 * 64];
        for (int i = 0; i < a.length; i++) {
            v[i] = (float) random.nextGaussian();
            a[i] = v[Math.max(0, i - 3 * 64)] + 0.5f * (float) random.nextGaussian(); // sound 3 steps late
        }
        TimeBase base = TimeBase.ofRate(64);
        SimilarityVolume volume = SimilarityVolume.of(FloatTensor.wrap(new int[] {640, 64}, a), base,
                FloatTensor.wrap(new int[] {640, 64}, v), base);
        SyncEstimate estimate = new SyncOffsetEstimator(32, SyncOffsetEstimator.DEFAULT_TEMPERATURE).estimate(volume);
        assertThat(estimate.lagSteps()).isEqualTo(3);
        Shell shell = Ui.sync(() -> new Shell(Ui.display(), SWT.NO_TRIM));
        try {
            SimilarityCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                SimilarityCanvas c = new SimilarityCanvas(shell);
                c.setVolume(volume, estimate, ColorMap.COOLWARM, "benchmark", true);
                shell.setBounds(0, 0, 640 + 136, 640 + 62);
                shell.open();
                return c;
            });
            Ui.settle();
            assertThat(Ui.sync(() -> canvas.plotArea().width)).isEqualTo(640);
            assertThat(Ui.sync(() -> canvas.plotArea().height)).isEqualTo(640);
            long[] paint = new long[200];
            long[] color = new long[20];
            Ui.run(() -> {
                // one paint into an off-screen image of the canvas's size: GTK paints asynchronously, so timing
                // paint events would time its frame clock instead
                Rectangle area = canvas.getClientArea();
                Image target = new Image(Ui.display(), area.width, area.height);
                GC gc = new GC(target);
                try {
                    for (int i = 0; i < paint.length; i++) {
                        double t = i * 10.0 / paint.length;
                        canvas.setCursor(t, t);
                        long t0 = System.nanoTime();
                        canvas.paint(gc);
                        paint[i] = System.nanoTime() - t0;
                    }
                    for (int i = 0; i < color.length; i++) {
                        long t0 = System.nanoTime();
                        canvas.setColorMap(ColorMap.values()[i % ColorMap.values().length]);
                        canvas.paint(gc);
                        color[i] = System.nanoTime() - t0;
                    }
                } finally {
                    gc.dispose();
                    target.dispose();
                }
            });
            Arrays.sort(paint);
            Arrays.sort(color);
            System.out.println(String.format(Locale.ROOT,
                    "BENCH similarity 640×640 at 640×640 px: redraw (cursor move) median %.2f ms, p95 %.2f ms; "
                            + "colour-map change (recolour + full render) median %.2f ms, p95 %.2f ms",
                    paint[paint.length / 2] / 1e6, paint[paint.length * 95 / 100] / 1e6, color[color.length / 2] / 1e6,
                    color[color.length * 95 / 100] / 1e6));
        } finally {
            Ui.run(shell::dispose);
        }
    }

    /**
     * A similarity volume of the clip from real features: onset strength of its sound (100 per second, averaged
     * to 25) against the motion energy of its frames (25 per second), as centred windows of ±{@code halfWidth}.
     */
    private static SimilarityVolume onsetsAgainstMotion(AnalysisContext analysis, int halfWidth) throws Exception {
        ClipSound.Result sound = ClipSound.of(analysis).result().get();
        TimeCurve onsets = new OnsetDetector(ClipSound.DISPLAY_MEL, ClipSound.SAMPLE_RATE).strength(sound.audio());
        VideoFrames frames = new FrameReader(new VideoSpec(FPS, 160, 90, FrameFit.LETTERBOX)).read(analysis.file());
        TimeCurve motion = MotionEnergy.curve(frames.tensor(), FPS);
        TimeBase video = TimeBase.ofRate(FPS);
        float[] audio = DelayEmbedding.resample(onsets.values(), TimeBase.ofRate(onsets.framesPerSecond()), video,
                motion.length());
        return SimilarityVolume.of(DelayEmbedding.centred(audio, halfWidth), video,
                DelayEmbedding.centred(motion.values(), halfWidth), video);
    }

    /** Waits for the error dialog titled {@code title}, returns its message and closes it. */
    private static String dialogMessage(String title) {
        Ui.waitUntil("the dialog '" + title + "'", 20,
                () -> Arrays.stream(Ui.display().getShells()).anyMatch(s -> title.equals(s.getText())));
        return Ui.sync(() -> {
            Shell dialog = Arrays.stream(Ui.display().getShells()).filter(s -> title.equals(s.getText()))
                    .findFirst().orElseThrow();
            List<String> texts = new ArrayList<>();
            collectLabels(dialog, texts);
            dialog.close();
            return String.join("\n", texts);
        });
    }

    private static void collectLabels(Composite parent, List<String> texts) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Label l) {
                texts.add(l.getText());
            } else if (c instanceof Composite child) {
                collectLabels(child, texts);
            }
        }
    }

    private AnalysisContext openBounce(IWorkbenchWindow window) throws java.io.IOException {
        Path clip = TestClips.bounce(dir);
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the clip to open", 30, () -> contexts.active().map(c -> c.file().equals(clip)).orElse(false));
        return Ui.sync(() -> contexts.active().orElseThrow());
    }
}
