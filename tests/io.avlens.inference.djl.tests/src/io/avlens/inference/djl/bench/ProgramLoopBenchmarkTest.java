package io.avlens.inference.djl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.avlens.inference.djl.internal.CpuInferenceService;

/** The program benchmark times both paths, and both compute the same sample; timings are printed, never asserted. */
class ProgramLoopBenchmarkTest {

    @Test
    void measuresBothPathsAndTheyAgree() throws Exception {
        ProgramLoopBenchmark.Result r = ProgramLoopBenchmark.runTiny(new CpuInferenceService(), 3, 2);
        System.out.println(String.format(Locale.ROOT,
                "program loop: program %.3f ms/loop, direct DJL %.3f ms/loop, ratio %.3f",
                r.programMillis(), r.directMillis(), r.ratio()));
        assertThat(r.steps()).isEqualTo(25);
        assertThat(r.shape()).containsExactly(16, 256);
        assertThat(r.programMillis()).isPositive();
        assertThat(r.directMillis()).isPositive();
        assertThat(r.maxAbsDifference()).isLessThan(1e-6);
    }
}
