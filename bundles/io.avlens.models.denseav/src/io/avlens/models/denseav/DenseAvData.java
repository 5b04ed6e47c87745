package io.avlens.models.denseav;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Reads an AV-Shapes data folder ({@code DIR/media/clip-NNNNN.mp4}) into {@link DenseClip}s, decoding each clip once:
 * frames ({@code uint8}), log-mel and per-step RMS ({@code float32}) are cached as {@code .npy} under
 * {@code DIR/cache/denseav-<profile id>/}; a cache file older than its MP4 is rebuilt. Stateless apart from the
 * config.
 */
public final class DenseAvData {

    private final DenseAvConfig config;

    public DenseAvData(DenseAvConfig config) {
        this.config = config;
    }

    /** The {@code media/*.mp4} of {@code dataDir}, sorted by name. */
    public static List<Path> clips(Path dataDir) throws IOException {
        Path media = dataDir.resolve("media");
        if (!Files.isDirectory(media)) {
            throw new IOException(dataDir + ": no media/ folder; expected an AV-Shapes dataset (media/clip-*.mp4)");
        }
        try (Stream<Path> s = Files.list(media)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".mp4")).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException(media + ": no .mp4 clips");
            }
            return files;
        }
    }

    /**
     * The clips of {@code files} (all from one data folder, {@code dataDir}).
     *
     * @param cancelled polled between clips; when it turns true, loading stops with the clips read so far
     * @throws IOException naming the clip that cannot be decoded or the cache that cannot be written
     */
    public List<DenseClip> load(Path dataDir, List<Path> files, BooleanSupplier cancelled) throws IOException {
        Path cache = Files.createDirectories(dataDir.resolve("cache").resolve("denseav-" + config.profile().id()));
        List<DenseClip> clips = new ArrayList<>();
        for (Path f : files) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            clips.add(clip(f, cache));
        }
        return clips;
    }

    /** One clip, from the cache when it is fresh. */
    DenseClip clip(Path mp4, Path cache) throws IOException {
        String name = mp4.getFileName().toString();
        String id = name.substring(0, name.length() - 4);
        Path framesFile = cache.resolve(id + ".frames.npy");
        Path melFile = cache.resolve(id + ".mel.npy");
        Path rmsFile = cache.resolve(id + ".rms.npy");
        long stamp = Files.getLastModifiedTime(mp4).toMillis();
        if (fresh(framesFile, stamp) && fresh(melFile, stamp) && fresh(rmsFile, stamp)) {
            NpyArray f = Npy.read(framesFile);
            byte[] bytes = new byte[(int) f.size()];
            f.data().duplicate().get(bytes);
            return new DenseClip(id, f.shape()[0], bytes, Npy.read(melFile).toFloatTensor().toArray(),
                    Npy.read(rmsFile).toFloatTensor().toArray());
        }
        DenseClip c = DenseClip.decode(mp4, config);
        Npy.write(framesFile, NpyArray.ofUnsignedBytes(new int[] {c.steps(), config.frameHeight(),
            config.frameWidth(), 3}, c.frames()));
        Npy.write(melFile, FloatTensor.wrap(new int[] {config.melBins(), c.steps() * DenseAvConfig.AUDIO_STRIDE},
                c.mel()));
        Npy.write(rmsFile, FloatTensor.wrap(new int[] {c.steps()}, c.rms()));
        return c;
    }

    private static boolean fresh(Path file, long stamp) throws IOException {
        return Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= stamp;
    }
}
