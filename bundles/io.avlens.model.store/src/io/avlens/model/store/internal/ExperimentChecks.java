package io.avlens.model.store.internal;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.avlens.core.tensor.NpyDtype;
import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.Clip;
import io.avlens.model.ClipSelection;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Parameter;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;

/**
 * An experiment's constraints: a clip selection that holds together, well-formed parameters, and runs whose times,
 * artifacts and logs make sense (tensors in .npy files that exist).
 */
final class ExperimentChecks {

    private static final Set<String> NPY_DTYPES =
            Stream.of(NpyDtype.values()).map(NpyDtype::numpyName).collect(Collectors.toUnmodifiableSet());

    private final Problems problems;

    ExperimentChecks(Problems problems) {
        this.problems = problems;
    }

    void check(Experiment experiment) {
        if (experiment.getModels().isEmpty()) {
            problems.warning(experiment, "uses no model");
        }
        if (experiment.getSelection() != null) {
            checkSelection(experiment.getSelection());
        }
        problems.unique(experiment.getParameters(), Parameter::getName, "parameter name");
        for (Parameter parameter : experiment.getParameters()) {
            checkParameter(parameter);
        }
        experiment.getRuns().forEach(this::checkRun);
    }

    private void checkSelection(ClipSelection selection) {
        if (selection.getDataset() == null) {
            if (selection.getSplit() != null) {
                problems.error(selection, "selects a split but no dataset");
            }
            if (selection.getClips().isEmpty()) {
                problems.warning(selection, "selects no clips: give a dataset or clips");
            }
            return;
        }
        if (selection.getSplit() != null && selection.getSplit().eContainer() != selection.getDataset()) {
            problems.error(selection, "split '" + selection.getSplit().getName() + "' is not a split of dataset '"
                    + selection.getDataset().getName() + "'");
        }
        for (Clip clip : selection.getClips()) {
            if (clip.eContainer() != selection.getDataset()) {
                problems.error(selection, "clip '" + clip.getId() + "' is not in dataset '"
                        + selection.getDataset().getName() + "'");
            }
        }
    }

    private void checkParameter(Parameter parameter) {
        if (parameter instanceof RealParameter real && !Double.isFinite(real.getValue())) {
            problems.error(parameter, "value must be a finite number, not " + real.getValue());
        } else if (parameter instanceof RealListParameter list) {
            if (list.getValues().isEmpty()) {
                problems.warning(parameter, "is an empty list");
            }
            if (list.getValues().stream().anyMatch(v -> !Double.isFinite(v))) {
                problems.error(parameter, "values must be finite numbers, not " + list.getValues());
            }
        }
    }

    private void checkRun(Run run) {
        if (run.getStart() != null && run.getEnd() != null && run.getEnd().isBefore(run.getStart())) {
            problems.error(run, "ends (" + run.getEnd() + ") before it starts (" + run.getStart() + ")");
        }
        if ((run.getStatus() == RunStatus.SUCCEEDED || run.getStatus() == RunStatus.FAILED) && run.getEnd() == null) {
            problems.warning(run, "is " + run.getStatus().getLiteral() + " but has no end time");
        }
        if (run.getStatus() == RunStatus.FAILED && (run.getErrorMessage() == null || run.getErrorMessage().isBlank())) {
            problems.warning(run, "failed without an error message");
        }
        problems.existing(run, "log file", run.getLogLocation(), false);
        problems.unique(run.getMetrics(), Metric::getName, "metric name");
        for (Artifact artifact : run.getArtifacts()) {
            checkArtifact(artifact);
        }
    }

    private void checkArtifact(Artifact artifact) {
        problems.existing(artifact, "artifact file", artifact.getLocation(), false);
        String location = artifact.getLocation() == null ? "" : artifact.getLocation();
        boolean tensor = artifact.getKind() != ArtifactKind.AUDIO && artifact.getKind() != ArtifactKind.OTHER;
        if (tensor && !location.isBlank() && !location.endsWith(".npy")) {
            problems.error(artifact, "a " + artifact.getKind().getLiteral() + " artifact must be a NumPy .npy file"
                    + " (tensors never live in the project file), not '" + location + "'");
        }
        if (artifact.getKind() == ArtifactKind.AUDIO && !location.isBlank() && !location.endsWith(".wav")) {
            problems.warning(artifact, "an audio artifact is expected to be a .wav file, not '" + location + "'");
        }
        if (tensor && artifact.getDtype() != null && !NPY_DTYPES.contains(artifact.getDtype())) {
            problems.warning(artifact, "dtype '" + artifact.getDtype() + "' is not one AV Lens reads from .npy"
                    + " files (" + NPY_DTYPES.stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        for (int i = 0; i < artifact.getShape().size(); i++) {
            if (artifact.getShape().get(i) < 0) {
                problems.error(artifact, "shape dimension " + i + " must be ≥ 0, not " + artifact.getShape().get(i));
            }
        }
    }
}
