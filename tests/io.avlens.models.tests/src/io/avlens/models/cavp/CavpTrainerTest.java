package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;

import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, resume, cancel and the loss curve, on a few random clips. */
class CavpTrainerTest {

    private static List<ClipTensors> randomClips(int n) {
        List<ClipTensors> clips = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            float[] f = CavpNetworkTest.random(32 * 64 * 64 * 3, 40 + c);
            byte[] bytes = new byte[f.length];
            for (int i = 0; i < f.length; i++) {
                bytes[i] = (byte) (f[i] * 255);
            }
            clips.add(new ClipTensors("r" + c, 32, bytes, CavpNetworkTest.random(64 * 256, 80 + c), 0));
        }
        return clips;
    }

    private static TrainSpec spec(int steps) {
        return new TrainSpec(CavpConfig.small(), steps, 3, 1e-3f, 1, 1f, 8, 0.5, 7, 2, 1);
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        List<ClipTensors> clips = randomClips(4);
        CavpTrainer trainer = new CavpTrainer();
        TrainingResult straight = trainer.train(spec(4), clips, "random", dir.resolve("a"), TrainingMonitor.NONE);
        assertThat(straight.steps()).isEqualTo(4);
        assertThat(straight.cancelled()).isFalse();

        AtomicInteger reports = new AtomicInteger();
        TrainingMonitor stopAfterThree = new TrainingMonitor() {
            @Override
            public void progress(TrainingProgress p) {
                if (p.phase().equals("training")) {
                    reports.incrementAndGet();
                }
            }

            @Override
            public boolean isCancelled() {
                return reports.get() >= 3;
            }
        };
        TrainingResult first = trainer.train(spec(4), clips, "random", dir.resolve("b"), stopAfterThree);
        assertThat(first.cancelled()).isTrue();
        assertThat(first.steps()).isEqualTo(3);
        TrainingResult resumed = trainer.train(spec(4), clips, "random", dir.resolve("b"), TrainingMonitor.NONE);
        assertThat(resumed.steps()).isEqualTo(4);

        assertThat(Files.readAllBytes(resumed.weights())).isEqualTo(Files.readAllBytes(straight.weights()));
        List<String> curve = Files.readAllLines(resumed.lossCurve());
        assertThat(curve).containsExactlyElementsOf(Files.readAllLines(straight.lossCurve()));
        assertThat(curve.get(0)).isEqualTo("step,L_S,L_T,total,temperature,L_T_steps,L_T_bands");
        assertThat(curve).hasSize(5);
        String[] row = curve.get(4).split(",");
        assertThat(Integer.parseInt(row[0])).isEqualTo(4);
        assertThat(Double.parseDouble(row[3]))
                .isCloseTo(Double.parseDouble(row[1]) + Double.parseDouble(row[2]),
                        org.assertj.core.api.Assertions.within(1e-5));
        assertThat(Double.parseDouble(row[2]))
                .isCloseTo(Double.parseDouble(row[5]) + Double.parseDouble(row[6]),
                        org.assertj.core.api.Assertions.within(1e-5));
        String descriptor = Files.readString(resumed.descriptor());
        assertThat(descriptor).contains("\"id\": \"cavp-small\"").contains("\"profile\": \"avshapes-small\"")
                .contains(CavpDescriptor.sha256(resumed.weights()));
        // the AV Lens descriptor format: readable, and its checksum verifies the weights written beside it
        io.avlens.inference.descriptor.ModelDescriptor d =
                io.avlens.inference.descriptor.ModelDescriptors.read(resumed.descriptor());
        assertThat(d.source()).isEqualTo(io.avlens.inference.descriptor.ModelDescriptor.Source.BUILTIN);
        assertThat(d.family()).isEqualTo("cavp");
        assertThat(io.avlens.inference.descriptor.ModelDescriptors.verifiedWeights(resumed.descriptor(), d))
                .isEqualTo(resumed.weights().toAbsolutePath());
        assertThat(CavpTrainer.checkpointStep(dir.resolve("b"))).isEqualTo(4);
        assertThat(CavpTrainer.checkpointStep(dir.resolve("nothing-here"))).isEqualTo(-1);
    }
}
