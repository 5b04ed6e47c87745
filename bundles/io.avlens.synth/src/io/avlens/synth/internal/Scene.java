package io.avlens.synth.internal;

import java.util.List;
import java.util.Locale;

import io.avlens.synth.SynthSpec;

/**
 * Everything one clip shows and sounds, before rendering: objects with their paths, events on the frame grid, the
 * ambient bed and the lag of the audio. Immutable by convention (arrays are not copied).
 *
 * @param spec         the dataset spec
 * @param index        the clip's index in the dataset
 * @param seed         the clip's own seed, derived from the dataset seed and the index
 * @param floorY       the floor's top row, pixels
 * @param objects      the visible objects, ids 1..n
 * @param events       hits, scratches, off-screen hits and silent motions, by frame
 * @param ambientLevel RMS of the ambient bed (noise and hum) over the clip
 * @param humHz        mains hum frequency, 50 or 60
 * @param humShare     share of the hum in the ambient bed's power, 0..1
 * @param lagSamples   the audio's delay against the picture, samples (negative: sound early)
 * @param narration    one sentence about what happens
 */
public record Scene(SynthSpec spec, int index, long seed, int floorY, List<SceneObject> objects,
        List<SceneEvent> events, double ambientLevel, double humHz, double humShare, int lagSamples,
        String narration) {

    /** The clip's name, {@code clip-00042}: the base name of its files. */
    public String name() {
        return name(index);
    }

    /** The name of clip {@code index}, {@code clip-00042}. */
    public static String name(int index) {
        return String.format(Locale.ROOT, "clip-%05d", index);
    }

    /** The lag, seconds. */
    public double lagSeconds() {
        return lagSamples / (double) SynthSpec.SAMPLE_RATE;
    }

    /** Pixels per metre: the frame is two metres wide. */
    public double pixelsPerMetre() {
        return spec.size() / 2.0;
    }
}
