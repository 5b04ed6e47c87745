package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GuidanceSettings;

/**
 * The scalar coefficients of a sampler run: for step {@code i} the model is evaluated at time {@code t_{i−1}}
 * (network step {@link Step#modelStep}), its guided noise {@code ε̃} gives {@code x̂_0 = (x − σ ε̃) / α} with
 * {@link Step#alpha} and {@link Step#sigma} of {@code t_{i−1}}, and the next sample is
 * {@code x_i = a·x + b·x̂_0 + c·x̂_0^{(previous step)}}. Times are uniform from 1 to {@code 1/N}
 * ("time-uniform"), as the official sampler.
 * <ul>
 * <li><b>DPM-Solver++(2M)</b> (methods.md §4): with {@code h_i = λ_{t_i} − λ_{t_{i−1}}}, first order
 * ({@code a = σ_i/σ_{i−1}}, {@code b = α_i (1 − e^{−h_i})}, {@code c = 0}) at the first step and, "lower order
 * at the end", at the last; otherwise second order with {@code r = h_{i−1}/h_i}:
 * {@code b = α_i (1 − e^{−h_i})(1 + 1/(2r))}, {@code c = −α_i (1 − e^{−h_i})/(2r)}.</li>
 * <li><b>DDIM</b> (η = 0): {@code x_i = α_i x̂_0 + σ_i ε̃}, i.e. {@code a = σ_i/σ_{i−1}},
 * {@code b = α_i − σ_i α_{i−1}/σ_{i−1}}, {@code c = 0} — which is first-order DPM-Solver++ exactly.</li>
 * </ul>
 * Immutable.
 */
public final class SamplerPlan {

    /**
     * One step.
     *
     * @param modelStep the network's timestep input (0 … 999)
     * @param alpha     {@code α} at the evaluation time
     * @param sigma     {@code σ} at the evaluation time (also the classifier guidance's {@code √(1 − ᾱ_t)})
     * @param a         coefficient of {@code x}
     * @param b         coefficient of this step's {@code x̂_0}
     * @param c         coefficient of the previous step's {@code x̂_0}
     */
    public record Step(double modelStep, double alpha, double sigma, double a, double b, double c) {
    }

    private final Step[] steps;

    private SamplerPlan(Step[] steps) {
        this.steps = steps;
    }

    /** The plan of {@code sampler} ({@link GuidanceSettings#DPM} or {@link GuidanceSettings#DDIM}). */
    public static SamplerPlan of(String sampler, int count, NoiseSchedule schedule) {
        if (count < 1) {
            throw new IllegalArgumentException("a sampler needs at least one step, not " + count);
        }
        boolean dpm = switch (sampler) {
            case GuidanceSettings.DPM -> true;
            case GuidanceSettings.DDIM -> false;
            default -> throw new IllegalArgumentException("sampler must be '" + GuidanceSettings.DPM + "' or '"
                    + GuidanceSettings.DDIM + "', not '" + sampler + "'");
        };
        double end = 1.0 / NoiseSchedule.STEPS;
        double[] t = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            t[i] = 1 + (end - 1) * i / count;
        }
        Step[] out = new Step[count];
        double previousH = Double.NaN;
        for (int i = 1; i <= count; i++) {
            double alphaPrev = schedule.alpha(t[i - 1]);
            double sigmaPrev = schedule.sigma(t[i - 1]);
            double alphaNow = schedule.alpha(t[i]);
            double sigmaNow = schedule.sigma(t[i]);
            double h = schedule.lambda(t[i]) - schedule.lambda(t[i - 1]);
            double a = sigmaNow / sigmaPrev;
            double b;
            double c = 0;
            if (!dpm) {
                b = alphaNow - sigmaNow * alphaPrev / sigmaPrev;
            } else if (i == 1 || i == count) {
                b = alphaNow * -Math.expm1(-h);
            } else {
                double r = previousH / h;
                double phi = alphaNow * -Math.expm1(-h);
                b = phi * (1 + 1 / (2 * r));
                c = -phi / (2 * r);
            }
            out[i - 1] = new Step(schedule.modelStep(t[i - 1]), alphaPrev, sigmaPrev, a, b, c);
            previousH = h;
        }
        return new SamplerPlan(out);
    }

    /** The number of steps. */
    public int size() {
        return steps.length;
    }

    /** Step {@code i} (0-based). */
    public Step step(int i) {
        return steps[i];
    }
}
