package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.avlens.analysis.projection.ProjectionMonitor;
import io.avlens.analysis.projection.TsneOptions;

class BenchTsneTest {

    private static final TsneOptions SHORT = TsneOptions.defaults().withIterations(100, 40).withThreads(2)
            .withMinBoxes(20);

    @Test
    void timesOursApartFromTheNeighbourSearchAndSaysWhenThereIsNoReference(@TempDir Path folder) throws Exception {
        JsonObject json = TsneBench.run(400, 16, 200, SHORT, folder.resolve("no-python"), ProjectionMonitor.NONE);
        JsonObject ours = json.getAsJsonObject("ours");
        assertThat(ours.get("n").getAsInt()).isEqualTo(400);
        assertThat(ours.get("knnSeconds").getAsDouble()).isGreaterThanOrEqualTo(0);
        assertThat(ours.get("gradientSeconds").getAsDouble()).isGreaterThan(0);
        assertThat(ours.get("seconds").getAsDouble()).isCloseTo(
                ours.get("knnSeconds").getAsDouble() + ours.get("gradientSeconds").getAsDouble(),
                offset(0.02));
        JsonObject reference = json.getAsJsonObject("reference");
        assertThat(reference.get("n").getAsInt()).isEqualTo(200);
        assertThat(reference.getAsJsonObject("ours").get("n").getAsInt()).isEqualTo(200);
        JsonObject sklearn = reference.getAsJsonObject("sklearn");
        assertThat(sklearn.get("available").getAsBoolean()).isFalse();
        assertThat(sklearn.get("reason").getAsString()).contains("no-python");
        assertThat(reference.has("ratio")).isFalse();
    }

    @Test
    void runsScikitLearnOnTheSamePointsAndScoresBothLayouts() throws Exception {
        assumeTrue(hasScikitLearn(), "scikit-learn on " + TsneBench.python());
        JsonObject json = TsneBench.run(300, 16, 300, SHORT, null, ProjectionMonitor.NONE);
        JsonObject reference = json.getAsJsonObject("reference");
        JsonObject sklearn = reference.getAsJsonObject("sklearn");
        assertThat(sklearn.get("available").getAsBoolean()).isTrue();
        assertThat(sklearn.get("sklearnSeconds").getAsDouble()).isPositive();
        assertThat(reference.get("ratio").getAsDouble()).isPositive();
        // 20 clusters of 15 points: both maps must keep local structure far above a random layout (about 0.5)
        JsonObject trust = sklearn.getAsJsonObject("trustworthiness");
        assertThat(trust.get("ours").getAsDouble()).isGreaterThan(0.85);
        assertThat(trust.get("sklearn").getAsDouble()).isGreaterThan(0.85);
        assertThat(sklearn.getAsJsonObject("knnPreservation").get("ours").getAsDouble()).isBetween(0.0, 1.0);
    }

    private static boolean hasScikitLearn() throws Exception {
        Path python = TsneBench.python();
        if (python.isAbsolute() && !Files.isExecutable(python)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import sklearn").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
