package io.avlens.ui.embeddings;

import java.nio.file.Path;

import org.eclipse.core.runtime.IAdaptable;

/**
 * A clip of an embedding table, as the explorer puts it in the shared selection (a lasso or box selects clips): what
 * other views need to follow it. Adapts to its media file ({@link Path}), by which the Project Explorer selects the
 * project's clip of that file.
 *
 * @param id    the clip id in the table
 * @param media the clip's media file, resolved
 * @param index the clip's row in the table
 * @param model the id of the model that computed the table
 */
public record EmbeddedClip(String id, Path media, int index, String model) implements IAdaptable {

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == Path.class ? adapter.cast(media) : null;
    }
}
