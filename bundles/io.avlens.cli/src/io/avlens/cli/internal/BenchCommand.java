package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.djl.bench.InferenceOverheadBenchmark;
import io.avlens.inference.djl.bench.ProgramLoopBenchmark;
import io.avlens.models.BuiltinModels;
import io.avlens.media.MediaException;
import io.avlens.media.bench.BenchClip;
import io.avlens.media.bench.DecodeBenchmark;
import io.avlens.media.bench.DspBenchmark;

/**
 * {@code avlens bench}: measures the media layer against references run in the same process and moment: decoding
 * to a model profile against the {@code ffmpeg} command line's plain decode of the same file, log-mel spectrograms
 * against real time, Griffin-Lim against the clip length. Prints the numbers; never judges them.
 */
@Component(service = CliCommand.class)
public class BenchCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("bench",
            "measure decoding, log-mel and Griffin-Lim speed against references run alongside",
            """
            Prints {"decode": {"file", "profile", "threads", "sourceFrames", "readerFramesPerSecond",
            "cliFramesPerSecond", "ratio", "reference"}, "logMel": {"profile", "realTimeFactor", ...},
            "griffinLim": {"iterations", "audioSeconds", "milliseconds"}}. Without --file a 10 s 640x360 30 fps
            H.264 clip is written to a temporary folder and decoded. The reference decoder is the ffmpeg command
            line on PATH. A short file is decoded repeatedly ("readerRepeats", "cliRepeats"; ffmpeg with
            -stream_loop) so each timing covers at least 1 s of work, as do log-mel and Griffin-Lim ("repeats");
            "ratio" is null, with the reason in "ratioNote", without a reference or when a time is still below its
            resolution. Decoding uses --threads decoder threads on both sides (default 1: one core each); log-mel
            and Griffin-Lim run on one thread.
            With --inference, --similarity and/or --program only those run instead: "inference" compares one
            forward call of a tiny TorchScript model through the inference service with calling DJL directly
            (after a warm-up, both with autograd off and the same libtorch threads; {"serviceMicros",
            "directMicros", "ratio", "gradMode", "threads", "interopThreads", "sameConditions"}); "similarity"
            times cavp-small's features, similarity volume and sync estimate for a 10 s clip (80 steps, decoded
            inputs) through the service ({"medianMs", "p95Ms"} over --runs timed runs after 5 untimed ones);
            "program" times a 25-step sampler loop on the tiny model written as an engine program against the same
            loop written directly on DJL ({"programMs", "directMs", "ratio", "maxAbsDifference"}).
            With --heatmap: "heatmap": {"features": denseav-small's forward passes for a 10 s clip at its profile
            (random inputs, the sound in one call and the frames 32 per call, as its heatmap task calls it;
            {"medianMs", "p95Ms"}, or "skipped" with the reason when the model is not installed), "instant": one
            new heatmap instant (the heads' maximum at one frame and audio step, features of DenseAV-small's shape:
            2 heads x 16 channels, 16x16, 8 frequencies) coloured and blended over a 1920x1080 ARGB picture
            ({"medianMs", "p95Ms", "referenceMedianMs", "ratio"}: the reference computes the same heatmap in the
            official order, per frequency then the mean, in this process; "heatmapMedianMs" and
            "referenceHeatmapMedianMs": the heatmap alone, without the blend), "memory": bytes the features of a 5 s
            and a 10 s clip hold against the bytes of their materialised [frames, heads, h, w, t] volume}.
            """ + ProjectionBench.HELP,
            List.of(OptionSpec.optional("file", "VIDEO", "decode this video instead of the generated clip"),
                    OptionSpec.optional("profile", "ID", "preprocessing profile (default avshapes-small)"),
                    OptionSpec.optional("runs", "N", "timed runs per measurement (default 5)"),
                    OptionSpec.optional("threads", "N", "decoder threads, 0 = one per core (default 1)"),
                    OptionSpec.flag("inference", "measure the inference service against direct DJL calls"),
                    OptionSpec.flag("similarity", "measure cavp-small features + similarity volume for a 10 s clip"),
                    OptionSpec.flag("program", "measure a 25-step loop as an engine program against direct DJL"),
                    OptionSpec.flag("heatmap", "measure denseav-small features, one heatmap instant at 1920x1080 and"
                            + " the memory of a clip's features"),
                    OptionSpec.flag("generate", "time one 25-step double-guided diff-foley-small sample and a batch of 4, by phase"),
                    OptionSpec.flag("sweep", "time a 4 x 4 guidance sweep of a 4 s clip end to end, batched vs one cell per call"),
                    OptionSpec.flag("knn", "exact k-NN (1M x 128) vs FAISS and NumPy run alongside; approximate index speed and recall@10"),
                    OptionSpec.optional("models", "DIR", "the models folder for --similarity (default "
                            + "$AVLENS_DATA/models)"),
                    OptionSpec.flag("projection", "measure PCA and UMAP against scikit-learn and umap-learn"),
                    OptionSpec.optional("points", "N", "points for --projection (default 100000, 64-D clustered)"),
                    OptionSpec.optional("table", "DIR", "project this embedding table's vectors for --projection")),
            List.of());

    private volatile InferenceService inference;
    /** The shipped models, put into the models folder before it is read. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public BenchCommand() {
    }

    /** With given services (tests). */
    BenchCommand(InferenceService inference, BuiltinModels builtin) {
        this.inference = inference;
        this.builtin = builtin;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setInference(InferenceService service) {
        this.inference = service;
    }

    void unsetInference(InferenceService service) {
        if (this.inference == service) {
            this.inference = null;
        }
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        if (arguments.flag("sweep")) {
            context.printJson(SweepBench.run(arguments, context, builtin));
            return 0;
        }
        if (arguments.flag("generate")) {
            context.printJson(GenerationBench.run(arguments, context, builtin));
            return 0;
        }
        if (arguments.flag("knn")) {
            return KnnBench.run(arguments, context);
        }
        if (arguments.flag("projection")) {
            context.printJson(ProjectionBench.run(arguments, context));
            return 0;
        }
        if (arguments.flag("inference") || arguments.flag("similarity") || arguments.flag("program")
                || arguments.flag("heatmap")) {
            return runInference(arguments, context);
        }
        String profileId = arguments.value("profile", Profiles.AVSHAPES_SMALL.id());
        PreprocessingProfile profile = Profiles.byId(profileId).orElseThrow(() -> new CommandException(
                "unknown profile " + profileId + "; known: " + Profiles.all().stream().map(PreprocessingProfile::id)
                        .toList()));
        if (profile.video() == null || profile.mel() == null) {
            throw new CommandException("profile " + profileId + " has no frames or no mel spectrogram to measure");
        }
        int runs = arguments.intValue("runs", 5, 1, 1000);
        int threads = arguments.intValue("threads", 1, 0, 256);
        String file = arguments.value("file", null);
        Path temp = null;
        try {
            Path video;
            if (file == null) {
                temp = Files.createTempDirectory("avlens-bench");
                context.err().println("bench: writing a 10 s 640x360 30 fps H.264 clip to " + temp);
                video = BenchClip.write(temp.resolve("bench.mp4"), 640, 360, 30, 10);
            } else {
                video = context.resolve(file);
            }
            context.err().println("bench: decoding " + video.getFileName() + " to " + profile.id() + " ...");
            DecodeBenchmark.Result decode = DecodeBenchmark.run(video, profile.video(), threads, runs);
            context.err().println("bench: log-mel and Griffin-Lim ...");
            DspBenchmark.Result dsp = DspBenchmark.run(profile, runs, 32);

            JsonObject json = new JsonObject();
            JsonObject d = new JsonObject();
            d.addProperty("file", decode.file());
            d.addProperty("profile", profile.id());
            d.addProperty("threads", decode.threads());
            d.addProperty("runs", decode.runs());
            d.addProperty("sourceFrames", decode.sourceFrames());
            d.addProperty("readerRepeats", decode.readerRepeats());
            d.addProperty("readerFramesPerSecond", finite(decode.readerFramesPerSecond()));
            d.addProperty("cliRepeats", decode.cliRepeats());
            d.addProperty("cliFramesPerSecond", finite(decode.cliFramesPerSecond()));
            d.addProperty("ratio", finite(decode.ratio()));
            if (decode.ratioNote() != null) {
                d.addProperty("ratioNote", decode.ratioNote());
            }
            d.addProperty("reference", decode.reference());
            json.add("decode", d);
            JsonObject m = new JsonObject();
            m.addProperty("profile", dsp.profile());
            m.addProperty("audioSeconds", dsp.melAudioSeconds());
            m.addProperty("repeats", dsp.melRepeats());
            m.addProperty("milliseconds", round(dsp.melMedianSeconds() * 1000));
            m.addProperty("realTimeFactor", round(dsp.melRealTimeFactor()));
            json.add("logMel", m);
            JsonObject g = new JsonObject();
            g.addProperty("iterations", dsp.griffinLimIterations());
            g.addProperty("audioSeconds", dsp.griffinLimSeconds());
            g.addProperty("repeats", dsp.griffinLimRepeats());
            g.addProperty("milliseconds", round(dsp.griffinLimMedianSeconds() * 1000));
            json.add("griffinLim", g);
            context.printJson(json);
            context.err().println(String.format(Locale.ROOT,
                    "bench: decode %s, log-mel %.0fx real time, Griffin-Lim %.1f ms",
                    decode.ratioNote() == null ? String.format(Locale.ROOT, "%.2fx the ffmpeg command line",
                            decode.ratio()) : "not compared (" + decode.ratioNote() + ")",
                    dsp.melRealTimeFactor(), dsp.griffinLimMedianSeconds() * 1000));
            return 0;
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException("bench: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("bench: interrupted");
        } finally {
            FileTrees.deleteQuietly(temp);
        }
    }

    private int runInference(ParsedArguments arguments, CommandContext context) throws CommandException {
        InferenceService service = inference;
        if (service == null) {
            throw new CommandException("bench: no inference service is installed", CommandException.INTERNAL, null);
        }
        JsonObject json = new JsonObject();
        try {
            if (arguments.flag("inference")) {
                int runs = arguments.intValue("runs", 9, 1, 1000);
                context.err().println("bench: inference service vs direct DJL, " + runs + " runs ...");
                InferenceOverheadBenchmark.Result r = InferenceOverheadBenchmark.runTiny(service, runs, 2000);
                JsonObject o = new JsonObject();
                o.addProperty("model", r.model());
                JsonArray shape = new JsonArray();
                for (int d : r.inputShape()) {
                    shape.add(d);
                }
                o.add("inputShape", shape);
                o.addProperty("runs", r.runs());
                o.addProperty("callsPerRun", r.callsPerRun());
                o.addProperty("serviceMicros", round(r.serviceMicros()));
                o.addProperty("directMicros", round(r.directMicros()));
                o.addProperty("ratio", finite(r.serviceMicros() / r.directMicros()));
                o.addProperty("gradMode", r.direct().gradMode());
                o.addProperty("threads", r.direct().threads());
                o.addProperty("interopThreads", r.direct().interopThreads());
                o.addProperty("sameConditions", r.service().equals(r.direct()));
                json.add("inference", o);
            }
            if (arguments.flag("program")) {
                int runs = arguments.intValue("runs", 9, 1, 1000);
                context.err().println("bench: 25-step loop as an engine program vs direct DJL, " + runs + " runs ...");
                ProgramLoopBenchmark.Result r = ProgramLoopBenchmark.runTiny(service, runs, 40);
                JsonObject o = new JsonObject();
                o.addProperty("model", r.model());
                o.addProperty("steps", r.steps());
                o.addProperty("runs", r.runs());
                o.addProperty("loopsPerRun", r.loopsPerRun());
                o.addProperty("programMs", round(r.programMillis()));
                o.addProperty("directMs", round(r.directMillis()));
                o.addProperty("ratio", round(r.ratio()));
                o.addProperty("maxAbsDifference", r.maxAbsDifference());
                json.add("program", o);
            }
            if (arguments.flag("similarity")) {
                int runs = arguments.intValue("runs", 30, 1, 1000);
                Path folder = ModelFolders.folder(arguments, context);
                ModelFolders.installBuiltins(folder, builtin, context);
                ModelTasks.Found found = ModelTasks.find("cavp-small", folder, context);
                context.err().println("bench: cavp-small features + similarity volume, 10 s clip, " + runs
                        + " runs ...");
                try (LoadedModel model = ModelTasks.load(service, found)) {
                    json.add("similarity", similarityTimes(model, found.descriptor().profile(), runs));
                }
            }
            if (arguments.flag("heatmap")) {
                json.add("heatmap", heatmap(arguments, context, service));
            }
        } catch (InferenceException e) {
            throw new CommandException("bench: " + e.getMessage());
        } catch (IOException e) {
            throw new CommandException("bench: " + e.getMessage());
        }
        context.printJson(json);
        return 0;
    }

    private JsonObject heatmap(ParsedArguments arguments, CommandContext context, InferenceService service)
            throws CommandException, InferenceException {
        int runs = arguments.intValue("runs", 30, 1, 1000);
        JsonObject o = new JsonObject();
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        ModelTasks.Found found = null;
        try {
            found = ModelTasks.find("denseav-small", folder, context);
            found.ref();
        } catch (CommandException e) {
            JsonObject skipped = new JsonObject();
            skipped.addProperty("skipped", e.getMessage());
            o.add("features", skipped);
            found = null;
        }
        if (found != null) {
            context.err().println("bench: denseav-small features of a 10 s clip, " + runs + " runs ...");
            try (LoadedModel model = ModelTasks.load(service, found)) {
                o.add("features", HeatmapBench.features(model, found.descriptor().profile(), runs));
            }
        }
        context.err().println("bench: one heatmap instant at 1920x1080, " + runs + " runs ...");
        o.add("instant", HeatmapBench.instant(2, 16, 16, 8, runs));
        o.add("memory", HeatmapBench.memory(2, 16, 16, 8, 8, 8));
        return o;
    }

    /** Median and 95th percentile of features + volume + sync estimate for 10 s of random inputs at the profile. */
    private static JsonObject similarityTimes(LoadedModel model, PreprocessingProfile profile, int runs)
            throws InferenceException {
        double fps = profile.video().fps();
        int steps = (int) Math.round(10 * fps);
        int k = (int) Math.round(profile.melFramesPerSecond() / fps);
        int bins = profile.mel().bins();
        int h = profile.video().height();
        int w = profile.video().width();
        java.util.Random random = new java.util.Random(1);
        float[] mel = new float[bins * steps * k];
        float[] frames = new float[steps * h * w * 3];
        for (int i = 0; i < mel.length; i++) {
            mel[i] = random.nextFloat();
        }
        for (int i = 0; i < frames.length; i++) {
            frames[i] = random.nextFloat();
        }
        java.util.Map<String, FloatTensor> inputs = java.util.Map.of(
                "mel", FloatTensor.wrap(new int[] {1, bins, steps * k}, mel),
                "frames", FloatTensor.wrap(new int[] {1, steps, h, w, 3}, frames));
        TimeBase base = TimeBase.ofRate(fps);
        SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(1.0, base);
        double[] ms = new double[runs];
        for (int i = -5; i < runs; i++) {
            long t0 = System.nanoTime();
            java.util.Map<String, FloatTensor> out = model.forward(inputs);
            FloatTensor a = out.get("audio");
            FloatTensor v = out.get("video");
            SimilarityVolume volume = SimilarityVolume.of(a.reshape(a.dim(1), a.dim(2)), base,
                    v.reshape(v.dim(1), v.dim(2)), base);
            double confidence = estimator.estimate(volume).confidence();
            if (volume.audioSteps() != steps || Double.isNaN(confidence)) {
                throw new IllegalStateException("unexpected volume " + volume);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        JsonObject o = new JsonObject();
        o.addProperty("model", model.spec().id());
        o.addProperty("device", model.device().toString());
        o.addProperty("clipSeconds", 10);
        o.addProperty("steps", steps);
        o.addProperty("runs", runs);
        o.addProperty("medianMs", round(ms[runs / 2]));
        o.addProperty("p95Ms", round(ms[Math.min(runs - 1, (int) Math.ceil(0.95 * runs) - 1)]));
        return o;
    }

    /** Rounded, or null (JSON null) when not a finite number: a ratio is never printed as infinite or NaN. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? round(v) : null;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
