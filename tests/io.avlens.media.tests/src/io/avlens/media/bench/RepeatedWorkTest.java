package io.avlens.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a short input is repeated until one timing covers enough work, on fake clocks (nothing real is timed). */
class RepeatedWorkTest {

    /** A fake reference whose every pass takes {@code perPass} seconds on its clock, recording what it was asked. */
    private static final class FakeReference implements RepeatedWork.Timing {
        final double perPass;
        final List<Integer> asked = new ArrayList<>();

        FakeReference(double perPass) {
            this.perPass = perPass;
        }

        @Override
        public double seconds(int repeats) {
            asked.add(repeats);
            return repeats * perPass;
        }
    }

    @Test
    void aShortInputIsRepeatedToAtLeastASecondOfWork() throws Exception {
        FakeReference shortClip = new FakeReference(0.004); // 4 ms per pass: one pass cannot be measured well
        RepeatedWork.Sized sized = RepeatedWork.size(shortClip, 1.0, RepeatedWork.MAX_REPEATS);
        assertThat(sized.repeats()).isGreaterThanOrEqualTo(250);
        assertThat(sized.seconds()).isGreaterThanOrEqualTo(1.0).isEqualTo(sized.repeats() * 0.004);
        assertThat(sized.resolved()).isTrue();
        assertThat(shortClip.asked.get(0)).as("one pass first").isEqualTo(1);
        assertThat(shortClip.asked.get(shortClip.asked.size() - 1)).isEqualTo(sized.repeats());
    }

    @Test
    void aLongInputRunsOnce() throws Exception {
        FakeReference longClip = new FakeReference(2.5);
        RepeatedWork.Sized sized = RepeatedWork.size(longClip, 1.0, RepeatedWork.MAX_REPEATS);
        assertThat(sized.repeats()).isEqualTo(1);
        assertThat(longClip.asked).containsExactly(1);
    }

    @Test
    void aReferenceThatReportsZeroGrowsTheWorkAndIsBelowResolutionAtTheLimit() throws Exception {
        // ffmpeg's rtime has millisecond resolution: under 0.5 ms it reads 0.000 s
        RepeatedWork.Timing milliseconds = repeats -> Math.round(repeats * 0.0004 * 1000) / 1000.0;
        RepeatedWork.Sized sized = RepeatedWork.size(milliseconds, 1.0, RepeatedWork.MAX_REPEATS);
        assertThat(sized.repeats()).isGreaterThanOrEqualTo(2500);
        assertThat(sized.seconds()).isGreaterThanOrEqualTo(1.0);

        RepeatedWork.Sized never = RepeatedWork.size(repeats -> 0.0, 1.0, 1000);
        assertThat(never.repeats()).isEqualTo(1000);
        assertThat(never.resolved()).isFalse();
        assertThat(RepeatedWork.size(repeats -> Double.NaN, 1.0, 1000).failed()).isTrue();
    }

    @Test
    void aReferenceBelowResolutionGivesNoRatioNeverAnInfiniteOne() {
        DecodeBenchmark.Result belowResolution = new DecodeBenchmark.Result("f.mp4", null, 1, 3, 45, 300, 0.004,
                100_000, 0.0, 0.02, "ffmpeg 8.0 (/usr/bin/ffmpeg)");
        assertThat(belowResolution.referenceAvailable()).isTrue();
        assertThat(belowResolution.referenceResolved()).isFalse();
        assertThat(belowResolution.ratio()).isNaN();
        assertThat(belowResolution.cliFramesPerSecond()).isNaN();
        assertThat(belowResolution.ratioNote()).startsWith("below resolution").contains("100000 passes");
        DecodeBenchmark.Result measured = new DecodeBenchmark.Result("f.mp4", null, 1, 3, 45, 300, 0.004, 400,
                0.002, 0.02, "ffmpeg 8.0 (/usr/bin/ffmpeg)");
        assertThat(measured.ratio()).isEqualTo(0.5);
        assertThat(measured.ratioNote()).isNull();
    }
}
