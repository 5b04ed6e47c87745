package io.avlens.runner.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.core.io.IoErrors;
import io.avlens.inference.InferenceException;
import io.avlens.inference.descriptor.ClipFacts;
import io.avlens.inference.descriptor.ContractChecker;
import io.avlens.inference.descriptor.ContractMismatch;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * One model on one clip: from the cache when it holds the result, else probe, contract check, model (loaded on
 * first need) and task, into a hidden {@code .<clip>.partial} folder renamed to the clip's folder when complete,
 * then into the cache. What is wrong with the clip gives a failed {@link ClipOutcome}; what is wrong with the model
 * (it does not load) is thrown, since every clip would fail the same way. Stateless apart from its collaborators.
 */
final class ClipComputation {

    /** What does not change from clip to clip of one model. */
    record ModelWork(ClipTask task, ModelRef model, String weightsSha256, ModelSession session,
            Map<String, Object> parameters, long seed) {
    }

    /**
     * What a clip that is not in the cache waits for before it is computed: the inference rule, taken once and held
     * by the caller until its work ends, so cached results never queue behind a training or another run.
     */
    interface Gate {
        /** A gate that is always open. */
        Gate OPEN = monitor -> { };

        /**
         * Returns once computing may start.
         *
         * @throws OperationCanceledException when cancelled while waiting
         */
        void enter(IProgressMonitor monitor);
    }

    private final FileHashes hashes;
    private final ResultCache cache;
    private final Gate gate;

    /**
     * @param cache the cache, or null for none
     * @param gate  entered before the first clip that must be computed
     */
    ClipComputation(FileHashes hashes, ResultCache cache, Gate gate) {
        this.hashes = hashes;
        this.cache = cache;
        this.gate = gate;
    }

    /**
     * Computes one clip into {@code target} (which must not exist yet).
     *
     * @param monitor one unit for the clip, one more when the model is loaded now
     * @param mediaSha256 receives the media file's SHA-256 when it could be read
     * @throws InferenceException when the model cannot be loaded
     * @throws OperationCanceledException when cancelled; nothing is left of the clip
     */
    ClipOutcome compute(ModelWork work, ClipRef clip, Path target, SubMonitor monitor,
            Map<String, String> mediaSha256) throws InferenceException {
        long t0 = System.nanoTime();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            try {
                MediaProbe.checkFile(clip.media()); // a named pipe or a device is refused before anything opens it
            } catch (MediaException e) {
                if (e.problem() != MediaException.Problem.NOT_FOUND) {
                    return failed(work, clip, t0, null, e.getMessage() + " (clip '" + clip.id() + "')");
                }
            }
            String media;
            try {
                media = hashes.sha256(clip.media(), cache == null ? null : cache.hashesFolder());
                mediaSha256.put(clip.media().toString(), media);
            } catch (NoSuchFileException e) {
                return failed(work, clip, t0, null, clip.media() + ": no such file (clip '" + clip.id()
                        + "'); restore it or import the dataset again");
            } catch (IOException e) {
                return failed(work, clip, t0, null, clip.media() + ": cannot be read (clip '" + clip.id() + "'): "
                        + IoErrors.describe(e));
            }
            String key;
            try {
                key = cache == null ? null : CacheKeys.key(work.task().kind(), work.task().version(),
                        work.model().descriptor(), work.weightsSha256(), media, inputs(work.task(), clip),
                        work.parameters(), work.seed());
            } catch (IOException e) {
                return failed(work, clip, t0, null, "a file beside " + clip.media() + " cannot be read (clip '"
                        + clip.id() + "'): " + IoErrors.describe(e));
            }
            Optional<ResultCache.Hit> hit = cache == null ? Optional.empty() : cache.lookup(key, clip.id());
            if (hit.isPresent()) {
                monitor.split(1);
                Files.createDirectories(partial);
                ResultCache.copyOut(hit.get(), partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return new ClipOutcome(work.model().id(), clip.id(), clip.media(), RunState.SUCCEEDED, true, target,
                        hit.get().result().artifacts(), hit.get().result().metrics(), hit.get().warnings(),
                        seconds(t0), key, null);
            }
            gate.enter(monitor);
            MediaInfo info;
            try {
                info = MediaProbe.probe(clip.media());
            } catch (MediaException e) {
                return failed(work, clip, t0, key, e.getMessage() + " (clip '" + clip.id() + "')");
            }
            List<ContractMismatch> mismatches = ContractChecker.check(work.model().descriptor(), facts(info));
            if (!ContractChecker.usable(mismatches)) {
                String errors = mismatches.stream().filter(m -> m.severity() == ContractMismatch.Severity.ERROR)
                        .map(ContractMismatch::message).collect(Collectors.joining("; "));
                return failed(work, clip, t0, key, "model " + work.model().id() + " cannot take clip '" + clip.id()
                        + "' (" + clip.media() + "): " + errors + ". Leave the clip out of the experiment or use"
                        + " a model whose profile fits it (see `avlens check --model " + work.model().id()
                        + " --clip FILE`)");
            }
            List<String> warnings = new ArrayList<>(mismatches.stream().map(ContractMismatch::message).toList());
            ModelParts model = work.session().isLoaded() ? work.session().get(null)
                    : work.session().get(monitor.split(1));
            Files.createDirectories(partial);
            ClipResult result;
            try {
                result = work.task().run(new ClipInput(clip.id(), clip.media(), model, work.model().descriptor(),
                        work.parameters(), work.seed(), partial), monitor.split(1));
            } catch (TaskException e) {
                return failed(work, clip, t0, key, e.getMessage());
            } catch (RuntimeException e) {
                if (e instanceof OperationCanceledException) {
                    throw e;
                }
                return failed(work, clip, t0, key, "the " + work.task().kind() + " task failed on clip '" + clip.id()
                        + "' (" + clip.media() + ") with model " + work.model().id() + ": " + e
                        + "; this is a bug, please report it with run.json");
            }
            for (TaskArtifact a : result.artifacts()) {
                if (!Files.isRegularFile(partial.resolve(a.file()))) {
                    return failed(work, clip, t0, key, "the " + work.task().kind() + " task reported " + a.file()
                            + " for clip '" + clip.id() + "' but did not write it; this is a bug, please report it");
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            if (cache != null) {
                try {
                    cache.store(key, target, result, warnings);
                } catch (IOException e) {
                    warnings.add("the result was not cached: " + IoErrors.describe(e));
                }
            }
            return new ClipOutcome(work.model().id(), clip.id(), clip.media(), RunState.SUCCEEDED, false, target,
                    result.artifacts(), result.metrics(), warnings, seconds(t0), key, null);
        } catch (IOException e) {
            return failed(work, clip, t0, null, target + ": cannot write the results of clip '" + clip.id() + "': "
                    + IoErrors.describe(e) + "; check the free space and permissions of the project folder");
        } finally {
            FileTrees.deleteQuietly(partial);
        }
    }

    /**
     * SHA-256 of each file the task reads besides the media, by its path relative to the media's folder;
     * {@code absent} for one that is not there.
     */
    static Map<String, String> inputs(ClipTask task, ClipRef clip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path folder = clip.media().toAbsolutePath().getParent();
        for (Path input : task.inputs(clip.media().toAbsolutePath())) {
            Path file = input.toAbsolutePath().normalize();
            String name = folder != null && file.startsWith(folder) ? folder.relativize(file).toString()
                    : file.toString();
            out.put(name, Files.isRegularFile(file) ? FileHashes.digestOf(file) : "absent");
        }
        return out;
    }

    /** What the contract checker needs from a probe. */
    static ClipFacts facts(MediaInfo info) {
        ClipFacts.Video v = info.hasVideo()
                ? new ClipFacts.Video(info.video().fps(), info.video().width(), info.video().height()) : null;
        ClipFacts.Audio a = info.hasAudio() ? new ClipFacts.Audio(info.audio().sampleRate(), info.audio().channels())
                : null;
        return new ClipFacts(info.path().getFileName().toString(), info.durationSeconds(), v, a);
    }

    private static ClipOutcome failed(ModelWork work, ClipRef clip, long t0, String key, String message) {
        return new ClipOutcome(work.model().id(), clip.id(), clip.media(), RunState.FAILED, false, null, List.of(),
                Map.of(), List.of(), seconds(t0), key, message);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
