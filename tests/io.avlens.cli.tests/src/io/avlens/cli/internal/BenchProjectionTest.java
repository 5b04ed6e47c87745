package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.avlens.analysis.projection.ClusteredPoints;
import io.avlens.analysis.projection.TsneOptions;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;

/**
 * {@code bench --projection} on a few hundred points without the Python references: our times and layout scores,
 * the reason the ratio is missing; and a table folder that is not there is named in a bad-input error.
 */
class BenchProjectionTest {

    @TempDir
    Path dir;

    @Test
    void measuresOursAndSaysWhyTheReferencesAreMissing() throws Exception {
        CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                dir);
        JsonObject json = ProjectionBench.measure(ClusteredPoints.generate(600, 16, 5, 1).points(), "test",
                () -> null, context, TsneOptions.defaults().withIterations(60, 20).withThreads(2));
        assertThat(json.get("points").getAsInt()).isEqualTo(600);
        assertThat(json.get("qualitySample").getAsInt()).isEqualTo(600);
        for (String name : List.of("pca", "umap")) {
            JsonObject o = json.getAsJsonObject(name);
            assertThat(o.get("seconds").getAsDouble()).isPositive();
            assertThat(o.get("ratio").isJsonNull()).isTrue();
            assertThat(o.get("referenceSkipped").getAsString()).contains("scikit-learn");
            assertThat(o.get("trustworthiness").getAsDouble()).isBetween(0.5, 1.0);
        }
        assertThat(json.getAsJsonObject("umap").get("trustworthiness").getAsDouble())
                .isGreaterThan(json.getAsJsonObject("pca").get("trustworthiness").getAsDouble());        JsonObject tsne = json.getAsJsonObject("tsne");
        assertThat(tsne.getAsJsonObject("ours").get("n").getAsInt()).isEqualTo(600);
        assertThat(tsne.getAsJsonObject("ours").get("knn").getAsString()).startsWith("exact");
        assertThat(tsne.getAsJsonObject("reference").getAsJsonObject("sklearn").get("available").getAsBoolean())
                .isFalse();
    }

    @Test
    void aMissingTableIsBadInputNamingTheFolder() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandDispatcher(List.of(new BenchCommand(DjlInferenceServices.cpu(List.of()), null)))
                .execute(List.of("bench", "--projection", "--table", "nowhere"), new CommandContext(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), dir));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nowhere");
    }
}
