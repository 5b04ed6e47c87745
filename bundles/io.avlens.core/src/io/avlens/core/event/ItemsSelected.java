package io.avlens.core.event;

import java.util.List;
import java.util.Objects;

/**
 * Items were selected in a view. Topic {@link AvLensTopics#ITEMS_SELECTED}.
 *
 * @param source    the poster
 * @param contextId the analysis context
 * @param kind      what was selected: {@code clip}, {@code embedding}, {@code retrieval-hit}, ...
 * @param ids       the selected items' ids, in the poster's order (an unmodifiable copy)
 */
public record ItemsSelected(Object source, String contextId, String kind, List<String> ids) implements AnalysisEvent {

    /** @throws NullPointerException when a component is null */
    public ItemsSelected {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contextId, "contextId");
        Objects.requireNonNull(kind, "kind");
        ids = List.copyOf(ids);
    }
}
