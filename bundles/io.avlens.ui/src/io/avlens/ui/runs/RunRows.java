package io.avlens.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Run;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * What the Runs view lists, read from the open projects: every run of every experiment, in project, experiment and
 * run order, and the names of the metrics any of them has (one column each). UI thread (EMF objects).
 */
public final class RunRows {

    private RunRows() {
    }

    /** The runs of all open projects. */
    public static List<Run> runs(ProjectSessions sessions) {
        List<Run> runs = new ArrayList<>();
        for (ProjectSession session : sessions.all()) {
            for (Experiment experiment : session.project().getExperiments()) {
                runs.addAll(experiment.getRuns());
            }
        }
        return runs;
    }

    /** The metric names the runs have, sorted. */
    public static List<String> metricNames(List<Run> runs) {
        TreeSet<String> names = new TreeSet<>();
        for (Run run : runs) {
            for (Metric metric : run.getMetrics()) {
                if (metric.getName() != null) {
                    names.add(metric.getName());
                }
            }
        }
        return List.copyOf(names);
    }

    /** The value of a run's metric, if it has one of that name (the first, when a name repeats). */
    public static Optional<Double> metric(Run run, String name) {
        return run.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst().map(Metric::getValue);
    }

    /** The experiment a run belongs to: its reference, else its container. */
    public static Experiment experimentOf(Run run) {
        if (run.getExperiment() != null) {
            return run.getExperiment();
        }
        return run.eContainer() instanceof Experiment experiment ? experiment : null;
    }
}
