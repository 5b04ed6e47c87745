package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;
import io.avlens.media.dsp.OnsetDetector;

/**
 * The decoded sound of generated MP4s against their labels: impacts start where the sidecar says (plus the lag),
 * lags are what the labels say, silent motions are silent.
 */
class SoundTimingTest {

    private static final int RATE = 16_000;
    /** Onsets on a 1 ms grid with an 8 ms window: fine enough to check labels within 10 ms. */
    private static final OnsetDetector ONSETS = new OnsetDetector(
            new MelSpec(128, 16, 24, 0, 8000, MelScale.SLANEY, true, 2, LogCompression.NONE), RATE);

    private static AudioSignal audio(Path dataset, int i) throws MediaException {
        return AudioReader.read(GeneratedDatasets.video(dataset, i), RATE);
    }

    /** Labelled impact times (hits and off-screen hits), seconds of sound time, away from the clip's edges. */
    private static List<Double> impacts(JsonObject sidecar) {
        double lag = sidecar.get("lagSeconds").getAsDouble();
        double end = sidecar.get("seconds").getAsDouble();
        List<Double> out = new ArrayList<>();
        for (JsonObject e : GeneratedDatasets.events(sidecar, "hit", "offscreen")) {
            double t = e.get("time").getAsDouble() + lag;
            if (t > 0.05 && t < end - 0.05) {
                out.add(t);
            }
        }
        return out;
    }

    private static void assertOnsetsAtImpacts(Path dataset) throws MediaException {
        int checked = 0;
        for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
            JsonObject sidecar = GeneratedDatasets.sidecar(dataset, i);
            double[] onsets = ONSETS.onsets(audio(dataset, i));
            for (double t : impacts(sidecar)) {
                double nearest = Double.POSITIVE_INFINITY;
                for (double o : onsets) {
                    nearest = Math.abs(o - t) < Math.abs(nearest - t) ? o : nearest;
                }
                assertThat(nearest).as("clip %d: onset nearest to the impact at %.4f s (onsets %s)", i, t,
                        java.util.Arrays.toString(onsets)).isCloseTo(t, within(0.010));
                checked++;
            }
        }
        assertThat(checked).as("impacts checked").isGreaterThanOrEqualTo(GeneratedDatasets.CLIPS);
    }

    @Test
    void everyImpactIsHeardWithin10MsOfItsLabel() throws MediaException {
        assertOnsetsAtImpacts(GeneratedDatasets.synced());
    }

    @Test
    void laggedImpactsAreHeardAtTheirTimePlusTheLag() throws MediaException {
        Path lagged = GeneratedDatasets.lagged();
        assertOnsetsAtImpacts(lagged);
        long nonZero = java.util.stream.IntStream.range(0, GeneratedDatasets.CLIPS)
                .filter(i -> GeneratedDatasets.sidecar(lagged, i).get("lagSeconds").getAsDouble() != 0).count();
        assertThat(nonZero).isEqualTo(GeneratedDatasets.CLIPS);
    }

    @Test
    void lagsAreWholeSamplesWithinTheRangeAndMatchCrossCorrelation() throws MediaException {
        Path synced = GeneratedDatasets.synced();
        Path lagged = GeneratedDatasets.lagged();
        for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
            JsonObject label = GeneratedDatasets.sidecar(lagged, i);
            double lag = label.get("lagSeconds").getAsDouble();
            assertThat(Math.abs(lag)).isLessThanOrEqualTo(GeneratedDatasets.LAG_RANGE);
            assertThat(lag * RATE).as("lag in samples").isCloseTo(Math.rint(lag * RATE), within(1e-6));
            // the scene is the same whatever the lag: same events, same narration
            JsonObject plain = GeneratedDatasets.sidecar(synced, i);
            assertThat(label.get("events")).isEqualTo(plain.get("events"));
            assertThat(label.get("narration")).isEqualTo(plain.get("narration"));
            float[] a = audio(synced, i).samples();
            float[] b = audio(lagged, i).samples();
            int found = bestLag(a, b, (int) (GeneratedDatasets.LAG_RANGE * RATE) + 200);
            assertThat(found / (double) RATE).as("clip %d: measured lag", i).isCloseTo(lag, within(0.001));
        }
    }

    /** The shift {@code d} (samples) maximising the correlation of {@code a[n]} with {@code b[n + d]}. */
    private static int bestLag(float[] a, float[] b, int maxLag) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int d = -maxLag; d <= maxLag; d++) {
            double ab = 0;
            double bb = 0;
            for (int n = Math.max(0, -d); n < a.length && n + d < b.length; n++) {
                ab += a[n] * (double) b[n + d];
                bb += b[n + d] * (double) b[n + d];
            }
            double v = bb > 0 ? ab / Math.sqrt(bb) : 0;
            if (v > bestValue) {
                bestValue = v;
                best = d;
            }
        }
        return best;
    }

    @Test
    void silentMotionIsOnlyAmbientSound() throws MediaException {
        int windows = 0;
        for (Path dataset : List.of(GeneratedDatasets.synced(), GeneratedDatasets.lagged())) {
            for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
                JsonObject sidecar = GeneratedDatasets.sidecar(dataset, i);
                double lag = sidecar.get("lagSeconds").getAsDouble();
                double ambient = sidecar.get("ambientLevel").getAsDouble();
                float[] samples = audio(dataset, i).samples();
                for (JsonObject silent : GeneratedDatasets.events(sidecar, "silent")) {
                    double from = silent.get("time").getAsDouble() + lag;
                    double to = from + silent.get("duration").getAsDouble();
                    if (from < 0 || to > sidecar.get("seconds").getAsDouble() || overlapsSound(sidecar, from, to)) {
                        continue;
                    }
                    double rms = rms(samples, (int) (from * RATE), (int) (to * RATE));
                    assertThat(rms).as("clip %d: RMS while object %s moves silently, ambient %.4f", i,
                            silent.get("objectId"), ambient).isBetween(0.7 * ambient, 1.4 * ambient);
                    windows++;
                }
            }
        }
        assertThat(windows).as("silent windows free of other sounds").isGreaterThan(0);
    }

    /** Whether any sound of the clip (with its ring-out) reaches into [from, to] seconds of sound time. */
    private static boolean overlapsSound(JsonObject sidecar, double from, double to) {
        double lag = sidecar.get("lagSeconds").getAsDouble();
        for (JsonObject e : GeneratedDatasets.events(sidecar, "hit", "offscreen", "scratch")) {
            double start = e.get("time").getAsDouble() + lag;
            double end = start + e.get("soundSeconds").getAsDouble() + 0.05;
            if (start < to && end > from) {
                return true;
            }
        }
        return false;
    }

    static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s[i] * (double) s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    @Test
    void spokenWordsAreLouderThanTheAmbientBed() throws MediaException {
        Path spoken = GeneratedDatasets.spoken();
        int words = 0;
        for (int i = 0; i < 3; i++) {
            JsonObject sidecar = GeneratedDatasets.sidecar(spoken, i);
            float[] samples = audio(spoken, i).samples();
            for (var w : sidecar.getAsJsonArray("words")) {
                JsonObject word = w.getAsJsonObject();
                int from = (int) (word.get("time").getAsDouble() * RATE);
                int to = from + (int) (word.get("duration").getAsDouble() * RATE);
                assertThat(rms(samples, from, to)).as("clip %d: word %s", i, word.get("word"))
                        .isGreaterThan(3 * sidecar.get("ambientLevel").getAsDouble());
                words++;
            }
        }
        assertThat(words).isGreaterThan(0);
    }
}
