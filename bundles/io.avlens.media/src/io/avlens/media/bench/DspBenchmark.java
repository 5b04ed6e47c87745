package io.avlens.media.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.GriffinLim;
import io.avlens.media.dsp.LogMelSpectrogram;

/**
 * Measures the audio side of the media layer on the calling thread (one core): log-mel spectrograms as a multiple
 * of real time, and Griffin-Lim inversion time. Input is deterministic synthetic audio (tones and noise bursts).
 * Each measurement is warmed up, sized so that one timing covers at least a second of work ({@link RepeatedWork}:
 * the same input processed several times), repeated, and reported as the median time per pass. Measures, never
 * judges.
 */
public final class DspBenchmark {

    /**
     * Results.
     *
     * @param profile             the profile whose mel settings were used
     * @param melAudioSeconds     seconds of audio per log-mel run
     * @param melMedianSeconds    median time of one log-mel run
     * @param griffinLimSeconds   seconds of audio inverted
     * @param griffinLimIterations iterations per inversion
     * @param griffinLimMedianSeconds median time of one inversion (mel → waveform)
     * @param melRepeats          log-mel passes per timing
     * @param griffinLimRepeats   inversions per timing
     */
    public record Result(String profile, double melAudioSeconds, double melMedianSeconds, double griffinLimSeconds,
            int griffinLimIterations, double griffinLimMedianSeconds, int melRepeats, int griffinLimRepeats) {

        /** Audio seconds analysed per second of computation. */
        public double melRealTimeFactor() {
            return melAudioSeconds / melMedianSeconds;
        }
    }

    private DspBenchmark() {
    }

    /**
     * Runs both measurements.
     *
     * @param profile    mel settings and sample rate to use (must have a mel spectrogram)
     * @param runs       timed repetitions per measurement, at least 1
     * @param iterations Griffin-Lim iterations (the target is given for 32)
     */
    public static Result run(PreprocessingProfile profile, int runs, int iterations) {
        return run(profile, runs, iterations, RepeatedWork.MIN_SECONDS);
    }

    /**
     * Runs both measurements, each timing over at least {@code minSeconds} of work.
     *
     * @see #run(PreprocessingProfile, int, int)
     */
    public static Result run(PreprocessingProfile profile, int runs, int iterations, double minSeconds) {
        if (profile.mel() == null) {
            throw new IllegalArgumentException(profile.id() + " has no mel spectrogram");
        }
        int rate = profile.sampleRate();
        AudioSignal minute = synthetic(60, rate);
        LogMelSpectrogram mel = new LogMelSpectrogram(profile.mel(), rate);
        double[] melSeconds = median(runs, minSeconds, () -> mel.compute(minute));

        AudioSignal clip = synthetic(4, rate);
        FloatTensor spectrogram = mel.compute(clip);
        GriffinLim inverse = new GriffinLim(profile.mel(), rate);
        double[] glSeconds = median(runs, minSeconds, () -> inverse.invert(spectrogram, iterations));
        return new Result(profile.id(), minute.durationSeconds(), melSeconds[0], clip.durationSeconds(), iterations,
                glSeconds[0], (int) melSeconds[1], (int) glSeconds[1]);
    }

    /** {median seconds per pass, passes per timing}. */
    private static double[] median(int runs, double minSeconds, Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run(); // warm-up: JIT and FFT plans
        }
        RepeatedWork.Timing timing = repeats -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                work.run();
            }
            return (System.nanoTime() - t0) / 1e9;
        };
        try {
            int repeats = RepeatedWork.size(timing, minSeconds, RepeatedWork.MAX_REPEATS).repeats();
            double[] times = new double[Math.max(1, runs)];
            for (int i = 0; i < times.length; i++) {
                times[i] = timing.seconds(repeats) / repeats;
            }
            Arrays.sort(times);
            return new double[] {times[times.length / 2], repeats};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the timing itself never waits; keep the flag for the caller
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("in-process work cannot throw " + e, e);
        }
    }

    /** Tones with bursts and a little noise, the kind of signal the models see. */
    static AudioSignal synthetic(double seconds, int rate) {
        SplittableRandom random = new SplittableRandom(42);
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            double burst = Math.exp(-(t % 0.37) * 15);
            s[i] = (float) (0.3 * burst * Math.sin(2 * Math.PI * (220 + 55 * Math.floor(t * 3 % 7)) * t)
                    + 0.02 * (random.nextDouble() - 0.5));
        }
        return new AudioSignal(s, rate);
    }
}
