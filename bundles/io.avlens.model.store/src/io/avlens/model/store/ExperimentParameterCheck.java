package io.avlens.model.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.avlens.model.Experiment;
import io.avlens.model.Parameter;
import io.avlens.model.Project;
import io.avlens.model.store.ValidationProblem.Severity;
import io.avlens.model.store.internal.ProjectPaths;

/**
 * Experiments against what is installed ({@link ExperimentParameterCatalog}): a warning for each parameter that
 * the experiment's kind does not read (it is ignored: the runner neither passes it on nor lets it change cached
 * results) and for a kind that nothing installed computes. Warnings, not errors: the project is still sound, and
 * another installation may have the computation. Stateless.
 */
public final class ExperimentParameterCheck {

    /** The parameter every computation may read. */
    public static final String SEED = "seed";

    private ExperimentParameterCheck() {
    }

    /** The warnings for every experiment of {@code project}; none without a catalog. */
    public static List<ValidationProblem> check(Project project, ExperimentParameterCatalog catalog) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (catalog == null) {
            return problems;
        }
        for (Experiment experiment : project.getExperiments()) {
            if (experiment.getKind() == null) {
                continue;
            }
            String kind = experiment.getKind();
            Optional<List<ExperimentParameterCatalog.Declared>> declared = catalog.parameters(kind);
            if (declared.isEmpty()) {
                problems.add(new ValidationProblem(Severity.WARNING, ProjectPaths.of(experiment),
                        "no installed model computes experiments of kind '" + kind + "' (installed: "
                                + String.join(", ", catalog.kinds().stream().sorted().toList())
                                + "); it cannot run here"));
                continue;
            }
            for (Parameter parameter : experiment.getParameters()) {
                String message = unknown(parameter.getName(), kind, declared.get());
                if (message != null) {
                    problems.add(new ValidationProblem(Severity.WARNING, ProjectPaths.of(parameter), message));
                }
            }
        }
        return problems;
    }

    /**
     * Why a parameter called {@code name} is not read by {@code kind}, or null when it is.
     *
     * @param declared what the kind reads
     */
    public static String unknown(String name, String kind, List<ExperimentParameterCatalog.Declared> declared) {
        if (name == null || name.equals(SEED)
                || declared.stream().anyMatch(d -> d.name().equals(name))) {
            return null;
        }
        String known = declared.stream().map(ExperimentParameterCatalog.Declared::name)
                .collect(Collectors.joining(", "));
        return "parameter '" + name + "' is not read by " + kind + " experiments (they read " + (known.isEmpty()
                ? "" : known + " and ") + SEED + "); it is ignored and does not change the results";
    }
}
