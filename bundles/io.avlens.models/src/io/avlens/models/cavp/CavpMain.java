package io.avlens.models.cavp;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Command-line entry for running outside the workbench until {@code avlens train/eval} are wired:
 * <pre>
 * CavpMain train DATA OUT STEPS SEED     train (or resume) into OUT, progress on stderr
 * CavpMain eval  WEIGHTS|bundled DATA    (WEIGHTS may be a checkpoint.bin) sync accuracy on DATA's clips with |lag| ≤ 1 s, JSON-ish line on stdout
 * CavpMain bench WEIGHTS|bundled         features + similarity volume + sync estimate for a 10 s clip
 * </pre>
 */
public final class CavpMain {

    private CavpMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "train" -> {
                TrainSpec spec = TrainSpec.defaults(Integer.parseInt(args[3]), Long.parseLong(args[4]));
                TrainingResult r = new CavpTrainer().train(spec, Path.of(args[1]), Path.of(args[2]), p -> {
                    if (p.phase().equals("training") && p.step() % 50 != 0) {
                        return;
                    }
                    System.err.printf(Locale.ROOT, "%s step %d/%d L_S %.4f L_T %.4f total %.4f tau %.4f %.3f s/step%n",
                            p.phase(), p.step(), p.totalSteps(), p.semantic(), p.temporal(), p.total(),
                            p.temperature(), p.secondsPerStep());
                });
                System.out.printf(Locale.ROOT, "{\"weights\": \"%s\", \"steps\": %d, \"seconds\": %.1f}%n",
                        r.weights(), r.steps(), r.seconds());
            }
            case "eval" -> {
                try (CavpModel model = open(args[1])) {
                    long t0 = System.nanoTime();
                    SyncMetrics m = CavpEvaluation.evaluate(model, Path.of(args[2]), 1.0);
                    for (SyncMetrics.ClipResult c : m.results()) {
                        System.err.printf(Locale.ROOT, "%s true %+.3f est %+.3f refined %+.3f conf %.3f%n", c.id(),
                                c.trueLagSeconds(), c.lagSeconds(), c.refinedSeconds(), c.confidence());
                    }
                    System.out.printf(Locale.ROOT, "{\"clips\": %d, \"withinOneFrame\": %d, \"accuracy\": %.4f, "
                            + "\"maeSeconds\": %.4f, \"refinedAccuracy\": %.4f, \"refinedMaeSeconds\": %.4f, "
                            + "\"exactSteps\": %d, \"seconds\": %.1f}%n", m.clips(), m.withinOneFrame(), m.accuracy(),
                            m.meanAbsErrorSeconds(), m.refinedAccuracy(), m.refinedMaeSeconds(), m.exactSteps(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            case "bench" -> {
                try (CavpModel model = open(args[1])) {
                    CavpConfig c = model.config();
                    int steps = 80;
                    Random r = new Random(1);
                    float[] mel = new float[c.melBins() * steps * c.melPerStep()];
                    float[] frames = new float[steps * c.frameHeight() * c.frameWidth() * 3];
                    for (int i = 0; i < mel.length; i++) {
                        mel[i] = r.nextFloat();
                    }
                    for (int i = 0; i < frames.length; i++) {
                        frames[i] = r.nextFloat();
                    }
                    double fps = c.profile().video().fps();
                    io.avlens.analysis.similarity.SyncOffsetEstimator est =
                            io.avlens.analysis.similarity.SyncOffsetEstimator.upTo(1.0,
                                    io.avlens.analysis.similarity.TimeBase.ofRate(fps));
                    int runs = 30;
                    double[] ms = new double[runs];
                    for (int i = -5; i < runs; i++) {
                        long t0 = System.nanoTime();
                        CavpFeatures f = model.features(mel, frames, 1, steps)[0];
                        io.avlens.analysis.similarity.SimilarityVolume volume = f.volume(fps);
                        var e = est.estimate(volume);
                        if (volume.audioSteps() != steps || Double.isNaN(e.confidence())) {
                            throw new IllegalStateException("bad result");
                        }
                        if (i >= 0) {
                            ms[i] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                    java.util.Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "{\"clipSeconds\": 10, \"steps\": %d, \"medianMs\": %.2f, "
                            + "\"minMs\": %.2f, \"maxMs\": %.2f, \"parameters\": %d}%n", steps, ms[runs / 2], ms[0],
                            ms[runs - 1], model.parameterCount());
                }
            }
            default -> {
                System.err.println("usage: CavpMain train DATA OUT STEPS SEED | eval WEIGHTS|bundled DATA"
                        + " | bench WEIGHTS|bundled");
                System.exit(2);
            }
        }
    }

    private static CavpModel open(String weights) throws Exception {
        if (weights.equals("bundled")) {
            return CavpModel.bundled();
        }
        try (InputStream in = Files.newInputStream(Path.of(weights))) {
            if (weights.endsWith("checkpoint.bin")) {
                in.readNBytes(16); // magic, seed, step: the parameters follow
            }
            return CavpModel.load(in, CavpConfig.small(), weights);
        }
    }
}
