package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics.Detection;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.media.dsp.PeakPicker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Onsets of a waveform with CondFoleyGen's confidences ({@code predict_onset.py}), for {@link
 * io.avlens.analysis.generation.OnsetMetrics}: spectral-flux onsets ({@link OnsetDetector}) on the profile's mel
 * frame grid; each onset's confidence is the peak of the normalised {@code |wave|} ({@code |x| / max |x|}) within
 * ±{@value #WINDOW} s of it; then non-maximum suppression over {@value #WINDOW} s (the most confident onset keeps,
 * every other within the window goes). Immutable and thread-safe.
 */
public final class WaveOnsets {

    /** Confidence window and suppression window, seconds (CondFoleyGen's 0.05). */
    public static final double WINDOW = 0.05;

    private final OnsetDetector detector;

    /** The detector at {@code profile}'s mel grid with {@code picker}. */
    public WaveOnsets(PreprocessingProfile profile, PeakPicker picker) {
        this.detector = new OnsetDetector(profile.mel(), profile.sampleRate(), picker);
    }

    /** The detector at {@code profile}'s mel grid with {@link OnsetDetector#DEFAULT_PICKER}. */
    public WaveOnsets(PreprocessingProfile profile) {
        this(profile, OnsetDetector.DEFAULT_PICKER);
    }

    /** The onsets of {@code signal}, by time, with confidences in [0, 1]. */
    public List<Detection> detect(AudioSignal signal) {
        double[] times = detector.onsets(signal);
        float[] x = signal.samples();
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        List<Detection> all = new ArrayList<>();
        int rate = signal.sampleRate();
        int half = (int) Math.round(WINDOW * rate);
        for (double t : times) {
            int centre = (int) Math.round(t * rate);
            double best = 0;
            for (int i = Math.max(0, centre - half); i <= Math.min(x.length - 1, centre + half); i++) {
                best = Math.max(best, Math.abs(x[i]));
            }
            all.add(new Detection(t, peak == 0 ? 0 : best / peak));
        }
        return suppress(all, WINDOW);
    }

    /** Non-maximum suppression: by falling confidence, an onset is kept unless a kept one is within the window. */
    static List<Detection> suppress(List<Detection> onsets, double window) {
        List<Detection> sorted = new ArrayList<>(onsets);
        sorted.sort(Comparator.comparingDouble((Detection d) -> -d.confidence()).thenComparingDouble(Detection::time));
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.stream().noneMatch(k -> Math.abs(k.time() - d.time()) < window)) {
                kept.add(d);
            }
        }
        kept.sort(Comparator.comparingDouble(Detection::time));
        return kept;
    }
}
