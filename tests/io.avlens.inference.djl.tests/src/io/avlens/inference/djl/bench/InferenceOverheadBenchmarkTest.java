package io.avlens.inference.djl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.avlens.inference.djl.internal.CpuInferenceService;

/** The benchmark runs and reports sane numbers; its timings are printed, never asserted. */
class InferenceOverheadBenchmarkTest {

    @Test
    void measuresBothPathsOnTheBundledModel() throws Exception {
        InferenceOverheadBenchmark.Result r = InferenceOverheadBenchmark.runTiny(new CpuInferenceService(), 5, 200);
        System.out.println(String.format(Locale.ROOT,
                "inference overhead: service %.1f us/call, direct DJL %.1f us/call, overhead %+.1f %%",
                r.serviceMicros(), r.directMicros(), 100 * r.overhead()));
        assertThat(r.inputShape()).containsExactly(16, 256);
        assertThat(r.serviceMicros()).isPositive();
        assertThat(r.directMicros()).isPositive();
    }
}
