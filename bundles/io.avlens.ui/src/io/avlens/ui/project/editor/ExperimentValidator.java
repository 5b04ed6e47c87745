package io.avlens.ui.project.editor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.avlens.model.Experiment;
import io.avlens.model.IntegerListParameter;
import io.avlens.model.IntegerParameter;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Parameter;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.store.ClipSelections;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.model.store.ExperimentParameterCheck;
import io.avlens.ui.project.editor.ExperimentProblem.Target;

/**
 * The checks the editor runs on every change, before a run would fail on them: a unique id, at least one model,
 * each with a preprocessing profile, at least one clip, unique parameter names and sane values for the parameters
 * AV Lens's runners read ({@code seed} ≥ 0, {@code steps} ≥ 1, guidance scale lists not empty), and a warning for
 * each parameter the installed task of the experiment's kind does not read. The project
 * store's validation (files exist, profiles are sane) is not repeated here.
 */
final class ExperimentValidator {

    private ExperimentValidator() {
    }

    /**
     * The problems of {@code experiment} in {@code project}, in form order.
     *
     * @param catalog what the installed tasks read (a parameter the experiment's kind does not read is a
     *                warning), or null
     */
    static List<ExperimentProblem> validate(Experiment experiment, Project project,
            ExperimentParameterCatalog catalog) {
        List<ExperimentProblem> problems = new ArrayList<>();
        checkId(experiment, project, problems);
        checkModels(experiment, problems);
        checkClips(experiment, problems);
        checkParameters(experiment, problems);
        checkKnown(experiment, catalog, problems);
        return problems;
    }

    private static void checkKnown(Experiment experiment, ExperimentParameterCatalog catalog,
            List<ExperimentProblem> problems) {
        if (catalog == null || experiment.getKind() == null) {
            return;
        }
        String kind = experiment.getKind();
        catalog.parameters(kind).ifPresent(declared -> {
            for (Parameter parameter : experiment.getParameters()) {
                String why = ExperimentParameterCheck.unknown(parameter.getName(), kind, declared);
                if (why != null) {
                    problems.add(ExperimentProblem.warning("parameters.unknown." + parameter.getName(),
                            Target.PARAMETERS, Character.toUpperCase(why.charAt(0)) + why.substring(1) + "."));
                }
            }
        });
    }

    private static void checkId(Experiment experiment, Project project, List<ExperimentProblem> problems) {
        String id = experiment.getId();
        if (id == null || id.isBlank()) {
            problems.add(ExperimentProblem.error("id", Target.ID, "The experiment needs an id."));
        } else if (project.getExperiments().stream().anyMatch(e -> e != experiment && id.equals(e.getId()))) {
            problems.add(ExperimentProblem.error("id", Target.ID,
                    "Another experiment of this project is called '" + id + "'."));
        }
    }

    private static void checkModels(Experiment experiment, List<ExperimentProblem> problems) {
        if (experiment.getModels().isEmpty()) {
            problems.add(ExperimentProblem.error("models", Target.MODELS, "Choose at least one model."));
        }
        for (ModelDescriptor model : experiment.getModels()) {
            if (model.getProfile() == null) {
                problems.add(ExperimentProblem.error("models.profile." + model.getId(), Target.MODELS, "Model '"
                        + model.getId() + "' has no preprocessing profile: AV Lens cannot prepare its input."));
            }
        }
    }

    private static void checkClips(Experiment experiment, List<ExperimentProblem> problems) {
        var selection = experiment.getSelection();
        if (selection == null || selection.getDataset() == null && selection.getClips().isEmpty()) {
            problems.add(ExperimentProblem.error("clips", Target.DATASET, "Choose a dataset to run on."));
            return;
        }
        if (ClipSelections.resolve(selection).isEmpty()) {
            problems.add(ExperimentProblem.error("clips", Target.CLIPS, selection.getSplit() == null
                    ? "Dataset '" + selection.getDataset().getName() + "' has no clips."
                    : "Split '" + selection.getSplit().getName() + "' has no clips."));
        }
        if (selection.getSplit() != null && !selection.getClips().isEmpty()) {
            problems.add(ExperimentProblem.warning("clips.split", Target.SPLIT, "The split is not used: the checked "
                    + "clips are the selection. Uncheck them all to run on the split."));
        }
    }

    private static void checkParameters(Experiment experiment, List<ExperimentProblem> problems) {
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (Parameter parameter : experiment.getParameters()) {
            String name = parameter.getName();
            if (name == null || name.isBlank()) {
                problems.add(ExperimentProblem.error("parameters.unnamed", Target.PARAMETERS,
                        "Every parameter needs a name."));
                continue;
            }
            if (!seen.add(name) && reported.add(name)) {
                problems.add(ExperimentProblem.error("parameters.duplicate." + name, Target.PARAMETERS,
                        "There are several parameters called '" + name + "'."));
            }
            checkValue(parameter, name.toLowerCase(Locale.ROOT), problems);
        }
    }

    private static void checkValue(Parameter parameter, String name, List<ExperimentProblem> problems) {
        String key = "parameters.value." + System.identityHashCode(parameter);
        if (parameter instanceof IntegerParameter p && name.equals("seed") && p.getValue() < 0) {
            problems.add(ExperimentProblem.error(key, Target.PARAMETERS,
                    "seed must be 0 or more, not " + p.getValue() + "."));
        } else if (parameter instanceof IntegerParameter p && isSteps(name) && p.getValue() <= 0) {
            problems.add(ExperimentProblem.error(key, Target.PARAMETERS,
                    parameter.getName() + " must be at least 1, not " + p.getValue() + "."));
        } else if (parameter instanceof IntegerListParameter p && name.equals("seeds")
                && p.getValues().stream().anyMatch(v -> v < 0)) {
            problems.add(ExperimentProblem.error(key, Target.PARAMETERS, "seeds must all be 0 or more."));
        } else if (isGuidance(name) && (parameter instanceof RealListParameter p && p.getValues().isEmpty()
                || parameter instanceof IntegerListParameter q && q.getValues().isEmpty())) {
            problems.add(ExperimentProblem.error(key, Target.PARAMETERS,
                    parameter.getName() + " lists no guidance scale: give at least one, e.g. 1, 2.5, 4.5."));
        }
    }

    private static boolean isSteps(String name) {
        return name.equals("steps") || name.endsWith("_steps") || name.startsWith("steps_");
    }

    private static boolean isGuidance(String name) {
        return name.contains("cfg") || name.contains("guidance");
    }
}
