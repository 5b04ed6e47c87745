package io.avlens.analysis.dense;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntConsumer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyDtype;
import io.avlens.core.tensor.NpyFormatException;

/**
 * Dense features on disk, as a task writes them into its output folder and views and commands read them back:
 * {@value #IMAGE} (float32 {@code [frames, heads, channels, h, w]}), {@value #AUDIO} (float32
 * {@code [heads, channels, freqs, steps]}), {@value #VOICED} (bool {@code [steps]}) and {@value #TIMES} (the time bases
 * of both axes). Also writes the official DenseAV volume {@code [frames, heads, h, w, t_audio]} frame by frame, so a
 * long clip's volume is never held in memory. Writes are atomic; errors name the file. Stateless and thread-safe.
 */
public final class DenseFeatureFiles {

    /** The image features' file name. */
    public static final String IMAGE = "dense-image.npy";
    /** The audio features' file name. */
    public static final String AUDIO = "dense-audio.npy";
    /** The non-silence mask's file name. */
    public static final String VOICED = "dense-voiced.npy";
    /** The time bases' file name. */
    public static final String TIMES = "dense.json";

    private DenseFeatureFiles() {
    }

    /** Writes {@code features} into {@code folder} (which must exist) as the four files. */
    public static void write(Path folder, DenseFeatures features) throws IOException {
        Npy.write(folder.resolve(IMAGE), features.image());
        Npy.write(folder.resolve(AUDIO), features.audio());
        Npy.write(folder.resolve(VOICED), NpyArray.ofBooleans(new int[] {features.steps()}, features.voicedMask()));
        JsonObject json = new JsonObject();
        json.addProperty("layout", "image [frames, heads, channels, h, w]; audio [heads, channels, freqs, steps]");
        json.addProperty("heads", features.heads());
        json.addProperty("frameStart", features.frameTime().start());
        json.addProperty("frameStep", features.frameTime().step());
        json.addProperty("audioStart", features.audioTime().start());
        json.addProperty("audioStep", features.audioTime().step());
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(TIMES), out -> out.write(bytes));
    }

    /** Whether {@code folder} holds dense features. */
    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(IMAGE)) && Files.isRegularFile(folder.resolve(AUDIO))
                && Files.isRegularFile(folder.resolve(TIMES));
    }

    /**
     * Reads the features {@link #write} wrote.
     *
     * @throws IOException naming the file that is missing, unreadable or of the wrong shape
     */
    public static DenseFeatures read(Path folder) throws IOException {
        FloatTensor image = Npy.read(folder.resolve(IMAGE)).toFloatTensor();
        FloatTensor audio = Npy.read(folder.resolve(AUDIO)).toFloatTensor();
        boolean[] voiced = new boolean[audio.rank() == 4 ? audio.dim(3) : 0];
        Path voicedFile = folder.resolve(VOICED);
        if (Files.isRegularFile(voicedFile)) {
            NpyArray mask = Npy.read(voicedFile);
            if (mask.shape().length != 1 || mask.shape()[0] != voiced.length) {
                throw new NpyFormatException(voicedFile.toString(), "the non-silence mask must have one value per "
                        + "audio step (" + voiced.length + "), but has shape " + Arrays.toString(mask.shape()));
            }
            for (int t = 0; t < voiced.length; t++) {
                voiced[t] = mask.getDouble(t) != 0;
            }
        } else {
            Arrays.fill(voiced, true);
        }
        Path times = folder.resolve(TIMES);
        TimeBase frameTime;
        TimeBase audioTime;
        try {
            JsonObject json = JsonParser.parseString(Files.readString(times)).getAsJsonObject();
            frameTime = new TimeBase(json.get("frameStart").getAsDouble(), json.get("frameStep").getAsDouble());
            audioTime = new TimeBase(json.get("audioStart").getAsDouble(), json.get("audioStep").getAsDouble());
        } catch (JsonParseException | IllegalStateException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(times + ": not the time bases of dense features (" + e.getMessage() + ")", e);
        }
        try {
            return DenseFeatures.of(image, audio, voiced, frameTime, audioTime);
        } catch (IllegalArgumentException e) {
            throw new IOException(folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the official DenseAV volume {@code [frames, heads, h, w, t_audio]} (float32, frequency averaged) of
     * {@code features} to {@code file}, atomically, one frame at a time.
     */
    public static void writeVolume(Path file, DenseFeatures features) throws IOException {
        writeVolume(file, features, frame -> { });
    }

    /**
     * As {@link #writeVolume(Path, DenseFeatures)}, telling {@code afterFrame} each frame written (for progress); an
     * unchecked exception it throws (a cancel) stops the writing, and no file is left.
     */
    public static void writeVolume(Path file, DenseFeatures features, IntConsumer afterFrame) throws IOException {
        int h = features.height();
        int w = features.width();
        int steps = features.steps();
        int[] shape = {features.frames(), features.heads(), h, w, steps};
        AtomicFiles.write(file, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            out.write(Npy.header(NpyDtype.FLOAT32, shape));
            float[] map = new float[h * w];
            float[] block = new float[h * w * steps];
            ByteBuffer bytes = ByteBuffer.allocate(block.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int frame = 0; frame < features.frames(); frame++) {
                for (int k = 0; k < features.heads(); k++) {
                    for (int t = 0; t < steps; t++) {
                        features.slice(frame, k, t, map);
                        for (int p = 0; p < map.length; p++) {
                            block[p * steps + t] = map[p];
                        }
                    }
                    bytes.clear();
                    bytes.asFloatBuffer().put(block);
                    out.write(bytes.array(), 0, block.length * Float.BYTES);
                }
                afterFrame.accept(frame);
            }
            out.flush();
        });
    }
}
