package io.avlens.core.event;

import java.util.Objects;

/**
 * Bookmarks or markers of a context were added or removed. Topic {@link AvLensTopics#ANNOTATIONS}; receivers read
 * the new state from the context.
 *
 * @param source    the poster
 * @param contextId the analysis context
 */
public record AnnotationsChanged(Object source, String contextId) implements AnalysisEvent {

    /** @throws NullPointerException when a component is null */
    public AnnotationsChanged {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contextId, "contextId");
    }
}
