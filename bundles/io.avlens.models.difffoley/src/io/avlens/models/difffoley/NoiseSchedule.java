package io.avlens.models.difffoley;

/**
 * The diffusion noise schedule of Diff-Foley (Stable Diffusion's "scaled linear"): {@code β} linear in
 * {@code √β} from 0.00085 to 0.012 over 1000 steps, {@code ᾱ_n = Π (1 − β_i)}. Training draws an integer step
 * {@code n}; samplers work in continuous time {@code t ∈ [1/N, 1]} as the official DPM-Solver's discrete-schedule
 * wrapper does: {@code log α_t} is the piecewise linear interpolation of {@code ½ log ᾱ_n} at {@code t_n = (n+1)/N},
 * and the network sees the step {@code (t − 1/N)·N}. Immutable.
 */
public final class NoiseSchedule {

    /** Diffusion steps {@code N}. */
    public static final int STEPS = 1000;
    /** {@code β_1}. */
    public static final double BETA_START = 0.00085;
    /** {@code β_N}. */
    public static final double BETA_END = 0.012;

    private static final NoiseSchedule DIFF_FOLEY = new NoiseSchedule();

    private final double[] alphasCumprod = new double[STEPS];
    private final double[] logAlpha = new double[STEPS];

    private NoiseSchedule() {
        double a = 1;
        double s0 = Math.sqrt(BETA_START);
        double s1 = Math.sqrt(BETA_END);
        for (int n = 0; n < STEPS; n++) {
            double root = s0 + (s1 - s0) * n / (STEPS - 1);
            a *= 1 - root * root;
            alphasCumprod[n] = a;
            logAlpha[n] = 0.5 * Math.log(a);
        }
    }

    /** Diff-Foley's schedule. */
    public static NoiseSchedule diffFoley() {
        return DIFF_FOLEY;
    }

    /** {@code β_n} (0-based). */
    public double beta(int n) {
        double root = Math.sqrt(BETA_START) + (Math.sqrt(BETA_END) - Math.sqrt(BETA_START)) * n / (STEPS - 1);
        return root * root;
    }

    /** {@code ᾱ_n} (0-based integer step). */
    public double alphaCumprod(int n) {
        return alphasCumprod[n];
    }

    /** {@code log α_t} at continuous time {@code t ∈ [1/N, 1]}. */
    public double logAlpha(double t) {
        double pos = t * STEPS - 1; // t_n = (n + 1) / N
        if (pos <= 0) {
            return logAlpha[0];
        }
        if (pos >= STEPS - 1) {
            return logAlpha[STEPS - 1];
        }
        int i = (int) Math.floor(pos);
        double f = pos - i;
        return logAlpha[i] + f * (logAlpha[i + 1] - logAlpha[i]);
    }

    /** {@code α_t = √ᾱ}. */
    public double alpha(double t) {
        return Math.exp(logAlpha(t));
    }

    /** {@code σ_t = √(1 − α_t²)}. */
    public double sigma(double t) {
        return Math.sqrt(1 - Math.exp(2 * logAlpha(t)));
    }

    /** {@code λ_t = log(α_t / σ_t)}. */
    public double lambda(double t) {
        double la = logAlpha(t);
        return la - 0.5 * Math.log(1 - Math.exp(2 * la));
    }

    /** The step the network sees at time {@code t}: {@code (t − 1/N)·N}, in [0, N − 1]. */
    public double modelStep(double t) {
        return (t - 1.0 / STEPS) * STEPS;
    }
}
