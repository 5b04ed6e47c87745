package io.avlens.core.event;

import java.util.Objects;

import io.avlens.core.time.TimeRange;

/**
 * The visible time window changed (zoom, pan). Topic {@link AvLensTopics#TIME_WINDOW}.
 *
 * @param source    the poster
 * @param contextId the analysis context
 * @param window    the new window, seconds
 */
public record VisibleWindowChanged(Object source, String contextId, TimeRange window) implements AnalysisEvent {

    /** @throws NullPointerException when a component is null */
    public VisibleWindowChanged {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contextId, "contextId");
        Objects.requireNonNull(window, "window");
    }
}
