package io.avlens.ui.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.event.LatestValueThrottle;
import io.avlens.core.time.TimeMarker;
import io.avlens.media.MediaInfo;

/**
 * The open analyses of a workbench and the active one. One instance per application context, made by
 * {@link AnalysisContextFunction} on first request; parts receive the active {@link AnalysisContext} by injecting
 * {@code @Named(AnalysisContexts.ACTIVE)}, and are re-injected when another becomes active. UI thread only.
 */
public final class AnalysisContexts {

    /** Context key of the active {@link AnalysisContext}; absent until a clip is opened. */
    public static final String ACTIVE = "io.avlens.ui.context.active";

    private final IEclipseContext applicationContext;
    private final AnalysisContext.Publisher publisher;
    private final LatestValueThrottle.Scheduler scheduler;
    private final Map<String, AnalysisContext> open = new LinkedHashMap<>();

    /**
     * @param applicationContext where the active context is published for injection
     * @param broker             posts the contexts' events
     * @param display            runs throttled deliveries
     */
    public AnalysisContexts(IEclipseContext applicationContext, IEventBroker broker, Display display) {
        this.applicationContext = Objects.requireNonNull(applicationContext);
        Objects.requireNonNull(broker);
        this.publisher = broker::post;
        this.scheduler = (task, delay) -> display.asyncExec(() -> display.timerExec((int) Math.max(0, delay), task));
    }

    /**
     * Opens {@code media} as a new analysis with {@code markers} (e.g. ground truth read beside the clip) and makes
     * it the active one. A file already open is activated instead of opened twice.
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
        open.put(id, context);
        activate(context);
        return context;
    }

    /** Makes {@code context} the one injected into parts. */
    public void activate(AnalysisContext context) {
        if (!open.containsValue(context)) {
            throw new IllegalArgumentException("not an open analysis: " + context);
        }
        applicationContext.set(ACTIVE, context);
    }

    /** The active analysis, if any. */
    public Optional<AnalysisContext> active() {
        return Optional.ofNullable((AnalysisContext) applicationContext.get(ACTIVE));
    }

    /** Closes an analysis; when it was active, the most recently opened other one becomes active (or none). */
    public void close(AnalysisContext context) {
        if (open.remove(context.id()) == null) {
            return;
        }
        if (active().orElse(null) == context) {
            List<AnalysisContext> rest = new ArrayList<>(open.values());
            if (rest.isEmpty()) {
                applicationContext.remove(ACTIVE);
            } else {
                applicationContext.set(ACTIVE, rest.get(rest.size() - 1));
            }
        }
    }

    /** The open analyses in opening order. */
    public List<AnalysisContext> all() {
        return List.copyOf(open.values());
    }
}
