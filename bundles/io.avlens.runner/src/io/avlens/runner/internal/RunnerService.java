package io.avlens.runner.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.InferenceRule;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.DatasetTask;

/**
 * The {@link ModelRunner} service: {@link ClipTask}s and {@link InferenceService}s come and go through DS
 * (dynamic, so a model bundle can be installed while AV Lens runs), runs go through {@link RunExecution}. The
 * inference rule is taken only when a clip must be computed (cached results never queue); single-clip computations
 * share a small {@link ModelPool}, so a viewer going from clip to clip loads its model once.
 */
@Component(service = ModelRunner.class)
public class RunnerService implements ModelRunner {

    /** The symbolic name of this bundle, for job statuses. */
    static final String BUNDLE = "io.avlens.runner";

    /** Models kept loaded for single-clip computations. */
    static final int POOLED_MODELS = 2;
    /** How long a pooled model is kept unused. */
    static final Duration POOL_IDLE = Duration.ofMinutes(5);

    private final RankedServices services = new RankedServices();
    private final FileHashes hashes = new FileHashes();
    private final InferenceRule rule = new InferenceRule();
    private final ModelPool pool = new ModelPool(POOLED_MODELS, POOL_IDLE);
    private final ScratchArea scratchArea;

    /** For DS and tests (add services with the bind methods). */
    public RunnerService() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * With the folder under which this runner's {@link ScratchArea} (single clips computed without a cache) is
     * made (tests).
     */
    RunnerService(Path tempFolder) {
        this.scratchArea = new ScratchArea(tempFolder);
    }

    /** Closes the models kept loaded and deletes this runner's scratch area. */
    @Deactivate
    void deactivate() {
        pool.close();
        scratchArea.close();
    }

    /** A task appears (whiteboard). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addTask(ClipTask task) {
        services.addTask(task);
    }

    /** A task goes. */
    public void removeTask(ClipTask task) {
        services.removeTask(task);
    }

    /** A dataset-level task appears (whiteboard). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDatasetTask(DatasetTask task) {
        services.addDatasetTask(task);
    }

    /** A dataset-level task goes. */
    public void removeDatasetTask(DatasetTask task) {
        services.removeDatasetTask(task);
    }

    /** An inference service appears; the highest {@code service.ranking} is preferred. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addInferenceService(InferenceService service, Map<String, Object> properties) {
        services.addInference(service, properties);
    }

    /** An inference service goes. */
    public void removeInferenceService(InferenceService service) {
        services.removeInference(service);
        pool.forget(service);
    }

    @Override
    public ISchedulingRule schedulingRule() {
        return rule;
    }

    @Override
    public RunOutcome run(RunSnapshot snapshot, RunSettings settings, IProgressMonitor monitor) {
        try (RuleGate gate = new RuleGate(rule)) {
            return new RunExecution(services, hashes, gate).run(snapshot, settings, monitor);
        }
    }

    @Override
    public Job runJob(RunSnapshot snapshot, RunSettings settings, Consumer<RunOutcome> onDone) {
        Job job = Job.create("Run " + snapshot.experimentId(), monitor -> {
            RunOutcome outcome = run(snapshot, settings, monitor);
            if (onDone != null) {
                onDone.accept(outcome);
            }
            return switch (outcome.state()) {
                case SUCCEEDED -> Status.OK_STATUS;
                case CANCELLED -> Status.CANCEL_STATUS;
                case FAILED -> Status.error("Run " + outcome.runId() + " failed: " + outcome.message());
            };
        });
        job.setUser(true);
        return job;
    }

    @Override
    public ClipOutcome runClip(ClipRequest request, RunSettings settings, IProgressMonitor monitor) {
        try (RuleGate gate = new RuleGate(rule)) {
            return computeClip(request, settings, monitor, gate);
        }
    }

    @Override
    public Job clipJob(ClipRequest request, RunSettings settings, Consumer<ClipOutcome> onDone) {
        Job job = Job.create(request.kind() + " of " + request.clip().id(), monitor -> {
            ClipOutcome outcome = runClip(request, settings, monitor);
            if (onDone != null) {
                onDone.accept(outcome);
            }
            return switch (outcome.state()) {
                case SUCCEEDED -> Status.OK_STATUS;
                case CANCELLED -> Status.CANCEL_STATUS;
                case FAILED -> new Status(IStatus.ERROR, BUNDLE, outcome.message());
            };
        });
        job.setSystem(false);
        return job;
    }

    private ClipOutcome computeClip(ClipRequest request, RunSettings settings, IProgressMonitor monitor,
            RuleGate gate) {
        SubMonitor sub = SubMonitor.convert(monitor, request.kind() + " of " + request.clip().id(), 2);
        ResultCache cache = settings.cacheFolder() == null ? null : new ResultCache(settings.cacheFolder());
        Path scratch = null;
        Path result = null;
        try {
            ClipTask task = services.task(request.kind(), request.model().family());
            if (task == null) {
                return failed(request, "no " + request.kind() + " task is installed for model "
                        + request.model().id() + " of family '" + request.model().family() + "'");
            }
            PartWeights weights;
            try {
                weights = PartWeights.of(request.model(), hashes, cache == null ? null : cache.hashesFolder());
            } catch (PartWeights.Mismatch e) {
                return failed(request, e.getMessage());
            }
            String sha = weights.sha256();
            // without a cache the result's folder is a new temporary folder of its own (the caller deletes it);
            // with one, the clip is computed in the cache's tmp/ and the outcome points at the cache entry
            scratch = cache == null ? scratchArea.newFolder("clip-")
                    : Files.createDirectories(settings.cacheFolder().resolve("tmp"))
                            .resolve("clip-" + UUID.randomUUID());
            Files.createDirectories(scratch);
            Path target = scratch.resolve(Folders.safeName(request.clip().id()));
            if (cache == null) {
                Files.delete(scratch);
                target = scratch;
            }
            try (ModelSession session = new ModelSession(request.model(), settings,
                    services.choose(settings.requestedDevice()), pool, weights)) {
                var work = new ClipComputation.ModelWork(task, request.model(), sha, session,
                        TaskParameters.read(task, request.parameters()),
                        request.seed());
                Map<String, String> media = new HashMap<>();
                ClipOutcome outcome = new ClipComputation(hashes, cache, gate).compute(work, request.clip(), target,
                        sub, media);
                if (cache == null) {
                    result = outcome.folder();
                    return outcome;
                }
                Path entry = outcome.state() == RunState.SUCCEEDED ? cache.entryFolder(outcome.cacheKey()) : null;
                if (entry == null || !Files.isDirectory(entry)) {
                    return outcome;
                }
                return new ClipOutcome(outcome.modelId(), outcome.clipId(), outcome.media(), outcome.state(),
                        outcome.cached(), entry, outcome.artifacts(), outcome.metrics(), outcome.warnings(),
                        outcome.seconds(), outcome.cacheKey(), null);
            }
        } catch (OperationCanceledException e) {
            return new ClipOutcome(request.model().id(), request.clip().id(), request.clip().media(),
                    RunState.CANCELLED, false, null, List.of(), Map.of(), List.of(), 0, null, "cancelled");
        } catch (InferenceException e) {
            return failed(request, "model " + request.model().id() + " cannot be loaded: " + e.getMessage());
        } catch (IOException e) {
            return failed(request, "cannot compute clip '" + request.clip().id() + "': " + e.getMessage());
        } finally {
            if (scratch != null && !scratch.equals(result)) {
                FileTrees.deleteQuietly(scratch);
            }
        }
    }

    private static ClipOutcome failed(ClipRequest request, String message) {
        return new ClipOutcome(request.model().id(), request.clip().id(), request.clip().media(), RunState.FAILED,
                false, null, List.of(), Map.of(), List.of(), 0, null, message);
    }
}
