package io.avlens.core.event;

/**
 * Event-broker topics on which views share time and selection. Each topic carries one immutable payload record
 * (see the constants) implementing {@link AnalysisEvent}, posted by the view that made the change; receivers drop
 * their own echo with {@link AnalysisEvent#isFrom(Object)} and ignore other contexts' events.
 */
public final class AvLensTopics {

    /** Prefix of every AV Lens topic. */
    public static final String PREFIX = "io/avlens/";
    /** Subscribes to every AV Lens topic. */
    public static final String ALL = PREFIX + "*";
    /** The time cursor or selected range moved; payload {@link TimeSelectionChanged}. */
    public static final String TIME_SELECTION = PREFIX + "time/selection";
    /** The visible time window was zoomed or panned; payload {@link VisibleWindowChanged}. */
    public static final String TIME_WINDOW = PREFIX + "time/window";
    /** Bookmarks or markers were added or removed; payload {@link AnnotationsChanged}. */
    public static final String ANNOTATIONS = PREFIX + "time/annotations";
    /** Items (clips, embedding points, retrieval hits) were selected; payload {@link ItemsSelected}. */
    public static final String ITEMS_SELECTED = PREFIX + "selection/items";

    private AvLensTopics() {
    }
}
