package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.core.profile.Profiles;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The encoders' shapes on the {@code avshapes-small} profile, per-head normalisation, and weights round-tripping. */
class DenseAvNetworkTest {

    static DenseAvConfig tiny() {
        return new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5);
    }

    @Test
    void framesGiveSixteenBySixteenMapsAndSoundEightStepsPerSecond() throws Exception {
        DenseAvConfig c = tiny();
        assertThat(c.windowMelFrames()).as("±0.5 s at 8 steps/s").isEqualTo(64);
        assertThat(DenseAvConfig.small().windowMelFrames()).as("±0.5 s").isEqualTo(64);
        assertThat(c.audioStepsPerSecond()).isEqualTo(8.0);
        try (DenseAvModel model = DenseAvModel.initialised(c); NDManager m = model.manager().newSubManager()) {
            NDArray frames = m.randomUniform(0, 1, new Shape(3, 64, 64, 3));
            NDArray mel = m.randomUniform(0, 1, new Shape(3, 64, 40));
            NDList out = model.block().forward(model.store(), new NDList(frames, mel), false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(3, 2, 3, 16, 16));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(3, 2, 3, 8, 5));
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(1));
            assertThat(model.block().getOutputShapes(model.block().inputShapes(3, 40))[1])
                    .isEqualTo(new Shape(3, 2, 3, 8, 5));
            for (NDArray features : new NDArray[] {out.get(0), out.get(1)}) {
                float[] norms = features.square().sum(new int[] {2}).sqrt().toFloatArray();
                int units = 0;
                for (float n : norms) {
                    // a unit vector, shorter only where the vector was (near) zero: x / sqrt(|x|² + 1e-6)
                    assertThat(n).as("norm").isLessThan(1.001f);
                    units += Math.abs(n - 1) < 1e-3 ? 1 : 0;
                }
                assertThat(units).as("unit vectors").isGreaterThan(norms.length / 2);
            }
            assertThatThrownBy(() -> model.block().encodeAudio(model.store(), m.zeros(new Shape(1, 64, 12)), false))
                    .hasMessageContaining("multiple of 8");
        }
    }

    @Test
    void savedWeightsLoadIntoAFreshNetworkAndOtherSizesAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DenseAvModel a = DenseAvModel.initialised(tiny()); DenseAvModel b = DenseAvModel.initialised(tiny())) {
            a.save(bytes);
            b.readParameters(new ByteArrayInputStream(bytes.toByteArray()), "a.params");
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            b.save(again);
            assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
        }
        DenseAvConfig wider = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 5, 4, 0.5);
        try (DenseAvModel other = DenseAvModel.initialised(wider)) {
            assertThatThrownBy(() -> other.readParameters(new ByteArrayInputStream(bytes.toByteArray()), "a.params"))
                    .hasMessageContaining("a.params");
        }
    }
}
