package io.avlens.ui.project.editor;

/**
 * Something wrong with the experiment being edited, for the form's message area.
 *
 * @param key     identifies the problem, so the same problem found again replaces its message
 * @param target  the part of the form the message is attached to
 * @param error   an error (the experiment cannot run) rather than a warning
 * @param message what is wrong, in words a user can act on
 */
record ExperimentProblem(String key, Target target, boolean error, String message) {

    /** The part of the form a problem belongs to. */
    enum Target {
        ID, MODELS, DATASET, SPLIT, CLIPS, PARAMETERS
    }

    static ExperimentProblem error(String key, Target target, String message) {
        return new ExperimentProblem(key, target, true, message);
    }

    static ExperimentProblem warning(String key, Target target, String message) {
        return new ExperimentProblem(key, target, false, message);
    }
}
