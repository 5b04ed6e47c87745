package io.avlens.ui.embeddings;

import java.nio.file.Path;

/**
 * A clip of an embedding table, as the explorer puts it in the shared selection (a lasso or box selects clips): what
 * other views need to follow it.
 *
 * @param id    the clip id in the table
 * @param media the clip's media file, resolved
 * @param index the clip's row in the table
 * @param model the id of the model that computed the table
 */
public record EmbeddedClip(String id, Path media, int index, String model) {
}
