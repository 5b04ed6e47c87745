package io.avlens.ui.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.core.time.TimeRange;
import io.avlens.media.AudioSignal;
import io.avlens.media.MediaInfo;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.context.ClipPin;
import io.avlens.ui.media.internal.ClipFrames;
import io.avlens.ui.media.internal.ClockLabel;
import io.avlens.ui.media.internal.ClipLoadJobs;
import io.avlens.ui.media.internal.Frame;
import io.avlens.ui.media.internal.FrameLoader;
import io.avlens.ui.media.internal.GroundTruthMasks;
import io.avlens.ui.media.internal.MaskOverlay;
import io.avlens.ui.media.internal.NoteLabel;
import io.avlens.ui.media.internal.OverlayPanel;
import io.avlens.ui.media.internal.OverlaySlot;
import io.avlens.ui.media.internal.OverlayStack;
import io.avlens.ui.media.internal.PlaybackDriver;
import io.avlens.ui.media.internal.PictureCanvas;
import io.avlens.ui.media.internal.SoundtrackChooser;
import io.avlens.ui.media.internal.VideoOverlays;
import io.avlens.ui.media.internal.Player;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The frame of the active clip at the shared cursor, with playback: the sound drives the clock and frames follow
 * it; frame stepping; looping the selected range (the clip's {@link PlaybackLoop}, which other views may switch too);
 * J/K/L, space and the arrow keys. Scrubbing anywhere else moves the
 * picture here; playing here moves every cursor.
 * <p>
 * Overlays from any bundle ({@link VideoOverlay} services) are drawn over the picture; the panel under the toolbar
 * turns each on or off, sets its opacity and shows its legend. "Pin" keeps the view on its clip when another becomes
 * active (it then follows that clip's own cursor, see {@link ClipPin}); "New View" opens another instance.
 * <p>
 * "Sound:" plays the frames with the clip's own sound or with an alternative soundtrack that a bundle added to the
 * clip's {@link Soundtracks} (a generated sample); switching while playing keeps the position.
 */
public class VideoView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.media.views.video";

    /** Family of the jobs that decode a clip's sound for playback, for the Progress view and tests. */
    public static final Object SOUND_JOBS = new Object();

    private static final String NO_CLIP = "No clip. Open one with File > Open Clip...";

    private Composite root;
    private Display display;
    private PictureCanvas picture;
    private Canvas canvas;
    private Scale scrubber;
    private ClockLabel clockLabel;
    private NoteLabel note;
    private ToolItem playItem;
    private ToolItem loopItem;
    private ToolItem pinItem;
    private LocalResourceManager resources;
    private Image playIcon;
    private Image pauseIcon;

    private AnalysisContext analysis;
    private MediaInfo media;
    private Player player;
    private FrameLoader loader;
    private OverlayStack overlays;
    private OverlayPanel overlayPanel;
    private SoundtrackChooser soundtracks;
    /** The clip's loop switch, which the loop button shows and sets (other views of the clip may set it too). */
    private PlaybackLoop loop;
    private final Runnable loopListener = this::loopSwitched;
    private VideoOverlays registry;
    private ClipPin pin;
    /** The active analysis, which the view shows unless pinned to another. */
    private AnalysisContext active;
    @Inject
    @Optional
    private MPart part;
    private String hoverText = "";
    private double position;
    private PlaybackDriver playback;
    /** Counts loads: a job's result for an earlier clip than the one shown is dropped. */
    private long generation;
    private Job soundJob;

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        display = parent.getDisplay();
        playback = new PlaybackDriver(display, new PlaybackHost());
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        pin = new ClipPin(part);
        playIcon = icon("play16.png");
        pauseIcon = icon("pause16.png");
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        picture = new PictureCanvas(parent, NO_CLIP);
        canvas = picture.control();
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        canvas.addListener(SWT.Resize, e -> requestFrame(position));
        canvas.addListener(SWT.MouseDown, e -> canvas.setFocus());
        canvas.addListener(SWT.MouseMove, e -> hover(e.x, e.y));
        canvas.addListener(SWT.MouseExit, e -> hover(-1, -1));
        canvas.addListener(SWT.KeyDown, this::keyPressed);
        canvas.setToolTipText("Space play/pause · ←/→ one frame · J/K/L backwards/pause/forwards (again: faster)");

        scrubber = new Scale(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(scrubber);
        scrubber.setMinimum(0);
        scrubber.setMaximum(1000);
        scrubber.addListener(SWT.Selection, e -> scrubbed());
        scrubber.addListener(SWT.KeyDown, this::keyPressed);

        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 0).applyTo(bar);
        ToolBar tools = new ToolBar(bar, SWT.FLAT | SWT.RIGHT);
        item(tools, SWT.PUSH, "step_back16.png", "One frame back (←)", () -> transport(Transport.Command.STEP_BACK));
        playItem = item(tools, SWT.PUSH, "play16.png", "Play / pause (space)", () -> transport(Transport.Command.TOGGLE));
        item(tools, SWT.PUSH, "step_forward16.png", "One frame forward (→)",
                () -> transport(Transport.Command.STEP_FORWARD));
        loopItem = item(tools, SWT.CHECK, "loop16.png", "Loop the selected range (the whole clip without one)",
                this::loopToggled);
        pinItem = new ToolItem(tools, SWT.CHECK);
        ClipPin.icon(resources, ClipPin.PIN_ICON, pinItem::setImage, pinItem::setText, "Pin");
        pinItem.setToolTipText("Pin this view to its clip: it stays on it when another clip becomes active");
        pinItem.addListener(SWT.Selection, e -> setPinned(pinItem.getSelection()));
        ToolItem newView = new ToolItem(tools, SWT.PUSH);
        ClipPin.icon(resources, ClipPin.NEW_VIEW_ICON, newView::setImage, newView::setText, "New View");
        newView.setToolTipText("Open another Video view, to pin to another clip");
        newView.addListener(SWT.Selection, e -> newView());
        clockLabel = new ClockLabel(bar);
        bar.addListener(SWT.Resize, e -> {
            clockLabel.refit(); // the long or the short form of the clock, decided again for this width
            updateLabels();
        });
        note = new NoteLabel(bar);
        soundtracks = new SoundtrackChooser(parent, this::soundtrackProblem);
        overlays = new OverlayStack(display, this::overlaysChanged, this::overlayChoiceChanged);
        picture.setOverlays(overlays);
        overlayPanel = new OverlayPanel(parent, overlays);
        overlays.setRegistry(registry);
        updateLabels();
        if (analysis != null) {
            load(analysis);
        }
    }

    /** The whiteboard of overlays, once its service is registered. */
    @Inject
    @Optional
    void setOverlayRegistry(VideoOverlays overlayRegistry) {
        registry = overlayRegistry;
        if (overlays != null && !canvas.isDisposed()) {
            overlays.setRegistry(registry);
        }
    }

    private void overlaysChanged() {
        if (!canvas.isDisposed()) {
            overlayPanel.refresh();
            canvas.redraw();
        }
    }

    private void overlayChoiceChanged() {
        if (!canvas.isDisposed()) {
            overlayPanel.sync();
            canvas.redraw();
        }
    }

    private Image icon(String name) {
        return resources.create(ImageDescriptor.createFromURL(getClass().getResource("/icons/" + name)));
    }

    private ToolItem item(ToolBar bar, int style, String iconName, String tip, Runnable action) {
        ToolItem it = new ToolItem(bar, style);
        it.setImage(icon(iconName));
        it.setToolTipText(tip);
        it.addListener(SWT.Selection, e -> action.run());
        return it;
    }

    /** The active analysis changed (a clip was opened or another activated). */
    @Inject
    @Optional
    void setAnalysis(@Named(AnalysisContexts.ACTIVE) AnalysisContext context) {
        active = context;
        show(pin == null ? context : pin.follow(context));
    }

    private void show(AnalysisContext context) {
        if (context == analysis) {
            return;
        }
        analysis = context;
        if (root != null && !root.isDisposed()) {
            load(context);
        }
    }

    /** Pins the view to the clip it shows, or lets it follow the active clip again. */
    public void setPinned(boolean pinned) {
        pin.pin(pinned ? analysis : null);
        pinItem.setSelection(pin.isPinned());
        if (!pin.isPinned()) {
            show(active);
        }
    }

    /** Whether the view is pinned to its clip. */
    public boolean isPinned() {
        return pin.isPinned();
    }

    /** Opens another Video view (a new instance) and returns it; it shows the active clip until pinned. */
    public VideoView newView() {
        try {
            return ClipPin.openInstance(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), ID,
                    VideoView.class);
        } catch (PartInitException e) {
            note.say("Cannot open another Video view: " + e.getMessage());
            return null;
        }
    }

    @Inject
    @Optional
    void selectionChanged(@UIEventTopic(AvLensTopics.TIME_SELECTION) TimeSelectionChanged event) {
        if (analysis == null || !analysis.isForeign(event, this) || canvas.isDisposed()) {
            return;
        }
        double t = event.selection().cursor();
        playback.seek(t);
        if (player != null && loopItem.getSelection()) {
            loopChanged();
        }
        showAt(t);
    }

    @Inject
    @Optional
    void transportRequested(@UIEventTopic(Transport.TOPIC) Transport.Request request) {
        if (analysis != null && analysis.id().equals(request.contextId()) && !canvas.isDisposed()) {
            perform(request.command());
        }
    }

    private void keyPressed(Event e) {
        Transport.Command c = Transport.forKey(e.keyCode, e.character);
        if (c != null) {
            e.doit = false;
            transport(c);
        }
    }

    private void transport(Transport.Command command) {
        if (analysis != null) {
            perform(command);
        }
    }

    /** Carries out a playback command. */
    public void perform(Transport.Command command) {
        playback.perform(command);
    }

    /** The view as the transport sees it. */
    private final class PlaybackHost implements PlaybackDriver.Host {

        @Override
        public Player player() {
            return player;
        }

        @Override
        public double position() {
            return position;
        }

        @Override
        public double fps() {
            return VideoView.this.fps();
        }

        @Override
        public double duration() {
            return media.durationSeconds();
        }

        @Override
        public void moveTo(double t) {
            showAt(t);
            analysis.moveCursor(VideoView.this, t);
        }

        @Override
        public void playingChanged(boolean playing) {
            playItem.setImage(playing ? pauseIcon : playIcon);
            updateLabels();
        }

        @Override
        public boolean disposed() {
            return canvas.isDisposed();
        }
    }

    private void loopToggled() {
        if (loop != null) {
            loop.setOn(loopItem.getSelection());
        }
        loopChanged();
    }

    /** Another view of the clip turned looping on or off. */
    private void loopSwitched() {
        if (!loopItem.isDisposed() && loop != null) {
            loopItem.setSelection(loop.isOn());
            loopChanged();
        }
    }

    private void loopChanged() {
        if (player == null) {
            return;
        }
        TimeRange range = analysis.selection().isCursor() ? analysis.extent() : analysis.selection().range();
        player.setLoop(loopItem.getSelection() ? range : null);
        if (loop != null) {
            loop.setRange(player.loop());
        }
        updateLabels();
    }

    private void scrubbed() {
        if (media == null) {
            return;
        }
        double t = scrubber.getSelection() / 1000.0 * media.durationSeconds();
        playback.seek(t);
        showAt(t);
        analysis.moveCursor(this, t);
    }

    /**
     * Opens the clip of {@code context}: frames at once, the sound for playback and the overlays in jobs. What the jobs
     * need is read here, on the UI thread; the jobs of the clip shown before are cancelled, and a result that still
     * arrives for it is dropped.
     */
    private void load(AnalysisContext context) {
        closeClip();
        long thisLoad = ++generation;
        if (context == null) {
            picture.setMessage(NO_CLIP);
            updateLabels();
            return;
        }
        media = context.media();
        position = context.cursor();
        loop = PlaybackLoop.of(context);
        if (loopItem.getSelection()) {
            loop.setOn(true); // the view's loop stays on for the next clip
        } else {
            loopItem.setSelection(loop.isOn());
        }
        loop.addListener(loopListener);
        player = new Player(null, media.durationSeconds());
        if (media.hasVideo()) {
            loader = new FrameLoader(ClipFrames.open(media.path()), f -> post(thisLoad, () -> frameLoaded(f)),
                    e -> post(thisLoad, () -> failed(e)));
            picture.open(media, context::audioCursor, "Decoding " + context.title() + "...");
        } else {
            picture.open(media, context::audioCursor, context.title() + " has no video track");
        }
        if (media.hasAudio()) {
            double duration = media.durationSeconds();
            soundJob = ClipLoadJobs.sound(context.title(), media.path(), media.audio().sampleRate(), SOUND_JOBS,
                    sound -> post(thisLoad, () -> soundDecoded(sound, duration)), e -> post(thisLoad, () -> failed(e)));
            soundJob.schedule();
        }
        overlays.open(media.hasVideo() ? media : null, context.title());
        soundtracks.show(context, () -> player, code -> post(thisLoad, code));
        showAt(position); // the scrubber too: it still stood where the previous clip left it
    }

    /**
     * Runs {@code code} on the UI thread if the view still shows the clip of {@code load} by then; from any thread,
     * also after the view or the display were disposed (then nothing runs).
     */
    private void post(long load, Runnable code) {
        if (display.isDisposed()) {
            return;
        }
        try {
            display.asyncExec(() -> {
                if (load == generation && !canvas.isDisposed()) {
                    code.run();
                }
            });
        } catch (SWTException e) {
            // the display was disposed after the check: the workbench is closing, nobody waits for the result
        }
    }

    private void soundDecoded(AudioSignal sound, double duration) {
        player.close();
        player = new Player(sound, duration);
        soundtracks.originalDecoded(sound);
        loopChanged();
        updateLabels();
    }

    private void soundtrackProblem(String text) {
        note.say(text);
    }

    private void showAt(double t) {
        position = t;
        if (media != null) {
            scrubber.setSelection((int) Math.round(t / Math.max(1e-9, media.durationSeconds()) * 1000));
        }
        updateLabels();
        requestFrame(t);
    }

    private void requestFrame(double t) {
        if (loader == null || canvas.isDisposed()) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        loader.request(t, area.width, area.height);
    }

    private void frameLoaded(Frame frame) {
        picture.frameLoaded(frame);
    }

    private void failed(IOException e) {
        picture.setMessage(e.getMessage());
        note.say(e.getMessage());
    }

    /** Draws what the view shows (picture, overlays, message) into {@code gc} at the canvas's size; UI thread. */
    public void paint(GC gc) {
        picture.paint(gc);
    }

    /**
     * What the overlays show at canvas point ({@code x}, {@code y}) (empty outside the picture); the status line shows
     * it while the mouse is there.
     */
    public String valueAt(int x, int y) {
        return picture.valueAt(x, y);
    }

    private void hover(int x, int y) {
        hoverText = valueAt(x, y);
        updateLabels();
    }

    /** The overlays' values under the mouse shown in the status line, or an empty string. */
    public String hoverText() {
        return hoverText;
    }

    /** Where the picture is drawn in the canvas (fitted, centred), or null before the first frame. */
    public Rectangle pictureArea() {
        return picture.pictureArea();
    }

    private double fps() {
        return media != null && media.hasVideo() && media.video().fps() > 0 ? media.video().fps() : 25;
    }

    private void updateLabels() {
        if (clockLabel == null || clockLabel.control().isDisposed()) {
            return;
        }
        if (media == null) {
            clockLabel.clear();
            clockLabel.control().getParent().layout();
            note.show("", null);
        } else {
            clockLabel.show(media, position, fps());
            String problem = player == null ? null : player.audioProblem();
            String state = player != null && player.isPlaying() && player.speed() != 1
                    ? String.format(Locale.ROOT, "%+.0f×", player.speed()) : "";
            String loop = player != null && player.loop() != null ? "loop " + ClockLabel.clock(player.loop().start())
                    + "–" + ClockLabel.clock(player.loop().end()) : "";
            String text = String.join("   ", Stream.of(state, loop, problem == null ? "" : problem, hoverText)
                    .filter(s -> !s.isEmpty()).toList());
            clockLabel.control().getParent().layout();
            note.show(text, player == null ? null : player.audioDetail()); // the room left, known after the layout
        }
    }

    /** The media time of the frame on screen, NaN before the first; for tests and tools. */
    public double shownTime() {
        return picture.shownTime();
    }

    /** The ground-truth masks of the clip, or null when it has none (or they are still loading). */
    public MaskOverlay masks() {
        OverlaySlot slot = overlays.slot(GroundTruthMasks.NAME);
        return slot != null && slot.layer() instanceof MaskOverlay m ? m : null;
    }

    /** Whether the masks are drawn over the picture. */
    public boolean masksShown() {
        OverlaySlot slot = overlays.slot(GroundTruthMasks.NAME);
        return slot != null && slot.enabled();
    }

    /** Shows or hides the masks, as their check box in the overlay panel does. */
    public void showMasks(boolean show) {
        OverlaySlot slot = overlays.slot(GroundTruthMasks.NAME);
        if (slot != null) {
            overlays.setEnabled(slot, show);
        }
    }

    /** The overlays of the clip on show, with the user's choices; for tests and tools. */
    public OverlayStack overlays() {
        return overlays;
    }

    /** The overlay panel (names, opacities, legends); for tests. */
    public OverlayPanel overlayPanel() {
        return overlayPanel;
    }

    /** The file of the clip on show, or null. */
    public Path clip() {
        return media == null ? null : media.path();
    }

    /** Where the scrubber stands, from 0 (the clip's start) to 1 (its end); for tests. */
    public double scrubberFraction() {
        return scrubber.getSelection() / (double) scrubber.getMaximum();
    }

    /** Where the view's clock stands, seconds. */
    public double position() {
        return position;
    }

    /** The player's media clock now (the sound card's while it drives the clock), seconds; for tests and tools. */
    public double playbackClock() {
        return player == null ? position : player.position();
    }

    /** Whether the sound card drives the playback clock now (false: silent on the system clock); for tests. */
    public boolean soundCardClock() {
        return player != null && player.audioDrivesClock();
    }

    /** Whether playback is running. */
    public boolean isPlaying() {
        return player != null && player.isPlaying();
    }

    /** The id of the soundtrack the player has ({@link Soundtracks#ORIGINAL}: the clip's own); for tests. */
    public String playingSoundtrack() {
        return soundtracks.playingId();
    }

    /** Nanoseconds the player's last soundtrack switch took (-1: none yet, or pending); for tests. */
    public long soundtrackSwitchNanos() {
        return player == null ? -1 : player.lastSwitchNanos();
    }

    /** The range playback repeats now, or null when it does not loop; for tests and tools. */
    public TimeRange playbackLoop() {
        return player == null ? null : player.loop();
    }

    /** The "Sound:" list, for tests. */
    public org.eclipse.swt.widgets.Combo soundtrackList() {
        return soundtracks.combo();
    }

    private void closeClip() {
        if (loop != null) {
            loop.removeListener(loopListener);
            loop = null;
        }
        if (soundtracks != null) {
            soundtracks.close();
        }
        if (soundJob != null) {
            soundJob.cancel();
        }
        soundJob = null;
        if (overlays != null) {
            overlays.close();
        }
        if (player != null) {
            player.close();
            player = null;
        }
        if (loader != null) {
            loader.close();
            loader = null;
        }
        if (picture != null) {
            picture.clear();
        }
        media = null;
        if (playback != null) {
            playback.stop();
        }
        if (playItem != null && !playItem.isDisposed()) {
            playItem.setImage(playIcon);
        }
    }

    @Focus
    void focus() {
        canvas.setFocus();
    }

    @PreDestroy
    void dispose() {
        generation++;
        if (overlays != null) {
            overlays.setRegistry(null);
        }
        closeClip();
    }
}
