package io.avlens.ui.context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.event.LatestValueThrottle;
import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeMarker;
import io.avlens.media.MediaInfo;

/**
 * The open analyses of a workbench and the active one. One instance per application context, made by
 * {@link AnalysisContextFunction} on first request; parts receive the active {@link AnalysisContext} by injecting
 * {@code @Named(AnalysisContexts.ACTIVE)}, and are re-injected when another becomes active.
 *
 * <p>What a clip's views share (its decoded sound and spectrogram, some megabytes a minute) stays only for the few
 * clips looked at last: opening one more than {@link #DEFAULT_KEPT} closes the one active longest ago, which releases
 * its shared data (and cancels what is still being computed for it). The bookmarks it kept in memory (a clip outside
 * any open project) are remembered for the session and come back when the file is opened again. UI thread only.
 */
public final class AnalysisContexts {

    /** Context key of the active {@link AnalysisContext}; absent until a clip is opened. */
    public static final String ACTIVE = "io.avlens.ui.context.active";
    /** How many analyses stay open by default: the active one and the three before it. */
    public static final int DEFAULT_KEPT = 4;

    private final IEclipseContext applicationContext;
    private final AnalysisContext.Publisher publisher;
    private final LatestValueThrottle.Scheduler scheduler;
    private final int kept;
    /** The open analyses, the one active longest ago first. */
    private final Map<String, AnalysisContext> open = new LinkedHashMap<>();
    private final Map<Path, List<Bookmark>> closedBookmarks = new HashMap<>();
    private final List<Consumer<AnalysisContext>> openListeners = new CopyOnWriteArrayList<>();

    /**
     * @param applicationContext where the active context is published for injection
     * @param broker             posts the contexts' events
     * @param display            runs throttled deliveries
     */
    public AnalysisContexts(IEclipseContext applicationContext, IEventBroker broker, Display display) {
        this(applicationContext, broker, display, DEFAULT_KEPT);
    }

    /**
     * @param applicationContext where the active context is published for injection
     * @param broker             posts the contexts' events
     * @param display            runs throttled deliveries
     * @param kept               how many analyses stay open (at least 1)
     */
    public AnalysisContexts(IEclipseContext applicationContext, IEventBroker broker, Display display, int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException("at least one analysis must stay open, not " + kept);
        }
        this.kept = kept;
        this.applicationContext = Objects.requireNonNull(applicationContext);
        Objects.requireNonNull(broker);
        this.publisher = broker::post;
        this.scheduler = (task, delay) -> display.asyncExec(() -> display.timerExec((int) Math.max(0, delay), task));
    }

    /**
     * Opens {@code media} as a new analysis with {@code markers} (e.g. ground truth read beside the clip) and makes
     * it the active one. A file already open is activated instead of opened twice. When more than the bound are
     * then open, the one active longest ago is {@linkplain #close closed}.
     */
    public AnalysisContext open(MediaInfo media, List<TimeMarker> markers) {
        Optional<AnalysisContext> already = open.values().stream()
                .filter(c -> c.file().toAbsolutePath().equals(media.path().toAbsolutePath())).findFirst();
        if (already.isPresent()) {
            activate(already.get());
            return already.get();
        }
        String base = media.path().getFileName().toString();
        String id = base;
        for (int n = 2; open.containsKey(id); n++) {
            id = base + "#" + n;
        }
        AnalysisContext context = new AnalysisContext(id, media, publisher, scheduler);
        if (!markers.isEmpty()) {
            context.setMarkers(this, markers);
        }
        for (Bookmark b : closedBookmarks.getOrDefault(key(media.path()), List.of())) {
            context.addBookmark(this, b);
        }
        open.put(id, context);
        openListeners.forEach(l -> l.accept(context));
        activate(context);
        while (open.size() > kept) {
            close(open.values().iterator().next());
        }
        return context;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Makes {@code context} the one injected into parts. */
    public void activate(AnalysisContext context) {
        if (!open.containsValue(context)) {
            throw new IllegalArgumentException("not an open analysis: " + context);
        }
        open.remove(context.id());
        open.put(context.id(), context); // now the most recently active
        applicationContext.set(ACTIVE, context);
    }

    /** The active analysis, if any. */
    public Optional<AnalysisContext> active() {
        return Optional.ofNullable((AnalysisContext) applicationContext.get(ACTIVE));
    }

    /**
     * Closes an analysis and releases what its views shared; when it was active, the most recently active other one
     * becomes active (or none). Its bookmarks are kept for the session, for when the file is opened again.
     */
    public void close(AnalysisContext context) {
        if (open.get(context.id()) != context) {
            return;
        }
        open.remove(context.id());
        context.close();
        closedBookmarks.put(key(context.file()), context.memoryBookmarks());
        if (active().orElse(null) == context) {
            List<AnalysisContext> rest = new ArrayList<>(open.values());
            if (rest.isEmpty()) {
                applicationContext.remove(ACTIVE);
            } else {
                applicationContext.set(ACTIVE, rest.get(rest.size() - 1));
            }
        }
    }

    /** Tells {@code listener} of each analysis opened from now on, before it becomes active. */
    public void addOpenListener(Consumer<AnalysisContext> listener) {
        openListeners.add(listener);
    }

    /** The open analyses, the one active longest ago first. */
    public List<AnalysisContext> all() {
        return List.copyOf(open.values());
    }
}
