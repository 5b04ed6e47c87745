package io.avlens.ui.runs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.model.Artifact;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.Locations;

/**
 * The clip a run's artifact was computed on. A run writes each clip's files into
 * {@code runs/<run>/<model>/<clip folder>/} and lists, in its {@code run.json}, every clip with its folder and media
 * file; a run without that record still names the clip by its folder (the clip's id), which is looked up in the
 * project. Reads files; any thread.
 */
public final class ArtifactClips {

    private ArtifactClips() {
    }

    /**
     * The media file of the clip {@code artifact} of {@code run} belongs to, if it can be told and exists.
     *
     * @param projectFolder the folder of the run's project, against which locations are resolved
     */
    public static Optional<Path> mediaOf(Run run, Artifact artifact, Path projectFolder) {
        try {
            Path file = Locations.resolve(projectFolder, artifact.getLocation());
            Path clipFolder = file.getParent();
            Path runFolder = runFolder(run, projectFolder);
            if (clipFolder == null || runFolder == null || !clipFolder.startsWith(runFolder)
                    || clipFolder.equals(runFolder)) {
                return Optional.empty(); // a run-level file (metrics, a summary), of no one clip
            }
            Optional<Path> recorded = fromRunJson(runFolder, runFolder.relativize(clipFolder));
            if (recorded.isPresent()) {
                return recorded;
            }
            return byClipId(run, clipFolder.getFileName().toString(), projectFolder);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a location that does not resolve: nothing to link to
        }
    }

    private static Path runFolder(Run run, Path projectFolder) {
        if (run.getLogLocation() != null && !run.getLogLocation().isBlank()) {
            return Locations.resolve(projectFolder, run.getLogLocation()).getParent();
        }
        return run.getId() == null ? null : projectFolder.resolve("runs").resolve(run.getId()).normalize();
    }

    /** The media of the clip whose {@code folder} (relative to the run folder) is {@code relative}, per run.json. */
    private static Optional<Path> fromRunJson(Path runFolder, Path relative) {
        Path json = runFolder.resolve("run.json");
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        String wanted = relative.toString().replace('\\', '/');
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(in);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("clips")
                    || !root.getAsJsonObject().get("clips").isJsonArray()) {
                return Optional.empty();
            }
            for (JsonElement e : root.getAsJsonObject().getAsJsonArray("clips")) {
                if (e.isJsonObject() && wanted.equals(text(e.getAsJsonObject(), "folder"))) {
                    String media = text(e.getAsJsonObject(), "media");
                    if (media != null && Files.isRegularFile(Path.of(media))) {
                        return Optional.of(Path.of(media));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | JsonParseException | IllegalStateException | java.nio.file.InvalidPathException e) {
            return Optional.empty(); // an unreadable record: fall back on the folder's name
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The clip with id {@code id} (its folder's name) in the first dataset of the run's project that has one. */
    private static Optional<Path> byClipId(Run run, String id, Path projectFolder) {
        EObject root = EcoreUtil.getRootContainer(run);
        if (!(root instanceof Project project)) {
            return Optional.empty();
        }
        for (Dataset dataset : project.getDatasets()) {
            Clip clip = dataset.findClip(id);
            if (clip != null) {
                Path media = Locations.resolve(projectFolder, clip.getMediaLocation());
                return Files.isRegularFile(media) ? Optional.of(media) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
