package io.avlens.ui.context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.core.runtime.ILog;

import io.avlens.core.event.AnalysisEvent;
import io.avlens.core.event.AnnotationsChanged;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.LatestValueThrottle;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.core.event.VisibleWindowChanged;
import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeMarker;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.media.MediaInfo;

/**
 * The shared state of one open analysis (a clip, or an experiment on a clip): the time cursor and selected range,
 * the visible window, bookmarks and annotation markers. Views read it and change it through its methods; every
 * change is posted as an {@link AnalysisEvent} carrying the poster, so a view ignores its own echo. The state
 * itself changes at once; the events of rapid changes (scrubbing, playback, dragging) are throttled so the last
 * value always arrives and receivers are not flooded.
 *
 * <p>Confined to the UI thread except for the read accessors, which are safe from any thread.
 */
public final class AnalysisContext {

    /** Posts an event on a topic; in the workbench, {@code IEventBroker::post}. */
    @FunctionalInterface
    public interface Publisher {
        /** Delivers {@code event} to the subscribers of {@code topic}. */
        void publish(String topic, AnalysisEvent event);
    }

    /** Longest gap between two cursor events while scrubbing or playing, milliseconds. */
    public static final long THROTTLE_MILLIS = 40;

    private final String id;
    private final MediaInfo media;
    private final TimeRange extent;
    private final Publisher publisher;
    private final LatestValueThrottle<TimeSelectionChanged> selectionEvents;
    private final LatestValueThrottle<VisibleWindowChanged> windowEvents;
    /** The bookmarks while the clip belongs to no open project. */
    private final List<Bookmark> memory = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private volatile BookmarkStore bookmarkStore;
    private volatile List<TimeMarker> ownMarkers = List.of();
    private volatile List<TimeMarker> projectMarkers = List.of();
    private volatile List<TimeMarker> markers = List.of();
    private volatile TimeSelection selection = TimeSelection.at(0);
    private volatile TimeRange window;
    private volatile double audioOffset;
    private volatile boolean closed;

    /**
     * @param id        context id carried by every event, unique among open contexts
     * @param media     the probed clip
     * @param publisher posts events
     * @param scheduler runs delayed deliveries of throttled events (on the UI thread in the workbench)
     */
    public AnalysisContext(String id, MediaInfo media, Publisher publisher, LatestValueThrottle.Scheduler scheduler) {
        this.id = Objects.requireNonNull(id);
        this.media = Objects.requireNonNull(media);
        this.publisher = Objects.requireNonNull(publisher);
        this.extent = new TimeRange(0, Math.max(media.durationSeconds(), 0));
        this.window = extent;
        this.bookmarkStore = new MemoryBookmarks();
        this.selectionEvents = new LatestValueThrottle<>(THROTTLE_MILLIS,
                e -> publisher.publish(AvLensTopics.TIME_SELECTION, e), scheduler, System::nanoTime);
        this.windowEvents = new LatestValueThrottle<>(THROTTLE_MILLIS,
                e -> publisher.publish(AvLensTopics.TIME_WINDOW, e), scheduler, System::nanoTime);
    }

    /** The id that events of this context carry. */
    public String id() {
        return id;
    }

    /** The clip. */
    public MediaInfo media() {
        return media;
    }

    /** The clip's file. */
    public Path file() {
        return media.path();
    }

    /** A short name for titles: the file name. */
    public String title() {
        return media.path().getFileName().toString();
    }

    /** From 0 to the clip's duration, seconds. */
    public TimeRange extent() {
        return extent;
    }

    /** The cursor and selected range. */
    public TimeSelection selection() {
        return selection;
    }

    /** The cursor, seconds. */
    public double cursor() {
        return selection.cursor();
    }

    /** The visible time window shared by the time-axis views. */
    public TimeRange window() {
        return window;
    }

    /** Moves the cursor to {@code seconds} (clamped to the clip), dropping any range. */
    public void moveCursor(Object source, double seconds) {
        select(source, TimeSelection.at(extent.clamp(seconds)));
    }

    /** Sets cursor and range (clamped to the clip), drops any paired audio time, and tells the other views. */
    public void select(Object source, TimeSelection newSelection) {
        TimeSelection clamped = new TimeSelection(extent.clamp(newSelection.begin()), extent.clamp(newSelection.end()));
        audioOffset = 0;
        selection = clamped;
        selectionEvents.submit(new TimeSelectionChanged(source, id, clamped));
    }

    /**
     * Moves the cursor to {@code videoSeconds} and pairs {@code audioSeconds} with it (both clamped to the clip): a
     * cell of a similarity volume is one moment of the picture and one of the sound. The picture shows the cursor;
     * sound views mark {@link #audioCursor()}. The next ordinary cursor move ends the pairing.
     */
    public void pairCursor(Object source, double videoSeconds, double audioSeconds) {
        TimeSelection at = TimeSelection.at(extent.clamp(videoSeconds));
        audioOffset = extent.clamp(audioSeconds) - at.cursor();
        selection = at;
        selectionEvents.submit(new TimeSelectionChanged(source, id, at));
    }

    /**
     * Seconds by which the audio time paired with the cursor lies after it; 0 when no pairing is set (the sound and
     * the picture are looked at at the same time).
     */
    public double audioOffset() {
        return audioOffset;
    }

    /** The audio time paired with the cursor, seconds: {@code cursor() + audioOffset()}. */
    public double audioCursor() {
        return selection.cursor() + audioOffset;
    }

    /** Shows {@code newWindow} (moved inside the clip if needed) in every time-axis view. */
    public void showWindow(Object source, TimeRange newWindow) {
        TimeRange fitted = newWindow.shiftedInto(extent);
        window = fitted;
        windowEvents.submit(new VisibleWindowChanged(source, id, fitted));
    }

    /** Bookmarks in time order. */
    public List<Bookmark> bookmarks() {
        List<Bookmark> sorted = new ArrayList<>(bookmarkStore.bookmarks());
        sorted.sort(Comparator.comparingDouble(Bookmark::time));
        return List.copyOf(sorted);
    }

    /** Adds a bookmark (to the clip's project when it has one: undoable, saved with it) and tells the views. */
    public void addBookmark(Object source, Bookmark bookmark) {
        bookmarkStore.add(Objects.requireNonNull(bookmark));
        publisher.publish(AvLensTopics.ANNOTATIONS, new AnnotationsChanged(source, id));
    }

    /** Removes a bookmark; returns whether it was there. */
    public boolean removeBookmark(Object source, Bookmark bookmark) {
        boolean removed = bookmarkStore.remove(bookmark);
        if (removed) {
            publisher.publish(AvLensTopics.ANNOTATIONS, new AnnotationsChanged(source, id));
        }
        return removed;
    }

    /** The bookmarks kept in memory, in time order: those of a clip outside any open project; empty otherwise. */
    public List<Bookmark> memoryBookmarks() {
        return bookmarkStore instanceof MemoryBookmarks ? bookmarks() : List.of();
    }

    /** Whether the clip is linked to an open project, which then keeps its bookmarks. */
    public boolean isLinkedToProject() {
        return !(bookmarkStore instanceof MemoryBookmarks);
    }

    /**
     * Links this analysis to its clip in an open project: {@code annotations} (the clip's sound events, narration)
     * are shown as markers beside the clip's own, and the bookmarks are those {@code store} keeps; a null
     * {@code store} unlinks it (the bookmarks kept in memory come back). Tells the views when what they show changed.
     */
    public void linkProject(Object source, List<TimeMarker> annotations, BookmarkStore store) {
        List<TimeMarker> markersBefore = markers;
        List<Bookmark> bookmarksBefore = bookmarks();
        projectMarkers = List.copyOf(annotations);
        bookmarkStore = store == null ? new MemoryBookmarks() : store;
        mergeMarkers();
        if (!markers.equals(markersBefore) || !bookmarks().equals(bookmarksBefore)) {
            publisher.publish(AvLensTopics.ANNOTATIONS, new AnnotationsChanged(source, id));
        }
    }

    /** Annotation markers (ground-truth events, the project's annotations) in time order. */
    public List<TimeMarker> markers() {
        return markers;
    }

    /** Replaces the clip's own markers (e.g. its sidecar's ground truth) and tells the views. */
    public void setMarkers(Object source, List<TimeMarker> newMarkers) {
        ownMarkers = List.copyOf(newMarkers);
        mergeMarkers();
        publisher.publish(AvLensTopics.ANNOTATIONS, new AnnotationsChanged(source, id));
    }

    /** The clip's own markers and the project's, an event both hold (same kind, start and length) once. */
    private void mergeMarkers() {
        List<TimeMarker> all = new ArrayList<>(ownMarkers);
        for (TimeMarker m : projectMarkers) {
            if (ownMarkers.stream().noneMatch(o -> o.kind().equals(m.kind()) && Math.abs(o.start() - m.start()) < 1e-3
                    && Math.abs(o.duration() - m.duration()) < 1e-3)) {
                all.add(m);
            }
        }
        all.sort(Comparator.comparingDouble(TimeMarker::start));
        markers = List.copyOf(all);
    }

    /** The bookmarks of a clip outside any open project. */
    private final class MemoryBookmarks implements BookmarkStore {
        @Override
        public List<Bookmark> bookmarks() {
            return List.copyOf(memory);
        }

        @Override
        public void add(Bookmark bookmark) {
            memory.add(bookmark);
        }

        @Override
        public boolean remove(Bookmark bookmark) {
            return memory.remove(bookmark);
        }
    }

    /**
     * Data that several views of this analysis share (the decoded sound, a spectrogram), made once by the first view
     * that asks. The factory must be cheap: start long work in a job and attach its future. An attachment that is
     * {@link AutoCloseable} is closed when the analysis is {@linkplain #close() closed}; a closed analysis keeps
     * nothing (each request makes a new one).
     */
    public <T> T attachment(Class<T> type, Function<AnalysisContext, T> factory) {
        if (closed) {
            return factory.apply(this);
        }
        return type.cast(attachments.computeIfAbsent(type, k -> factory.apply(this)));
    }

    /** The attachment of {@code type} if one is kept, without making one. */
    public <T> Optional<T> attached(Class<T> type) {
        return Optional.ofNullable(type.cast(attachments.get(type)));
    }

    /**
     * Forgets {@code value} as the attachment of {@code type} (when it still is), so that the next request makes a
     * new one: what a cancelled or failed computation calls, so that it is not kept as the answer. Any thread.
     */
    public <T> void detach(Class<T> type, T value) {
        attachments.remove(type, value);
    }

    /**
     * Releases what the views of this analysis shared: every attachment is dropped, and closed when it is
     * {@link AutoCloseable} (a computation still running is cancelled). Called by {@link AnalysisContexts} when the
     * analysis is closed; the selection and bookmarks stay readable.
     */
    void close() {
        closed = true;
        for (Object value : List.copyOf(attachments.values())) {
            attachments.values().remove(value);
            if (value instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    ILog.of(AnalysisContext.class).warn(this + ": cannot release " + value + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Whether the analysis was closed (its shared data released). */
    public boolean isClosed() {
        return closed;
    }

    /** Whether {@code event} belongs to this context and was posted by someone other than {@code receiver}. */
    public boolean isForeign(AnalysisEvent event, Object receiver) {
        return event != null && event.concerns(id) && !event.isFrom(receiver);
    }

    @Override
    public String toString() {
        return "AnalysisContext[" + id + ", " + media.path() + "]";
    }
}
