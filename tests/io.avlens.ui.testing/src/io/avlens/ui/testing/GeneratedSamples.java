package io.avlens.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.io.FileTrees;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.WavWriter;
import io.avlens.media.dsp.GriffinLim;
import io.avlens.media.dsp.LogMelSpectrogram;
import io.avlens.inference.InferenceException;
import io.avlens.models.BuiltinModels;
import io.avlens.models.difffoley.ClipCondition;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyDescriptor;
import io.avlens.models.difffoley.DiffFoleyGenerator;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleyShippedModel;

/**
 * Generated samples for the UI tests, in the layout every generator writes ({@link GeneratedSample}): {@link #sample}
 * is the shipped Diff-Foley-small's sound for the clip at its defaults (ω 4.5, γ 50, 25 DPM-Solver++ steps, seed
 * 21); {@link #griffinLimResynthesis} is the <b>Griffin-Lim resynthesis</b> of the clip's own log-mel (profile
 * avshapes-small, 32 iterations), a real vocoder output for tests of the views' wiring that need no model.
 */
public final class GeneratedSamples {

    /** The model id the resynthesis is recorded under. */
    public static final String RESYNTHESIS = "griffin-lim-resynthesis";

    private GeneratedSamples() {
    }

    /** The model {@link #sample} generates with. */
    public static final String MODEL = DiffFoleyDescriptor.MODEL_ID;

    /**
     * Writes the shipped Diff-Foley-small's sample for {@code clip} (its first 4 s) into {@code folder} (created):
     * STEM.wav, STEM.mel.npy and STEM.json, with the sample's sync offset; returns the record file.
     */
    public static Path sample(Path clip, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path models = Files.createTempDirectory("avlens-ui-models");
        Path descriptor = BuiltinModels.of(new DiffFoleyShippedModel()).install(models).stream()
                .filter(i -> i.id().equals(MODEL)).findFirst().orElseThrow().descriptor();
        try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.small(), 1)) {
            DiffFoleyGenerator generator = model.generator();
            ClipCondition condition = ClipCondition.decode(clip, generator.profile());
            GuidanceSettings settings = GuidanceSettings.DEFAULT;
            FloatTensor mel = generator.generate(condition, DiffFoleyGenerator.clipName(clip), List.of(settings),
                    new NullProgressMonitor()).get(0);
            GeneratedSample sample = new GeneratedSample(clip.toAbsolutePath().toString(), MODEL, settings,
                    settings.stem(), false, Map.of("syncOffset", generator.syncOffset(condition, mel)));
            Npy.write(sample.mel(folder), mel);
            WavWriter.write(sample.wav(folder), generator.vocode(mel), WavWriter.Encoding.PCM_16);
            sample.write(folder);
            return sample.json(folder);
        } catch (InferenceException e) {
            throw new IOException(clip + ": Diff-Foley-small failed: " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(models); // installed for this sample only (about 5 MB)
        }
    }

    /**
     * The clip's sound → log-mel (avshapes-small: 16 kHz, 64 bands, hop 250, unit dB) → 32 Griffin-Lim iterations,
     * written as STEM.wav, STEM.mel.npy and STEM.json with model {@value #RESYNTHESIS}. A vocoder has no guidance:
     * the settings record ω 1, γ 0 (the plain conditional model) and seed 21.
     */
    public static Path griffinLimResynthesis(Path clip, Path folder) throws IOException {
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

    /**
     * Rewrites a sample's record to name {@code clip} as its clip, as in a result the runner's cache reused from
     * another project's copy of the clip (which may be gone).
     */
    public static void nameClip(Path record, Path clip) throws IOException {
        GeneratedSample s = GeneratedSample.read(record);
        new GeneratedSample(clip.toString(), s.model(), s.settings(), s.stem(), s.video(), s.metrics())
                .write(record.getParent());
    }
}
