package io.avlens.ui.context;

import java.util.List;

import io.avlens.core.time.Bookmark;

/**
 * Where an analysis keeps its bookmarks: in memory for a clip opened from a file outside any open project, in the
 * project's model (through its command stack, so that Undo takes a bookmark back and Save keeps it) for a clip of an
 * open project. UI thread.
 */
public interface BookmarkStore {

    /** The bookmarks, in any order. */
    List<Bookmark> bookmarks();

    /** Adds {@code bookmark}. */
    void add(Bookmark bookmark);

    /** Removes one bookmark equal to {@code bookmark}; returns whether there was one. */
    boolean remove(Bookmark bookmark);
}
