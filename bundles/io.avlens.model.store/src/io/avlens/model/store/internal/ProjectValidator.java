package io.avlens.model.store.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.Diagnostician;

import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.ValidationProblem.Severity;

/**
 * Validates a project: EMF's Diagnostician for what the schema itself says (required values, references inside the
 * project), then AV Lens's constraints (locations, profiles, unique ids, times), each part in its own class.
 */
final class ProjectValidator {

    private final Path projectFolder;

    ProjectValidator(Path projectFolder) {
        this.projectFolder = projectFolder;
    }

    List<ValidationProblem> validate(Project project) {
        Problems problems = new Problems(projectFolder);
        emfConstraints(project, problems);
        problems.unique(project.getDatasets(), d -> d.getName(), "dataset name");
        problems.unique(project.getModels(), m -> m.getId(), "model id");
        problems.unique(project.getExperiments(), e -> e.getId(), "experiment id");
        List<Run> runs = new ArrayList<>();
        for (Experiment experiment : project.getExperiments()) {
            runs.addAll(experiment.getRuns());
        }
        problems.unique(runs, Run::getId, "run id");
        DatasetChecks datasets = new DatasetChecks(problems);
        project.getDatasets().forEach(datasets::check);
        ModelChecks models = new ModelChecks(problems);
        project.getModels().forEach(models::check);
        ExperimentChecks experiments = new ExperimentChecks(problems);
        project.getExperiments().forEach(experiments::check);
        return problems.sorted();
    }

    /** EMF's checks, with objects labelled by their path in the project instead of their Java identity. */
    private static void emfConstraints(Project project, Problems problems) {
        Diagnostician diagnostician = new Diagnostician() {
            @Override
            public String getObjectLabel(EObject eObject) {
                String path = ObjectPaths.of(eObject);
                return path.isEmpty() ? "project" : path;
            }
        };
        Diagnostic result = diagnostician.validate(project);
        addLeaves(result, problems);
    }

    private static void addLeaves(Diagnostic diagnostic, Problems problems) {
        if (!diagnostic.getChildren().isEmpty()) {
            diagnostic.getChildren().forEach(child -> addLeaves(child, problems));
            return;
        }
        if (diagnostic.getSeverity() < Diagnostic.WARNING) {
            return;
        }
        Object subject = diagnostic.getData().isEmpty() ? null : diagnostic.getData().get(0);
        String path = subject instanceof EObject e ? ObjectPaths.of(e) : "";
        Severity severity = diagnostic.getSeverity() >= Diagnostic.ERROR ? Severity.ERROR : Severity.WARNING;
        problems.add(new ValidationProblem(severity, path, diagnostic.getMessage()));
    }
}
