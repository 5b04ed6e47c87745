package io.avlens.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.avlens.cli.command.CommandException;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Project;
import io.avlens.model.Split;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * The clips {@code avlens eval} measures: every clip of the folder, or with a split the clips that the folder's
 * project ({@code DIR/project.avlens}, e.g. an AV-Shapes dataset with train/val/test) puts in that split.
 *
 * @param folder      the data folder
 * @param clips       the media files, in dataset (or name) order
 * @param split       the split's name, null for every clip of the folder
 * @param description what the project says it holds (an AV-Shapes project states its generator settings), or null
 */
record EvalData(Path folder, List<Path> clips, String split, String description) {

    /**
     * Selects the clips.
     *
     * @param split a split name, or null for every clip
     * @param store reads the project (its split, its description); may be null without a split
     * @throws CommandException (exit 2) for a missing folder, a split asked of a folder without a project, or a
     *                          split the project does not have
     */
    static EvalData select(Path data, String split, ProjectStore store) throws CommandException {
        boolean project = ProjectStore.isProject(data);
        if (split != null && !project) {
            throw new CommandException(data + ": has no " + ProjectStore.FILE_NAME + ", so its clips belong to no"
                    + " split; leave out --split " + split + " to evaluate every clip of the folder");
        }
        if (!project || split == null && store == null) {
            return new EvalData(data, ModelTasks.clips(data), null, null);
        }
        if (store == null) {
            throw new CommandException("eval: no project store is installed to read " + ProjectStore.projectFile(data),
                    CommandException.INTERNAL, null);
        }
        Project p;
        try {
            p = store.open(data);
        } catch (ProjectStoreException e) {
            throw new CommandException(e.getMessage());
        }
        if (split == null) {
            return new EvalData(data, ModelTasks.clips(data), null, p.getDescription());
        }
        List<Path> clips = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Dataset d : p.getDatasets()) {
            d.getSplits().stream().map(Split::getName).forEach(names::add);
            for (Clip c : d.getClips()) {
                if (c.getSplit() != null && split.equals(c.getSplit().getName())) {
                    clips.add(media(data, c));
                }
            }
        }
        if (clips.isEmpty()) {
            throw new CommandException(ProjectStore.projectFile(data) + ": no clips in a split '" + split + "'"
                    + (names.isEmpty() ? "; the project's datasets have no splits" : "; its splits: " + names));
        }
        return new EvalData(data, List.copyOf(clips), split, p.getDescription());
    }

    /**
     * Where a project's clip is.
     *
     * @throws CommandException naming the project file and the clip whose location is broken
     */
    static Path media(Path project, Clip clip) throws CommandException {
        try {
            return Locations.resolve(project, clip.getMediaLocation());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ProjectStore.projectFile(project) + ": clip '" + clip.getId() + "' has a broken"
                    + " media location: " + e.getMessage());
        }
    }
}
