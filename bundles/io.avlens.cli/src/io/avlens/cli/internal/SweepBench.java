package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;

import com.google.gson.JsonObject;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.inference.InferenceException;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioReader;
import io.avlens.media.bench.BenchClip;
import io.avlens.models.BuiltinModels;
import io.avlens.models.difffoley.ClipCondition;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyDescriptor;
import io.avlens.models.difffoley.DiffFoleyGenerator;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleySweepTask;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.TaskException;

/**
 * {@code avlens bench --sweep}: the default 4 × 4 guidance grid (ω 1, 2.5, 4.5, 7 × γ 0, 25, 50, 100, 25 DPM steps,
 * one seed) of diff-foley-small (the installed weights, else untrained ones of its sizes: the same work) on a
 * generated 4 s 64 × 64 8 fps clip (AV-Shapes' format, no sidecar) through the sweep task, end to end (video features, the batched sampler,
 * Griffin-Lim, metrics, every cell's WAV, mel, MP4 and record); the same 16 cells' sampler one call per cell as the
 * unbatched baseline (once); and what a sound switch reads when a cell's sound is not in memory yet (one cell's WAV
 * decoded at 16 kHz). Medians of {@code --runs}. Stateless.
 */
final class SweepBench {

    private SweepBench() {
    }

    static JsonObject run(ParsedArguments arguments, CommandContext context, BuiltinModels builtin)
            throws CommandException {
        int runs = arguments.intValue("runs", 3, 1, 100);
        int threads = arguments.intValue("threads", 0, 0, 256);
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        Path temp = null;
        try {
            temp = Files.createTempDirectory("avlens-bench-sweep");
            var entry = Files.isDirectory(folder) ? ModelFolders.scan(folder).byId(DiffFoleyDescriptor.MODEL_ID)
                    : java.util.Optional.<io.avlens.inference.descriptor.ModelCatalog.Entry>empty();
            Path descriptor = entry.isPresent() ? entry.get().file()
                    : DiffFoleyWeights.random(DiffFoleyConfig.small(), temp.resolve("model"), 1);
            Path clip = BenchClip.write(temp.resolve("clip.mp4"), 64, 64, 8, 4);
            JsonObject o = new JsonObject();
            o.addProperty("model", entry.isPresent() ? descriptor.toString()
                    : "untrained (" + DiffFoleyDescriptor.MODEL_ID + " is not in " + folder + ")");
            o.addProperty("grid", "4 x 4, 25 dpm steps, 1 seed, 4 s clip");
            o.addProperty("runs", runs);
            try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.small(), threads)) {
                context.err().println("bench: a 4 x 4 sweep end to end, " + runs + " runs ...");
                double[] ms = new double[runs];
                Path cells = null;
                for (int r = 0; r < runs; r++) {
                    cells = Files.createDirectories(temp.resolve("sweep-" + r));
                    ClipInput input = new ClipInput("clip", clip, model.parts(), model.descriptor(), Map.of(),
                            GuidanceSettings.DEFAULT.seed(), cells);
                    long t0 = System.nanoTime();
                    new DiffFoleySweepTask(DjlInferenceServices.programEngine()).run(input,
                            new NullProgressMonitor());
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
                o.addProperty("sweepMedianMs", round(median(ms)));
                o.addProperty("sweepMinMs", round(Arrays.stream(ms).min().orElseThrow()));
                o.addProperty("sweepMaxMs", round(Arrays.stream(ms).max().orElseThrow()));
                context.err().println("bench: the same 16 cells' sampler one call per cell (baseline, once) ...");
                o.addProperty("samplerUnbatchedMs", round(unbatched(model, clip)));
                o.addProperty("samplerBatchedMs", round(batched(model, clip)));
                List<GeneratedSample> samples = GeneratedSample.list(cells);
                double[] load = new double[samples.size()];
                for (int i = 0; i < load.length; i++) {
                    long t0 = System.nanoTime();
                    AudioReader.read(samples.get(i).wav(cells), 16_000);
                    load[i] = (System.nanoTime() - t0) / 1e6;
                }
                o.addProperty("cellWavDecodeMedianMs", round(median(load)));
                o.addProperty("cellWavDecodeN", load.length);
            }
            JsonObject out = new JsonObject();
            out.add("sweep", o);
            return out;
        } catch (IOException | InferenceException | TaskException e) {
            throw new CommandException("bench --sweep: " + e.getMessage());
        } finally {
            FileTrees.deleteQuietly(temp);
        }
    }

    private static List<GuidanceSettings> grid() {
        return DiffFoleySweepTask.DEFAULT_OMEGAS.stream().flatMap(w -> DiffFoleySweepTask.DEFAULT_GAMMAS.stream()
                .map(g -> GuidanceSettings.DEFAULT.withScales(w, g))).toList();
    }

    private static double unbatched(DiffFoleyModel model, Path clip) throws IOException, InferenceException {
        ClipCondition condition = ClipCondition.decode(clip, model.descriptor().profile());
        long t0 = System.nanoTime();
        for (GuidanceSettings cell : grid()) {
            model.generator().generate(condition, DiffFoleyGenerator.clipName(clip), List.of(cell),
                    new NullProgressMonitor());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double batched(DiffFoleyModel model, Path clip) throws IOException, InferenceException {
        ClipCondition condition = ClipCondition.decode(clip, model.descriptor().profile());
        long t0 = System.nanoTime();
        model.generator().generate(condition, DiffFoleyGenerator.clipName(clip), grid(), new NullProgressMonitor());
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
