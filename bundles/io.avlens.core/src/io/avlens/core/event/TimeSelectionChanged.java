package io.avlens.core.event;

import java.util.Objects;

import io.avlens.core.time.TimeSelection;

/**
 * The shared time cursor or selected range changed. Topic {@link AvLensTopics#TIME_SELECTION}.
 *
 * @param source    the poster
 * @param contextId the analysis context
 * @param selection the new selection, seconds
 */
public record TimeSelectionChanged(Object source, String contextId, TimeSelection selection) implements AnalysisEvent {

    /** @throws NullPointerException when a component is null */
    public TimeSelectionChanged {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contextId, "contextId");
        Objects.requireNonNull(selection, "selection");
    }
}
