import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.*;
import io.avlens.inference.descriptor.*;
import io.avlens.models.cavp.StepAlignedClip;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;

/**
 * How well a Diff-Foley-small denoiser recovers real log-mels, per noise level, from a plain classpath
 * (tools/difffoley/classpath.sh): {@code java -cp "$CP" tools/difffoley/DenoiseCheck.java DESCRIPTOR DATA N}. For the
 * first N clips of DATA/media and steps t = 10 … 990: noises the clip's log-mel (scaled to [−1, 1]) to x_t, asks the
 * denoiser for ε̂ with the clip's condition (ω 1) and without it (ω 0), and prints the mean squared error of
 * x̂₀ = (x_t − σ_t ε̂) / α_t (clamped to [−1, 1], as the samplers do) against the clean log-mel, beside the error of
 * x_t / α_t (no denoising at all) and the ε error. A denoiser that cannot remove the noise shows an x̂₀ error near
 * that baseline; one that ignores the picture shows equal errors with and without the condition.
 */
public class DenoiseCheck {
    public static void main(String[] a) throws Exception {
        Path df = Path.of(a[0]);
        Path data = Path.of(a[1]);
        int n = Integer.parseInt(a[2]);
        DiffFoleyModel model = DiffFoleyModel.open(df, DiffFoleyConfig.small(), 1);
        ModelDescriptor d = model.descriptor();
        DiffFoleyGenerator g = model.generator();
        LoadedModel den = model.parts().byRole(DiffFoleyDescriptor.DENOISER);
        NoiseSchedule sch = NoiseSchedule.diffFoley();
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        int[] steps = {10, 50, 150, 300, 500, 700, 900, 990};
        double[] err = new double[steps.length], epsErr = new double[steps.length], errUncond = new double[steps.length], base = new double[steps.length];
        Random r = new Random(5);
        for (Path mp4 : clips) {
            StepAlignedClip dec = StepAlignedClip.decode(mp4, d.profile());
            ClipCondition clip = ClipCondition.of(dec, d.profile());
            FloatTensor cond = g.videoFeatures(clip);
            boolean withLook = den.spec().inputs().size() > 4;
            int side = withLook ? den.spec().inputs().get(4).shape().dims().get(4).size() : 0;
            FloatTensor lookT = withLook ? FloatTensor.wrap(new int[] {1, clip.steps(), Appearance.CHANNELS, side, side},
                    Appearance.of(clip.frames(), side)) : null;
            float[] mel = dec.mel().toArray();
            int bins = 64, cols = mel.length / bins, L = 256;
            float[] x0 = new float[bins * L];
            for (int b = 0; b < bins; b++) for (int f = 0; f < L; f++) x0[b * L + f] = 2 * mel[b * cols + f] - 1;
            for (int k = 0; k < steps.length; k++) {
                double ab = sch.alphaCumprod(steps[k]);
                double al = Math.sqrt(ab), si = Math.sqrt(1 - ab);
                float[] eps = new float[x0.length], xt = new float[x0.length];
                for (int i = 0; i < x0.length; i++) { eps[i] = (float) r.nextGaussian(); xt[i] = (float) (al * x0[i] + si * eps[i]); }
                for (int c = 0; c < 2; c++) {
                    Map<String, FloatTensor> in = new HashMap<>(Map.of("x", FloatTensor.wrap(new int[] {1, bins, L}, xt),
                            "t", FloatTensor.wrap(new int[] {1}, new float[] {steps[k]}), "cond", cond,
                            "omega", FloatTensor.wrap(new int[] {1}, new float[] {c == 0 ? 1f : 0f})));
                    if (withLook) in.put("appearance", lookT);
                    float[] e = den.forward(in).values().iterator().next().toArray();
                    double s0 = 0, s1 = 0, s2 = 0;
                    for (int i = 0; i < x0.length; i++) {
                        double xh = Math.max(-1, Math.min(1, (xt[i] - si * e[i]) / al));
                        s0 += (xh - x0[i]) * (xh - x0[i]);
                        s1 += (e[i] - eps[i]) * (e[i] - eps[i]);
                        double xb = Math.max(-1, Math.min(1, xt[i] / al));
                        s2 += (xb - x0[i]) * (xb - x0[i]);
                    }
                    if (c == 0) { err[k] += s0 / x0.length; epsErr[k] += s1 / x0.length; base[k] += s2 / x0.length; }
                    else errUncond[k] += s0 / x0.length;
                }
            }
        }
        for (int k = 0; k < steps.length; k++)
            System.out.printf(Locale.ROOT, "t=%3d sigma=%.3f  x0 MSE cond %.4f uncond %.4f  (x_t/alpha %.4f)  eps MSE %.4f%n",
                steps[k], Math.sqrt(1 - sch.alphaCumprod(steps[k])), err[k] / clips.size(), errUncond[k] / clips.size(), base[k] / clips.size(), epsErr[k] / clips.size());
    }
}
