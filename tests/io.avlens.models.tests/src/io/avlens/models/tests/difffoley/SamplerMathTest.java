package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.models.difffoley.NoiseSchedule;
import io.avlens.models.difffoley.SamplerPlan;
import org.junit.jupiter.api.Test;

/** The noise schedule and the samplers' coefficients against values computed by hand from their definitions. */
class SamplerMathTest {

    private final NoiseSchedule schedule = NoiseSchedule.diffFoley();

    @Test
    void scheduleIsLinearInTheSquareRootOfBeta() {
        assertThat(schedule.beta(0)).isCloseTo(0.00085, within(1e-12));
        assertThat(schedule.beta(999)).isCloseTo(0.012, within(1e-12));
        double mid = Math.pow((Math.sqrt(0.00085) + Math.sqrt(0.012)) / 2, 2); // n = 499.5 lies between
        assertThat(schedule.beta(499)).isLessThan(mid);
        assertThat(schedule.beta(500)).isGreaterThan(mid);
        assertThat(schedule.alphaCumprod(0)).isCloseTo(1 - 0.00085, within(1e-12));
        assertThat(schedule.alphaCumprod(1)).isCloseTo((1 - 0.00085) * (1 - schedule.beta(1)), within(1e-12));
        // Stable Diffusion's final ᾱ for this schedule is 0.0046.
        assertThat(schedule.alphaCumprod(999)).isCloseTo(0.0046, within(2e-4));
    }

    @Test
    void continuousTimeInterpolatesHalfLogAlphaBar() {
        assertThat(schedule.alpha(1.0 / 1000)).isCloseTo(Math.sqrt(schedule.alphaCumprod(0)), within(1e-12));
        assertThat(schedule.alpha(1.0)).isCloseTo(Math.sqrt(schedule.alphaCumprod(999)), within(1e-12));
        double between = 0.5 * (0.5 * Math.log(schedule.alphaCumprod(9)) + 0.5 * Math.log(schedule.alphaCumprod(10)));
        assertThat(schedule.logAlpha(10.5 / 1000)).isCloseTo(between, within(1e-12));
        double t = 0.37;
        assertThat(schedule.alpha(t) * schedule.alpha(t) + schedule.sigma(t) * schedule.sigma(t))
                .isCloseTo(1, within(1e-12));
        assertThat(schedule.lambda(t)).isCloseTo(Math.log(schedule.alpha(t) / schedule.sigma(t)), within(1e-12));
        assertThat(schedule.modelStep(1.0)).isCloseTo(999, within(1e-9));
        assertThat(schedule.modelStep(1.0 / 1000)).isCloseTo(0, within(1e-9));
    }

    @Test
    void dpmSolverCoefficientsFollowMethodsSection4() {
        int n = 5;
        SamplerPlan plan = SamplerPlan.of(GuidanceSettings.DPM, n, schedule);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = 1 + (0.001 - 1) * i / n;
        }
        for (int i = 1; i <= n; i++) {
            SamplerPlan.Step s = plan.step(i - 1);
            double h = schedule.lambda(t[i]) - schedule.lambda(t[i - 1]);
            assertThat(s.modelStep()).isCloseTo((t[i - 1] - 0.001) * 1000, within(1e-9));
            assertThat(s.alpha()).isCloseTo(schedule.alpha(t[i - 1]), within(1e-12));
            assertThat(s.sigma()).isCloseTo(schedule.sigma(t[i - 1]), within(1e-12));
            assertThat(s.a()).isCloseTo(schedule.sigma(t[i]) / schedule.sigma(t[i - 1]), within(1e-12));
            double phi = -schedule.alpha(t[i]) * (Math.exp(-h) - 1);
            if (i == 1 || i == n) { // first step, and lower order at the last
                assertThat(s.b()).isCloseTo(phi, within(1e-12));
                assertThat(s.c()).isZero();
            } else {
                double hPrev = schedule.lambda(t[i - 1]) - schedule.lambda(t[i - 2]);
                double r = hPrev / h;
                assertThat(s.b()).isCloseTo(phi * (1 + 1 / (2 * r)), within(1e-12));
                assertThat(s.c()).isCloseTo(-phi / (2 * r), within(1e-12));
            }
        }
    }

    @Test
    void ddimIsFirstOrderDpmSolverAndRecoversACleanSampleExactly() {
        SamplerPlan ddim = SamplerPlan.of(GuidanceSettings.DDIM, 4, schedule);
        SamplerPlan dpm = SamplerPlan.of(GuidanceSettings.DPM, 4, schedule);
        for (int i : new int[] {0, 3}) { // the first-order steps of DPM-Solver++(2M)
            assertThat(ddim.step(i).a()).isCloseTo(dpm.step(i).a(), within(1e-12));
            assertThat(ddim.step(i).b()).isCloseTo(dpm.step(i).b(), within(1e-12));
        }
        assertThat(ddim.step(1).c()).isZero();
        assertThat(dpm.step(1).c()).isNotZero();
        // With the true noise, x_t = α x0 + σ ε, DDIM steps land on α_s x0 + σ_s ε: x0 = 0.3, ε = −1.2.
        double x0 = 0.3;
        double eps = -1.2;
        double x = schedule.alpha(1) * x0 + schedule.sigma(1) * eps;
        for (int i = 0; i < ddim.size(); i++) {
            SamplerPlan.Step s = ddim.step(i);
            double pred = (x - s.sigma() * eps) / s.alpha();
            x = s.a() * x + s.b() * pred;
        }
        assertThat(x).isCloseTo(schedule.alpha(0.001) * x0 + schedule.sigma(0.001) * eps, within(1e-9));
    }

    @Test
    void refusesAnUnknownSampler() {
        assertThatThrownBy(() -> SamplerPlan.of("euler", 10, schedule)).hasMessageContaining("euler");
        assertThatThrownBy(() -> SamplerPlan.of(GuidanceSettings.DPM, 0, schedule)).hasMessageContaining("0");
    }
}
