package io.avlens.model.store;

import java.util.List;

import io.avlens.model.Clip;
import io.avlens.model.ClipSelection;
import io.avlens.model.Dataset;

/**
 * Which clips a {@link ClipSelection} stands for, by the rule of the model: the explicitly listed clips when there
 * are any; else the clips of the dataset that belong to the selected split; else, without a split, every clip of the
 * dataset; nothing without a dataset. The experiment editor shows this rule and the runner runs it, so both live
 * here, away from the UI. Stateless; call it on the thread that owns the EMF objects.
 */
public final class ClipSelections {

    private ClipSelections() {
    }

    /** The clips an experiment with this selection runs on, in dataset (or list) order. */
    public static List<Clip> resolve(ClipSelection selection) {
        if (selection == null) {
            return List.of();
        }
        if (!selection.getClips().isEmpty()) {
            return List.copyOf(selection.getClips());
        }
        Dataset dataset = selection.getDataset();
        if (dataset == null) {
            return List.of();
        }
        if (selection.getSplit() == null) {
            return List.copyOf(dataset.getClips());
        }
        return dataset.getClips().stream().filter(c -> c.getSplit() == selection.getSplit()).toList();
    }

    /** A line for the user: how many clips, and which rule chose them. */
    public static String describe(ClipSelection selection) {
        int n = resolve(selection).size();
        String count = n == 1 ? "1 clip selected" : n + " clips selected";
        if (selection == null || selection.getDataset() == null && selection.getClips().isEmpty()) {
            return "No clips selected: choose a dataset.";
        }
        if (!selection.getClips().isEmpty()) {
            return count + ": the checked clips.";
        }
        if (selection.getSplit() != null) {
            return count + ": split '" + selection.getSplit().getName() + "' of dataset '"
                    + selection.getDataset().getName() + "'.";
        }
        return count + ": all clips of dataset '" + selection.getDataset().getName() + "'.";
    }
}
