package io.avlens.ui.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.model.Artifact;
import io.avlens.model.ClipResult;
import io.avlens.model.Run;
import io.avlens.model.store.Locations;
import io.avlens.ui.runs.ArtifactClips;

/**
 * The generated samples a generation run recorded for one clip: the run's artifacts that are sample records
 * ({@code STEM.json}) or their waveforms ({@code STEM.wav}), belonging to the clip by the run's clip folders
 * ({@link ArtifactClips}) or by the clip the record names. Reads files; any thread.
 */
public final class GenerationRunSamples {

    /** The experiment kind of generation runs. */
    public static final String KIND = "generate";

    private GenerationRunSamples() {
    }

    /** Whether {@code run} is a generation run (its experiment's kind is {@value #KIND}). */
    public static boolean isGeneration(Run run) {
        return run != null && run.getExperiment() != null && KIND.equals(run.getExperiment().getKind());
    }

    /**
     * The records of the samples of {@code result}'s clip in its run, in the run's order.
     *
     * @param projectFolder the folder of the run's project
     */
    public static List<Path> of(ClipResult result, Path projectFolder) {
        if (!(result.eContainer() instanceof Run run)) {
            return List.of();
        }
        Path clipMedia = media(result, projectFolder); // null: match by the run's clip folders only
        Set<Path> records = new LinkedHashSet<>();
        for (Artifact artifact : run.getArtifacts()) {
            Path record = recordOf(artifact, projectFolder);
            if (record == null || records.contains(record)) {
                continue;
            }
            GeneratedSample sample;
            try {
                sample = GeneratedSample.read(record);
            } catch (IOException notASample) {
                continue;
            }
            Optional<Path> folderClip = ArtifactClips.mediaOf(run, artifact, projectFolder);
            boolean mine = clipMedia != null && (folderClip.map(p -> normal(p).equals(clipMedia)).orElse(false)
                    || normal(record.getParent().resolve(sample.clip())).equals(clipMedia));
            if (mine) {
                records.add(record);
            }
        }
        return new ArrayList<>(records);
    }

    /**
     * The media file of {@code result}'s clip in its project, or null when it has none or its location does not
     * resolve. Open a run's samples on it: their records name the clip they were computed for, which for a result
     * the runner's cache reused is another project's copy of the clip.
     */
    public static Path media(ClipResult result, Path projectFolder) {
        if (result.getClip() == null || result.getClip().getMediaLocation() == null) {
            return null;
        }
        try {
            return normal(Locations.resolve(projectFolder, result.getClip().getMediaLocation()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The record an artifact stands for (itself, or the record beside a waveform), or null. */
    private static Path recordOf(Artifact artifact, Path projectFolder) {
        String location = artifact.getLocation();
        if (location == null) {
            return null;
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(GeneratedSample.JSON) && !lower.endsWith(GeneratedSample.WAV)) {
            return null;
        }
        try {
            Path file = normal(Locations.resolve(projectFolder, location));
            if (lower.endsWith(GeneratedSample.WAV)) {
                String name = file.getFileName().toString();
                file = file.resolveSibling(name.substring(0, name.length() - GeneratedSample.WAV.length())
                        + GeneratedSample.JSON);
            }
            return Files.isRegularFile(file) ? file : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
