package io.avlens.runner.task;

import java.nio.file.Path;

/**
 * A clip a task could not run, as {@link ClipTask#summarize(java.util.List, java.util.List)} sees it.
 *
 * @param clipId  the clip
 * @param media   its media file
 * @param message why it failed, naming the file and the problem
 */
public record ClipFailure(String clipId, Path media, String message) {
}
