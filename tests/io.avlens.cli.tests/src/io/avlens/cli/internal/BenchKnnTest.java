package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** {@code avlens bench --knn} on small sizes: every figure is there and the references find what we find. */
class BenchKnnTest {

    @Test
    void measuresOursAndTheReferencesOnTheSameData() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        JsonObject json = KnnBench.run(new KnnBench.Sizes(20_000, 32, 40, 3000, 30), 3, 2,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonObject exact = json.getAsJsonObject("exact");
        assertThat(exact.get("kernel").getAsString()).isEqualTo("Vector API");
        assertThat(exact.getAsJsonObject("ours").get("singleMs").getAsDouble()).isPositive();
        assertThat(exact.getAsJsonObject("ours").get("batchMsPerQuery").getAsDouble()).isPositive();
        JsonObject reference = exact.getAsJsonObject("reference");
        if (!reference.has("skipped")) {
            assertThat(reference.get("numpySingleMs").getAsDouble()).isPositive();
            assertThat(exact.getAsJsonObject("ratios").has("numpySingleOverOurs")).isTrue();
            if (!reference.has("faissSkipped")) {
                // exact search on both sides: the same neighbours (float sums in another order may swap a near tie)
                assertThat(exact.get("agreementWithFaiss").getAsDouble()).isGreaterThanOrEqualTo(0.99);
                assertThat(exact.getAsJsonObject("ratios").has("faissBatchOverOurs")).isTrue();
            }
        }
        JsonObject approximate = json.getAsJsonObject("approximate");
        assertThat(approximate.get("rows").getAsInt()).isEqualTo(3000);
        double best = 0;
        for (JsonElement s : approximate.getAsJsonArray("searches")) {
            best = Math.max(best, s.getAsJsonObject().get("recallAt10").getAsDouble());
        }
        assertThat(best).isGreaterThanOrEqualTo(0.9);
    }
}
