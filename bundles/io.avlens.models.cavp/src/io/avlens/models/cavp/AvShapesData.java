package io.avlens.models.cavp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.io.MediaFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Reads an AV-Shapes data folder ({@code DIR/media/clip-NNNNN.mp4} with a {@code .json} sidecar holding
 * {@code lagSeconds}) into {@link ClipTensors} at a profile, decoding each clip once: the frames ({@code uint8}) and
 * the log-mel ({@code float32}) are cached as {@code .npy} under {@code DIR/cache/<profile id>/} and read from
 * there on later runs, so training epochs and repeated evaluations never decode again. A cache file older than its
 * MP4 is rebuilt.
 */
public final class AvShapesData {

    private final PreprocessingProfile profile;
    private final int melPerStep;

    public AvShapesData(CavpConfig config) {
        this.profile = config.profile();
        this.melPerStep = config.melPerStep();
    }

    /** The clips of {@code dataDir}, sorted by file name. */
    public List<ClipTensors> load(Path dataDir) throws IOException {
        return load(dataDir, () -> false);
    }

    /**
     * @param cancelled polled between clips; when it turns true, loading stops with the clips read so far
     * @throws IOException when the folder has no {@code media/*.mp4}, or a clip cannot be decoded (the message names
     *                     it)
     */
    public List<ClipTensors> load(Path dataDir, BooleanSupplier cancelled) throws IOException {
        Path media = dataDir.resolve("media");
        if (!Files.isDirectory(media)) {
            throw new IOException(dataDir + ": no media/ folder; expected an AV-Shapes dataset (media/clip-*.mp4)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(media)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".mp4")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(media + ": no .mp4 clips");
        }
        Path cache = dataDir.resolve("cache").resolve(profile.id());
        Files.createDirectories(cache);
        List<ClipTensors> clips = new ArrayList<>();
        for (Path f : files) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            clips.add(clip(f, cache));
        }
        return clips;
    }

    /**
     * One clip, from the cache when it is fresh.
     *
     * @param cacheDir where decoded clips are kept; null to decode without reading or writing a cache
     */
    public ClipTensors clip(Path mp4, Path cacheDir) throws IOException {
        String name = mp4.getFileName().toString();
        String id = name.substring(0, name.length() - 4);
        double lag = lagSeconds(mp4.resolveSibling(id + ".json"));
        if (cacheDir == null) {
            return decode(mp4, id, lag);
        }
        Path framesFile = cacheDir.resolve(id + ".frames.npy");
        Path melFile = cacheDir.resolve(id + ".mel.npy");
        long stamp = Files.getLastModifiedTime(mp4).toMillis();
        if (Files.exists(framesFile) && Files.exists(melFile)
                && Files.getLastModifiedTime(framesFile).toMillis() >= stamp
                && Files.getLastModifiedTime(melFile).toMillis() >= stamp) {
            NpyArray f = Npy.read(framesFile);
            byte[] bytes = new byte[(int) f.size()];
            f.data().duplicate().get(bytes);
            NpyArray m = Npy.read(melFile);
            return new ClipTensors(id, f.shape()[0], bytes, m.toFloatTensor().toArray(), lag);
        }
        ClipTensors c = decode(mp4, id, lag);
        int h = profile.video().height();
        int w = profile.video().width();
        Npy.write(framesFile, NpyArray.ofUnsignedBytes(new int[] {c.steps(), h, w, 3}, c.frames()));
        Npy.write(melFile, FloatTensor.wrap(new int[] {profile.mel().bins(), c.steps() * melPerStep}, c.mel()));
        return c;
    }

    /** Decodes a clip ({@link StepAlignedClip#decode}) and keeps its frames as bytes. */
    ClipTensors decode(Path mp4, String id, double lag) throws IOException {
        StepAlignedClip clip = StepAlignedClip.decode(mp4, profile);
        float[] fv = clip.frames().toArray();
        byte[] bytes = new byte[fv.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.round(fv[i] * 255f);
        }
        return new ClipTensors(id, clip.steps(), bytes, clip.mel().toArray(), lag);
    }

    /** The sidecar's {@code lagSeconds}; 0 when there is no sidecar or no such field. */
    static double lagSeconds(Path json) throws IOException {
        return knownLagSeconds(json).orElse(0);
    }

    /**
     * The {@code lagSeconds} of a clip sidecar ({@code clip-00000.json} beside {@code clip-00000.mp4}: how much later
     * the sound is than the picture), when there is a sidecar with that field.
     *
     * @throws IOException naming the file when it exists but is not a JSON object with a numeric lag
     */
    public static OptionalDouble knownLagSeconds(Path json) throws IOException {
        if (!Files.exists(json)) {
            return OptionalDouble.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            JsonElement lag = o.get("lagSeconds");
            return lag == null || lag.isJsonNull() ? OptionalDouble.empty() : OptionalDouble.of(lag.getAsDouble());
        } catch (RuntimeException e) {
            throw new IOException(json + ": not a clip sidecar (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether a clip sidecar lists a sounding event on screen: a {@code hit} or a {@code scratch} (an
     * {@code offscreen} sound or {@code silent} motion has nothing in the picture to synchronise with). False
     * without a sidecar or without events.
     *
     * @throws IOException naming the file when it exists but is not a JSON object
     */
    public static boolean visibleSoundingEvent(Path json) throws IOException {
        if (!Files.exists(json)) {
            return false;
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            JsonElement events = o.get("events");
            if (events == null || !events.isJsonArray()) {
                return false;
            }
            for (JsonElement e : events.getAsJsonArray()) {
                JsonElement type = e.isJsonObject() ? e.getAsJsonObject().get("type") : null;
                String t = type == null || type.isJsonNull() ? "" : type.getAsString();
                if (t.equals("hit") || t.equals("scratch")) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            throw new IOException(json + ": not a clip sidecar (" + e.getMessage() + ")", e);
        }
    }

    /** The sidecar beside a clip: {@code clip-00000.json} for {@code clip-00000.mp4}. */
    public static Path sidecar(Path media) {
        return MediaFiles.sibling(media, ".json");
    }
}
