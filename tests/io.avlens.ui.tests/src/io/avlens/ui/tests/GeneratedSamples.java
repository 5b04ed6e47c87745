package io.avlens.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.WavWriter;
import io.avlens.media.dsp.GriffinLim;
import io.avlens.media.dsp.LogMelSpectrogram;

/**
 * Generated samples for the UI tests, in the layout every generator writes ({@link GeneratedSample}). Until the
 * Diff-Foley-small generator is on main, a sample is the <b>Griffin-Lim resynthesis</b> of the clip's own log-mel
 * (profile avshapes-small, 32 iterations): a real vocoder output, close to the original but not equal to it, so the
 * views have honest data. To test with the real generator, change {@link #sample} alone.
 */
final class GeneratedSamples {

    /** The model id the resynthesis is recorded under. */
    static final String RESYNTHESIS = "griffin-lim-resynthesis";

    private GeneratedSamples() {
    }

    /** Writes a generated sample of {@code clip} into {@code folder} (created) and returns its record file. */
    static Path sample(Path clip, Path folder) throws IOException {
        return griffinLimResynthesis(clip, folder);
    }

    /**
     * The clip's sound → log-mel (avshapes-small: 16 kHz, 64 bands, hop 250, unit dB) → 32 Griffin-Lim iterations,
     * written as STEM.wav, STEM.mel.npy and STEM.json with model {@value #RESYNTHESIS}. A vocoder has no guidance:
     * the settings record ω 1, γ 0 (the plain conditional model) and seed 21.
     */
    static Path griffinLimResynthesis(Path clip, Path folder) throws IOException {
        Files.createDirectories(folder);
        MelSpec spec = Profiles.AVSHAPES_SMALL.mel();
        int rate = Profiles.AVSHAPES_SMALL.sampleRate();
        AudioSignal original = AudioReader.read(clip, rate);
        FloatTensor mel = new LogMelSpectrogram(spec, rate).compute(original);
        AudioSignal resynthesis = new GriffinLim(spec, rate).invert(mel, 32, original.samples().length);
        GuidanceSettings settings = new GuidanceSettings(1, 0, 1, GuidanceSettings.DPM, 21);
        GeneratedSample sample = new GeneratedSample(clip.toAbsolutePath().toString(), RESYNTHESIS, settings,
                settings.stem(), false, Map.of());
        Npy.write(sample.mel(folder), mel);
        WavWriter.write(sample.wav(folder), resynthesis, WavWriter.Encoding.PCM_16);
        sample.write(folder);
        return sample.json(folder);
    }
}
