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

    @Test
    void bothPathsRunWithAutogradOffAndTheSameThreadsOnAnyThread() throws Exception {
        // a new thread has libtorch's autograd on: the service turns it off for its calls, the direct path must too
        io.avlens.lib.djl.DjlSetup.engine();
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                boolean before = ai.djl.pytorch.jni.JniUtils.isGradMode();
                InferenceOverheadBenchmark.Result r = InferenceOverheadBenchmark.runTiny(new CpuInferenceService(), 1,
                        10);
                outcome.set(new Object[] {before, r, ai.djl.pytorch.jni.JniUtils.isGradMode()});
            } catch (Exception | Error e) {
                outcome.set(e);
            }
        });
        worker.start();
        worker.join();
        assertThat(outcome.get()).isInstanceOf(Object[].class);
        Object[] o = (Object[]) outcome.get();
        InferenceOverheadBenchmark.Result r = (InferenceOverheadBenchmark.Result) o[1];
        assertThat((Boolean) o[0]).as("autograd on in a new thread").isTrue();
        assertThat(r.direct()).isEqualTo(r.service());
        assertThat(r.direct().gradMode()).isFalse();
        assertThat(r.direct().threads()).isEqualTo(ai.djl.pytorch.jni.JniUtils.getNumThreads());
        assertThat((Boolean) o[2]).as("the thread's setting is restored").isTrue();
    }
}
