package io.avlens.runner.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.InferenceException;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipFailure;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * A real task on the fixture model (TorchScript conv net, frames [B,3,16,16] → L2-normalised embedding [B,4]):
 * decodes the clip at 8 fps 16×16, runs the model in batches of {@value #BATCH} frames (checking the monitor
 * between them) and writes {@code embedding.npy} [T, 4]; reads the clip's sidecar, when there is one, for a truth
 * metric. Counts its calls and lets a test act at the start of each.
 */
final class FrameEmbeddingTask implements ClipTask {

    static final int BATCH = 8;
    static final VideoSpec FRAMES = new VideoSpec(8, 16, 16, FrameFit.CENTER_CROP);

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    volatile Consumer<ClipInput> onStart = in -> { };

    @Override
    public String kind() {
        return "embedding";
    }

    @Override
    public boolean supports(String family) {
        return family.equals("fixture");
    }

    @Override
    public String version() {
        return "1";
    }

    /** The frames of a clip as the model takes them, [T, 3, 16, 16]. */
    static FloatTensor frames(java.nio.file.Path media) throws MediaException {
        FloatTensor t = new FrameReader(FRAMES).read(media).tensor();
        int n = t.dim(0);
        int h = t.dim(1);
        int w = t.dim(2);
        float[] chw = new float[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        chw[((i * 3 + c) * h + y) * w + x] = t.get(i, y, x, c);
                    }
                }
            }
        }
        return FloatTensor.of(new int[] {n, 3, h, w}, chw);
    }

    @Override
    public List<io.avlens.runner.task.ParameterSpec> parameters() {
        return List.of(io.avlens.runner.task.ParameterSpec.real("scale", 1.0, null, null,
                "copied into the metric 'scale'"));
    }

    /** {@code <clip>.json} beside the media: its {@code lagSeconds} becomes the metric {@code trueLagSeconds}. */
    @Override
    public List<java.nio.file.Path> inputs(java.nio.file.Path media) {
        return List.of(sidecar(media));
    }

    static java.nio.file.Path sidecar(java.nio.file.Path media) {
        return media.resolveSibling(media.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".json");
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        calls.incrementAndGet();
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            onStart.accept(input);
            FloatTensor frames = frames(input.media());
            int n = frames.dim(0);
            int batches = (n + BATCH - 1) / BATCH;
            SubMonitor sub = SubMonitor.convert(monitor, batches);
            float[] out = new float[n * 4];
            for (int b = 0; b < batches; b++) {
                if (sub.isCanceled()) {
                    throw new OperationCanceledException();
                }
                int from = b * BATCH;
                int count = Math.min(BATCH, n - from);
                float[] part = new float[count * 3 * 16 * 16];
                System.arraycopy(frames.toArray(), from * part.length / count, part, 0, part.length);
                FloatTensor y = input.model().forward(Map.of("frames", FloatTensor.of(new int[] {count, 3, 16, 16},
                        part))).get("embedding");
                System.arraycopy(y.toArray(), 0, out, from * 4, count * 4);
                sub.worked(1);
            }
            FloatTensor embedding = FloatTensor.of(new int[] {n, 4}, out);
            Npy.write(input.outputFolder().resolve("embedding.npy"), embedding);
            Map<String, Double> metrics = new HashMap<>();
            metrics.put("frames", (double) n);
            metrics.put("scale", input.real("scale", 1.0));
            java.nio.file.Path sidecar = sidecar(input.media());
            if (java.nio.file.Files.isRegularFile(sidecar)) {
                metrics.put("trueLagSeconds", com.google.gson.JsonParser.parseString(java.nio.file.Files
                        .readString(sidecar)).getAsJsonObject().get("lagSeconds").getAsDouble());
            }
            return new ClipResult(input.clipId(), List.of(new TaskArtifact("embedding", "embedding",
                    "embedding.npy", new int[] {n, 4}, "float32")), metrics);
        } catch (MediaException e) {
            throw new TaskException(e.getMessage(), e);
        } catch (InferenceException e) {
            throw new TaskException(input.media() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TaskException(input.outputFolder() + ": " + e.getMessage(), e);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public Map<String, Double> summarize(List<ClipResult> results) {
        return Map.of("totalFrames", results.stream().mapToDouble(r -> r.metrics().get("frames")).sum());
    }

    /** Also {@code failuresSeen}, when some clips failed: the failures reach the summary, named with the reason. */
    @Override
    public Map<String, Double> summarize(List<ClipResult> succeeded, List<ClipFailure> failed) {
        Map<String, Double> m = new HashMap<>(summarize(succeeded));
        if (!failed.isEmpty()) {
            boolean named = failed.stream().allMatch(f -> f.message() != null
                    && f.message().contains(f.media().getFileName().toString()));
            m.put("failuresSeen", named ? failed.size() : -1.0);
        }
        return m;
    }
}
