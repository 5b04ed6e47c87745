package io.avlens.core.event;

/** A change shared between the views of one analysis context (an open clip or experiment). */
public interface AnalysisEvent {

    /** Who made the change: the view (or other object) that posted the event. */
    Object source();

    /** The analysis context the change belongs to (an experiment or clip id). */
    String contextId();

    /** Whether {@code receiver} posted this event itself: a view ignores its own echo. */
    default boolean isFrom(Object receiver) {
        return source() == receiver;
    }

    /** Whether this event belongs to the context {@code id}. */
    default boolean concerns(String id) {
        return contextId().equals(id);
    }
}
