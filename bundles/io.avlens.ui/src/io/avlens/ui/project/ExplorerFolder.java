package io.avlens.ui.project;

import java.util.List;

import io.avlens.model.Project;

/**
 * A group node of the Project Explorer under a project: its datasets, its models or its experiments. A value (two
 * equal folders are the same node), so the tree keeps expansion across refreshes.
 */
public record ExplorerFolder(ProjectSession session, Kind kind) {

    /** What a folder groups. */
    public enum Kind {
        DATASETS("Datasets"), MODELS("Models"), EXPERIMENTS("Experiments");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The model objects in this folder, in model order. */
    public List<?> children() {
        Project project = session.project();
        return switch (kind) {
            case DATASETS -> project.getDatasets();
            case MODELS -> project.getModels();
            case EXPERIMENTS -> project.getExperiments();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExplorerFolder f && f.session == session && f.kind == kind;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(session) * 31 + kind.hashCode();
    }
}
