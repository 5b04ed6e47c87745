package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;
import io.avlens.media.dsp.LogMelSpectrogram;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpConfig;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.ClipTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Scores sound for AV-Shapes clips with issue #18's metrics: the clip's real audio (the ceiling) or generated
 * samples ({@link GeneratedSample} records). Every sound is judged as heard: its waveform, at the avshapes-small
 * profile (for a sample its {@code STEM.wav}, re-analysed; not its {@code STEM.mel.npy}, which the vocoder only
 * approximates). Per sound: the alignment judge's P(aligned) with the clip's frozen CAVP-small video features, its
 * onsets ({@link WaveOnsets}) against the sidecar's on-screen events ({@link SoundingEvents}), the sync offset (the
 * sample's own {@code syncOffset} metric when it has one, else CAVP-small's lag estimate over ±1 s of the sound
 * with the clip's frames), the material judge's verdict and embedding. {@link GenerationReport} aggregates.
 * Owns the judges and CAVP-small: close it. Not thread-safe.
 */
public final class GenerationEvaluation implements AutoCloseable {

    /** Lags CAVP-small searches for the sync offset, seconds. */
    public static final double MAX_LAG_SECONDS = 1.0;
    /** The group of the real audio. */
    public static final String REAL = "real";
    /** The group of the real audio made late. */
    public static final String LATE = "control: real sound 0.5 s late";
    /** The group of another clip's real audio. */
    public static final String SWAPPED = "control: another clip's real sound";
    /** How late the late control is, seconds. */
    public static final double LATE_SECONDS = 0.5;

    private final JudgeModel judges;
    private final CavpModel cavp;
    private final PreprocessingProfile profile = CavpConfig.small().profile();
    private final AvShapesData data = new AvShapesData(CavpConfig.small());
    private final WaveOnsets onsets = new WaveOnsets(profile);
    private final LogMelSpectrogram mel = LogMelSpectrogram.of(profile);
    private boolean decodeCache = true;

    /** With given judges (closed with this) and the shipped CAVP-small. */
    public GenerationEvaluation(JudgeModel judges) throws IOException {
        this.judges = judges;
        this.cavp = CavpModel.bundled();
    }

    /** With the shipped judges and CAVP-small. */
    public static GenerationEvaluation shipped() throws IOException {
        return new GenerationEvaluation(JudgeModel.bundled());
    }

    /**
     * Whether decoded clips are kept in their dataset's {@code cache/} folder (the cache training shares; on by
     * default). Off, nothing is written beside the clips; a dataset folder that cannot be written is read without
     * the cache either way.
     *
     * @return this
     */
    public GenerationEvaluation decodeCache(boolean on) {
        this.decodeCache = on;
        return this;
    }

    /**
     * The real audio of {@code clips} ({@code DIR/media/clip-*.mp4} with sidecars).
     *
     * @throws IOException naming a clip that cannot be decoded or has no sidecar
     */
    public List<SoundScore> real(List<Path> clips, BooleanSupplier cancelled) throws IOException {
        List<SoundScore> out = new ArrayList<>();
        for (Path mp4 : clips) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            out.add(score(mp4, REAL, read(mp4), Double.NaN));
        }
        return out;
    }

    /**
     * One generated sample of the clip {@code mp4}, from its folder.
     *
     * @throws IOException naming the file that cannot be read
     */
    public SoundScore sample(Path mp4, Path folder, GeneratedSample sample) throws IOException {
        Double offset = sample.metrics().get("syncOffset");
        return score(mp4, sample.settings().stem(), read(sample.wav(folder)),
                offset == null ? Double.NaN : offset);
    }

    /**
     * The controls for the real audio of {@code clips}: each clip's real sound {@value #LATE_SECONDS} s late
     * (group {@value #LATE}) and the real sound of the clip two places on (group {@value #SWAPPED}; two, so that an
     * even clip gets an even clip's sound and the FAD's odd reference half stays disjoint). A metric that does not rank
     * them below the real audio cannot tell aligned sound from misaligned.
     *
     * @throws IOException naming a clip that cannot be decoded
     */
    public List<SoundScore> controls(List<Path> clips) throws IOException {
        List<SoundScore> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            out.addAll(controls(clips, i));
        }
        return out;
    }

    /**
     * The controls of clip {@code i} of {@code clips} ({@link #controls(List)} one clip at a time, for progress).
     *
     * @throws IOException naming a clip that cannot be decoded
     */
    public List<SoundScore> controls(List<Path> clips, int i) throws IOException {
        List<SoundScore> out = new ArrayList<>();
        AudioSignal own = read(clips.get(i));
        float[] x = own.samples();
        float[] late = new float[x.length];
        int shift = (int) Math.round(LATE_SECONDS * own.sampleRate());
        if (shift < x.length) {
            System.arraycopy(x, 0, late, shift, x.length - shift);
        }
        out.add(score(clips.get(i), LATE, new AudioSignal(late, own.sampleRate()), Double.NaN));
        if (clips.size() > 1) {
            int other = (i + (clips.size() > 2 ? 2 : 1)) % clips.size(); // same parity: not FAD's reference
            out.add(score(clips.get(i), SWAPPED, read(clips.get(other)), Double.NaN));
        }
        return out;
    }

    /** The embeddings of the real audio of {@code clips}, in order (the Fréchet distance's reference). */
    public List<float[]> realEmbeddings(List<Path> clips) throws IOException {
        List<float[]> out = new ArrayList<>();
        for (Path mp4 : clips) {
            JudgeClip c = judgeClip(mp4, null);
            out.add(judges.judge(c)[0].embedding());
        }
        return out;
    }

    private AudioSignal read(Path file) throws IOException {
        try {
            return AudioReader.read(file, profile.sampleRate());
        } catch (MediaException e) {
            String m = e.getMessage();
            throw new IOException(m != null && m.contains(file.toString()) ? m : file + ": " + m, e);
        }
    }

    /** Scores {@code sound} as the soundtrack of clip {@code mp4}; {@code knownOffset} NaN: estimate it. */
    SoundScore score(Path mp4, String group, AudioSignal sound, double knownOffset) throws IOException {
        float[] m = mel.compute(sound).toArray();
        float[] fitted = JudgeData.fit(m, m.length / JudgeBlock.BINS);
        JudgeClip clip = judgeClip(mp4, fitted);
        JudgeModel.Verdict v = judges.judge(clip)[0];
        OnsetMetrics.ClipScore o = OnsetMetrics.score(clip.events().targets(), onsets.detect(sound));
        double offset = Double.isNaN(knownOffset) ? lag(mp4, fitted) : knownOffset;
        Boolean material = clip.events().soundingMaterials().isEmpty() ? null
                : JudgeMaterials.right(v.materials(), clip.events().soundingMaterials());
        return new SoundScore(clip.id(), group, v.aligned(), o, offset, material, v.embedding(), clip.events().kinds());
    }

    /**
     * The onset figures of the real audio of {@code clips} with the detector's threshold at each of {@code deltas}
     * and the matching tolerance at each of {@code tolerances}: how the detector's setting plays on real sound
     * (choose on a validation split). Keys {@code delta}, {@code tolerance} and the {@link OnsetMetrics.Summary}.
     */
    public List<Map<String, Object>> onsetSweep(List<Path> clips, double[] deltas, double[] tolerances)
            throws IOException {
        return onsetSweep(clips, deltas, tolerances, () -> {
        });
    }

    /** {@link #onsetSweep(List, double[], double[])}, calling {@code eachClip} when a clip's sound is read. */
    public List<Map<String, Object>> onsetSweep(List<Path> clips, double[] deltas, double[] tolerances,
            Runnable eachClip) throws IOException {
        List<AudioSignal> sounds = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (Path mp4 : clips) {
            sounds.add(read(mp4));
            targets.add(SoundingEvents.read(AvShapesData.sidecar(mp4)).targets());
            eachClip.run();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double delta : deltas) {
            WaveOnsets detector = new WaveOnsets(profile, OnsetDetector.DEFAULT_PICKER.withDelta(delta));
            List<List<OnsetMetrics.Detection>> found = new ArrayList<>();
            for (AudioSignal s : sounds) {
                found.add(detector.detect(s));
            }
            for (double tolerance : tolerances) {
                List<OnsetMetrics.ClipScore> scores = new ArrayList<>();
                for (int i = 0; i < sounds.size(); i++) {
                    scores.add(OnsetMetrics.score(targets.get(i), found.get(i), tolerance));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("delta", delta);
                row.put("tolerance", tolerance);
                row.put("summary", OnsetMetrics.summarize(scores));
                rows.add(row);
            }
        }
        return rows;
    }

    /** The judges. */
    public JudgeModel judges() {
        return judges;
    }

    /**
     * The clip's real sound and video features as the judges see them.
     *
     * @throws IOException naming the clip that cannot be decoded or has no sidecar
     */
    public JudgeClip realClip(Path mp4) throws IOException {
        return judgeClip(mp4, null);
    }

    /** The clip's judge input with {@code sound} as its mel (null: its own). */
    private JudgeClip judgeClip(Path mp4, float[] sound) throws IOException {
        ClipTensors c = tensors(mp4);
        JudgeClip own = JudgeData.clip(cavp, c, SoundingEvents.read(AvShapesData.sidecar(mp4)));
        return sound == null ? own : own.withMel(sound);
    }

    private ClipTensors tensors(Path mp4) throws IOException {
        Path cache = null;
        if (decodeCache) {
            cache = mp4.toAbsolutePath().getParent().getParent().resolve("cache").resolve(profile.id());
            try {
                java.nio.file.Files.createDirectories(cache);
                if (!java.nio.file.Files.isWritable(cache)) {
                    cache = null; // a read-only dataset (perhaps with a cache of its own): decode every clip
                }
            } catch (IOException e) { // a read-only dataset: decode every time
                cache = null;
            }
        }
        return data.clip(mp4, cache);
    }

    /** CAVP-small's lag estimate of {@code sound} (a [64, 256] mel) against the clip's frames, seconds. */
    private double lag(Path mp4, float[] sound) throws IOException {
        ClipTensors c = tensors(mp4);
        int steps = JudgeBlock.STEPS;
        byte[] frames = Arrays.copyOf(c.frames(), steps * (c.frames().length / Math.max(1, c.steps())));
        ClipTensors with = new ClipTensors(c.id(), steps, frames, sound, 0);
        double fps = profile.video().fps();
        return SyncOffsetEstimator.upTo(MAX_LAG_SECONDS, TimeBase.ofRate(fps))
                .estimate(cavp.features(with).volume(fps)).lagSeconds();
    }

    @Override
    public void close() {
        judges.close();
        cavp.close();
    }
}
