package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.time.TimeMarker;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.Transport;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.ClipSound;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * Opens a clip made in the test in the Video and Timeline views and checks that they share one time: a click on
 * the spectrogram moves the picture, a key in the video view moves the timeline's cursor, playback moves both.
 */
class MediaViewsTest {

    @TempDir
    Path dir;

    @Test
    void videoAndTimelineShowTheClipAndFollowOneCursor() throws Exception {
        IWorkbenchWindow window = Ui.window();
        AnalysisContext analysis = openBounce(window);
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        TimelineView timeline = Ui.part(window, TimelineView.ID, TimelineView.class);
        TimelineCanvas canvas = timeline.canvas();
        Ui.waitUntil("the first frame", 30, () -> !Double.isNaN(video.shownTime()));
        Ui.waitUntil("the sound analysis", 60, canvas::hasSound);

        assertThat(analysis.extent().end()).isCloseTo(TestClips.SECONDS, within(0.1));
        assertThat(analysis.markers()).extracting(TimeMarker::kind).containsExactly("hit", "hit", "hit", "scratch");
        assertThat(canvas.markers()).isEqualTo(analysis.markers());
        double[] onsets = Ui.sync(() -> ClipSound.of(analysis).result().join().onsets());
        for (double hit : TestClips.HITS) {
            assertThat(Arrays.stream(onsets).map(o -> Math.abs(o - hit)).min().orElse(1))
                    .as("an onset detected near the hit at %.2f s in %s", hit, Arrays.toString(onsets))
                    .isLessThan(0.03);
        }
        Ui.screenshot(window.getShell(), "media-views-opened");

        // a click on the spectrogram moves every cursor and the picture
        Rectangle spectrogram = Ui.sync(canvas::spectrogramArea);
        int x = Ui.sync(() -> canvas.xOf(2.0));
        double clicked = Ui.sync(() -> canvas.timeAt(x));
        click(canvas, x, spectrogram.y + spectrogram.height / 2);
        assertThat(analysis.cursor()).isEqualTo(clicked);
        Ui.waitUntil("the video to seek to the clicked time", 20,
                () -> video.position() == clicked && video.shownTime() == clicked);

        // → in the video view steps one frame and the timeline's cursor follows
        Control picture = Ui.sync(() -> ((Composite) partModel(window, VideoView.ID).getWidget()).getChildren()[0]);
        key(picture, SWT.ARROW_RIGHT, '\0');
        double next = (Math.floor(clicked * TestClips.FPS + 1e-6) + 1) / TestClips.FPS;
        assertThat(video.position()).isCloseTo(next, within(1e-9));
        Ui.waitUntil("the timeline cursor to follow the frame step", 10,
                () -> Math.abs(canvas.selection().cursor() - next) < 1e-9);
        key(picture, SWT.ARROW_LEFT, '\0');
        key(picture, SWT.ARROW_LEFT, '\0');
        assertThat(video.position()).isCloseTo(next - 2 / TestClips.FPS, within(1e-9));

        // playing moves the timeline's cursor; K pauses where the clock stands
        double before = video.position();
        key(picture, 0, 'l');
        Ui.waitUntil("playback to move the timeline cursor", 10, () -> canvas.selection().cursor() > before + 0.3);
        key(picture, 0, 'k');
        assertThat(video.isPlaying()).isFalse();
        double stopped = video.position();
        Ui.waitUntil("the timeline cursor to settle on the pause position", 10,
                () -> Math.abs(canvas.selection().cursor() - stopped) < 1e-9);

        // a dragged range is shared too
        int from = Ui.sync(() -> canvas.xOf(TestClips.SCRATCH_START));
        int to = Ui.sync(() -> canvas.xOf(TestClips.SCRATCH_END));
        drag(canvas, from, to, spectrogram.y + spectrogram.height / 3);
        TimeRange range = analysis.selection().range();
        assertThat(range.start()).isCloseTo(TestClips.SCRATCH_START, within(analysis.extent().duration() / 500));
        assertThat(range.end()).isCloseTo(TestClips.SCRATCH_END, within(analysis.extent().duration() / 500));
        Ui.screenshot(window.getShell(), "media-views-range");
    }

    @Test
    void timelineRedrawWhileScrubbingAt1920Pixels() throws Exception {
        IWorkbenchWindow window = Ui.window();
        AnalysisContext analysis = openBounce(window);
        ClipSound.Result sound = ClipSound.of(analysis).result().get();

        Shell shell = Ui.sync(() -> new Shell(Ui.display(), SWT.NO_TRIM));
        try {
            TimelineCanvas wide = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                TimelineCanvas c = new TimelineCanvas(shell);
                c.setExtent(analysis.extent());
                c.setSound(sound.audio().samples(), sound.audio().sampleRate(), sound.mel(), sound.melFps(),
                        ClipSound.DISPLAY_MEL, sound.onsets());
                c.setMarkers(analysis.markers(), analysis.bookmarks());
                shell.setBounds(0, 0, 1920 + 126, 320);
                shell.open();
                return c;
            });
            Ui.settle();
            assertThat(Ui.sync(() -> wide.plotArea().width)).isEqualTo(1920);
            long[] paint = new long[200];
            long[] full = new long[20];
            Ui.run(() -> {
                // what one paint of the canvas costs, drawn into an off-screen image of the canvas's size:
                // GTK paints asynchronously, so timing the paint events would time the frame clock instead
                Rectangle area = wide.getClientArea();
                Image target = new Image(Ui.display(), area.width, area.height);
                GC gc = new GC(target);
                try {
                    for (int i = 0; i < paint.length; i++) {
                        wide.setSelection(TimeSelection.at(i * TestClips.SECONDS / paint.length));
                        long t0 = System.nanoTime();
                        wide.paint(gc);
                        paint[i] = System.nanoTime() - t0;
                    }
                    for (int i = 0; i < full.length; i++) {
                        wide.setWindow(TimeRange.ofDuration(i * 0.05, 2.0));
                        long t0 = System.nanoTime();
                        wide.paint(gc);
                        full[i] = System.nanoTime() - t0;
                    }
                } finally {
                    gc.dispose();
                    target.dispose();
                }
            });
            Arrays.sort(paint);
            Arrays.sort(full);
            System.out.println(String.format(Locale.ROOT,
                    "BENCH timeline 1920 px: cursor redraw median %.2f ms, p95 %.2f ms; "
                            + "full re-render (zoom/pan) median %.2f ms, p95 %.2f ms",
                    paint[paint.length / 2] / 1e6, paint[paint.length * 95 / 100] / 1e6, full[full.length / 2] / 1e6,
                    full[full.length * 95 / 100] / 1e6));
            assertThat(Ui.sync(wide::hasSound)).as("the benchmark drew the sound, not a message").isTrue();
        } finally {
            Ui.run(shell::dispose);
        }
    }

    /** Writes the test clip, opens it as the user would (File > Open Clip) and returns its active context. */
    private AnalysisContext openBounce(IWorkbenchWindow window) throws java.io.IOException {
        Path clip = TestClips.bounce(dir);
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the clip to open", 30, () -> contexts.active().map(c -> c.file().equals(clip)).orElse(false));
        return Ui.sync(() -> contexts.active().orElseThrow());
    }

    private static MPart partModel(IWorkbenchWindow window, String id) {
        return Ui.sync(() -> window.getService(EPartService.class).findPart(id));
    }

    private static void click(Control control, int x, int y) {
        Ui.run(() -> {
            control.notifyListeners(SWT.MouseDown, Ui.mouse(x, y));
            control.notifyListeners(SWT.MouseUp, Ui.mouse(x, y));
        });
    }

    private static void drag(Control control, int fromX, int toX, int y) {
        Ui.run(() -> {
            control.notifyListeners(SWT.MouseDown, Ui.mouse(fromX, y));
            for (int i = 1; i <= 10; i++) {
                control.notifyListeners(SWT.MouseMove, Ui.mouse(fromX + (toX - fromX) * i / 10, y));
            }
            control.notifyListeners(SWT.MouseUp, Ui.mouse(toX, y));
        });
    }

    private static void key(Control control, int keyCode, char character) {
        Ui.run(() -> {
            Event e = new Event();
            e.keyCode = keyCode;
            e.character = character;
            control.notifyListeners(SWT.KeyDown, e);
        });
    }

    /** The keys follow the editing-suite convention: space, J/K/L and the arrows. */
    @Test
    void keysMapToTransportCommands() {
        assertThat(Transport.forKey(0, ' ')).isEqualTo(Transport.Command.TOGGLE);
        assertThat(Transport.forKey(0, 'J')).isEqualTo(Transport.Command.REVERSE);
        assertThat(Transport.forKey(0, 'k')).isEqualTo(Transport.Command.PAUSE);
        assertThat(Transport.forKey(0, 'l')).isEqualTo(Transport.Command.FORWARD);
        assertThat(Transport.forKey(SWT.ARROW_LEFT, '\0')).isEqualTo(Transport.Command.STEP_BACK);
        assertThat(Transport.forKey(SWT.ARROW_RIGHT, '\0')).isEqualTo(Transport.Command.STEP_FORWARD);
        assertThat(Transport.forKey(0, 'x')).isNull();
    }
}
