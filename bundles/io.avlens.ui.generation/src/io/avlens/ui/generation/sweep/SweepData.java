package io.avlens.ui.generation.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.analysis.generation.SweepManifest;
import io.avlens.core.io.MediaFiles;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.AudioReader;
import io.avlens.media.MediaException;
import io.avlens.media.dsp.OnsetDetector;

/**
 * One clip's guidance sweep as the grid view shows it: the manifest, the {@link SweepGrid} of its samples, and per
 * sample its log-mel (the thumbnail) and the onsets {@link OnsetDetector} finds in its WAV; the clip's ground-truth
 * sound events from its AV-Shapes sidecar (none without one). Read off the UI thread; immutable afterwards.
 *
 * @param folder   the sweep's folder ({@code sweep.json} and the cells' files)
 * @param manifest the sweep's record
 * @param grid     the samples as rows ω × columns γ
 * @param mels     each sample's log-mel {@code [bins, frames]} in [0, 1], by stem
 * @param onsets   each sample's detected onsets, seconds, by stem
 * @param events   the clip's on-screen sound events (targets), seconds; empty without a sidecar
 * @param seconds  the clip time the mels cover
 * @param dataset  the grid over every clip of a dataset sweep (the metric surface's means), {@code grid} for one
 * @param clips    the clips {@code dataset} holds
 */
public record SweepData(Path folder, SweepManifest manifest, SweepGrid grid, Map<String, FloatTensor> mels,
        Map<String, double[]> onsets, double[] events, double seconds, SweepGrid dataset, int clips) {

    /**
     * Reads the sweep in {@code folder}: one clip's ({@code folder/sweep.json}), or a dataset sweep's (a folder of
     * such folders, as {@code avlens sweep --data} writes), whose first clip the grid shows and whose every clip the
     * metric surface averages.
     *
     * @throws IOException naming the folder when it holds no sweep, or the file that cannot be read
     */
    public static SweepData open(Path folder, IProgressMonitor monitor) throws IOException {
        if (SweepManifest.isSweep(folder)) {
            return read(folder, monitor);
        }
        List<Path> clips;
        try (var s = Files.list(folder)) {
            clips = s.filter(p -> Files.isDirectory(p) && SweepManifest.isSweep(p)).sorted().toList();
        }
        if (clips.isEmpty()) {
            throw new IOException(folder + ": not a sweep folder (it has no " + SweepManifest.FILE
                    + ", nor folders with one)");
        }
        SweepData first = read(clips.get(0), monitor);
        List<GeneratedSample> all = new ArrayList<>(first.grid().samples());
        for (Path clip : clips.subList(1, clips.size())) {
            SweepManifest m = SweepManifest.read(clip);
            GeneratedSample.list(clip).stream().filter(s -> s.model().equals(m.model())).forEach(all::add);
        }
        return new SweepData(first.folder(), first.manifest(), first.grid(), first.mels(), first.onsets(),
                first.events(), first.seconds(), SweepGrid.of(all), clips.size());
    }

    /**
     * Reads the sweep in {@code folder}.
     *
     * @throws IOException naming the file that is missing or unreadable
     * @throws OperationCanceledException when cancelled
     */
    public static SweepData read(Path folder, IProgressMonitor monitor) throws IOException {
        SweepManifest manifest = SweepManifest.read(folder);
        List<GeneratedSample> samples = new ArrayList<>();
        for (GeneratedSample s : GeneratedSample.list(folder)) {
            if (s.model().equals(manifest.model())) {
                samples.add(s);
            }
        }
        if (samples.isEmpty()) {
            throw new IOException(folder + ": the sweep has no generated sample (no STEM.json records)");
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Reading the sweep " + folder.getFileName(),
                samples.size());
        var profile = Profiles.AVSHAPES_SMALL;
        OnsetDetector detector = OnsetDetector.of(profile);
        Map<String, FloatTensor> mels = new HashMap<>();
        Map<String, double[]> onsets = new HashMap<>();
        double seconds = profile.clipSeconds();
        for (GeneratedSample s : samples) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            FloatTensor mel = Npy.read(s.mel(folder)).toFloatTensor();
            mels.put(s.stem(), mel);
            seconds = mel.dim(1) / profile.melFramesPerSecond();
            try {
                onsets.put(s.stem(), detector.onsets(AudioReader.read(s.wav(folder), profile.sampleRate())));
            } catch (MediaException | IllegalArgumentException e) {
                throw new IOException(s.wav(folder) + ": cannot read the cell's sound: " + e.getMessage(), e);
            }
            progress.worked(1);
        }
        SweepGrid grid = SweepGrid.of(samples);
        return new SweepData(folder, manifest, grid, Map.copyOf(mels), Map.copyOf(onsets),
                events(Path.of(manifest.clip())), seconds, grid, 1);
    }

    private static double[] events(Path clip) {
        Path sidecar = MediaFiles.sibling(clip, ".json");
        if (!Files.isRegularFile(sidecar)) {
            return new double[0];
        }
        try {
            return SoundingEvents.read(sidecar).targets();
        } catch (IOException notAvShapes) {
            return new double[0];
        }
    }

    /**
     * This sweep on {@code media}: the clip of the run it belongs to. A sweep's record names the clip it was computed
     * for, but the runner's cache reuses a result for every file with the same content, so a run in another project
     * (or of a project moved since) gets cells whose record names a file elsewhere, perhaps gone.
     *
     * @param media the clip's media file, or null to keep the record's
     */
    public SweepData onClip(Path media) {
        if (media == null || media.equals(clip())) {
            return this;
        }
        SweepManifest m = new SweepManifest(media.toString(), manifest.model(), manifest.omegas(),
                manifest.gammas(), manifest.seeds(), manifest.steps(), manifest.sampler());
        return new SweepData(folder, m, grid, mels, onsets, events(media), seconds, dataset, clips);
    }

    /** The clip's media file. */
    public Path clip() {
        return Path.of(manifest.clip());
    }

    /** The sample a cell shows: its sample of the {@code seedIndex}-th seed (the first when it has fewer), or null. */
    public GeneratedSample sample(int row, int column, int seedIndex) {
        List<GeneratedSample> cell = grid.cell(row, column);
        if (cell.isEmpty()) {
            return null;
        }
        long seed = manifest.seeds().get(Math.min(seedIndex, manifest.seeds().size() - 1));
        return cell.stream().filter(s -> s.settings().seed() == seed).findFirst().orElse(cell.get(0));
    }

    /** The soundtrack id of a sample: its record's path, as Open Generated Sound names it. */
    public String soundtrackId(GeneratedSample sample) {
        return sample.json(folder).toString();
    }
}
