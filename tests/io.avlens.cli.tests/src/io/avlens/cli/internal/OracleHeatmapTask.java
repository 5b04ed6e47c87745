package io.avlens.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.Prompt;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/**
 * A heatmap task of the {@code fixture} family that knows the answer: from an AV-Shapes clip's masks and sidecar it
 * writes dense features (2 heads, one channel per object, 16 × 16, 16 audio steps per second) whose head 0 lights an
 * object while it sounds and head 1 while a word names it; so the localisation figures and selectivities are known.
 */
final class OracleHeatmapTask implements ClipTask {

    static final int SIDE = 16;
    static final double AUDIO_RATE = 16;

    @Override
    public String kind() {
        return "heatmap";
    }

    @Override
    public boolean supports(String family) {
        return family.equals("fixture");
    }

    @Override
    public String version() {
        return "oracle-2";
    }

    @Override
    public List<Path> inputs(Path media) {
        return List.of(media.resolveSibling(ModelTasks.clipId(media) + ".json"),
                media.resolveSibling(ModelTasks.clipId(media) + ".masks.npy"));
    }

    @Override
    public ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException {
        try {
            String name = ModelTasks.clipId(input.media());
            JsonObject sidecar = JsonParser.parseString(Files.readString(input.media().resolveSibling(name + ".json")))
                    .getAsJsonObject();
            NpyArray masks = Npy.read(input.media().resolveSibling(name + ".masks.npy"));
            int frames = masks.shape()[0];
            int size = masks.shape()[1];
            int objects = sidecar.getAsJsonArray("objects").size();
            float[] image = new float[frames * 2 * objects * SIDE * SIDE];
            for (int f = 0; f < frames; f++) {
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int id = (int) masks.getLong((f * size + y * size / SIDE + size / SIDE / 2) * size
                                + x * size / SIDE + size / SIDE / 2);
                        for (int k = 0; k < 2 && id > 0; k++) {
                            image[(((f * 2 + k) * objects + id - 1) * SIDE + y) * SIDE + x] = 1;
                        }
                    }
                }
            }
            int steps = (int) Math.round(sidecar.get("seconds").getAsDouble() * AUDIO_RATE);
            float[] audio = new float[2 * objects * steps];
            TimeBase audioTime = TimeBase.ofRate(AUDIO_RATE);
            for (Prompt p : AvShapesPrompts.of(sidecar)) {
                int k = p.kind() == Prompt.Kind.SOUND ? 0 : 1;
                for (int t = 0; t < steps; t++) {
                    double s = audioTime.timeOf(t);
                    if (s >= p.audioFrom() && s <= p.audioTo()) {
                        audio[(k * objects + p.objectId() - 1) * steps + t] = 1;
                    }
                }
            }
            boolean[] voiced = new boolean[steps];
            java.util.Arrays.fill(voiced, true);
            DenseFeatures features = DenseFeatures.of(FloatTensor.of(new int[] {frames, 2, objects, SIDE, SIDE},
                    image), FloatTensor.of(new int[] {2, objects, 1, steps}, audio), voiced,
                    TimeBase.ofRate(sidecar.get("fps").getAsDouble()), audioTime);
            DenseFeatureFiles.write(input.outputFolder(), features);
            // every file is an artifact, so the runner's cache keeps them all
            return new ClipResult(input.clipId(), List.of(
                    new TaskArtifact("denseImage", "denseImage", DenseFeatureFiles.IMAGE,
                            new int[] {frames, 2, objects, SIDE, SIDE}, "float32"),
                    new TaskArtifact("denseAudio", "denseAudio", DenseFeatureFiles.AUDIO,
                            new int[] {2, objects, 1, steps}, "float32"),
                    new TaskArtifact("denseVoiced", "denseVoiced", DenseFeatureFiles.VOICED, new int[] {steps},
                            "bool"),
                    new TaskArtifact("denseTimes", "denseTimes", DenseFeatureFiles.TIMES, new int[0], "json")),
                    Map.of("frames", (double) frames));
        } catch (Exception e) {
            throw new TaskException(input.media() + ": " + e.getMessage(), e);
        }
    }
}
