package io.avlens.models.denseav;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.avlens.models.training.TrainedDescriptors;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The descriptor written beside DenseAV-small weights ({@code denseav-small.json}) in AV Lens's descriptor format
 * ({@code source: builtin}, {@code family: denseav}, the profile, inputs and outputs with symbolic shapes, the weights
 * and their SHA-256), with how the weights were made in fields the descriptor reader ignores: {@code format},
 * {@code engine}, {@code parameters} and {@code training} (data folder, split, the dataset's own description, the
 * command, steps, seed, schedule). Stateless.
 */
public final class DenseAvDescriptor {

    /** The model id of the weights {@link DenseAvTrainer} writes. */
    public static final String MODEL_ID = "denseav-small";

    /** The meaning of {@code frames} with {@value DenseAvConfig#RGB} channels. */
    static final String RGB_FRAMES = "RGB in [0,1] (FrameReader at the profile), one video frame per item";
    /** The meaning of {@code frames} with {@value DenseAvConfig#RGB_MOTION} channels. */
    static final String MOTION_FRAMES = "channels 0-2: RGB in [0,1] (FrameReader at the profile), one video frame "
            + "per item; channels 3-5: that RGB minus the previous video frame's RGB, in [-1,1] (0 at a clip's first "
            + "frame)";

    private static final Map<String, String> MEANINGS = Map.of(
            "frames", RGB_FRAMES,
            "mel", "log-mel in [0,1] (LogMelSpectrogram at the profile), mel band first; M a multiple of 8",
            "image", "per-head image features, L2-normalised over C; map cell (y, x) covers 4x4 pixels",
            "audio", "per-head audio features, L2-normalised over C; step t covers mel frames [8t, 8t+8)",
            "logitScale", "ln(1/temperature)");

    /**
     * Where training data came from.
     *
     * @param data        the data folder
     * @param split       the split trained on ({@code train}), or null when the folder had no project
     * @param description the dataset's own description (its project's), or null
     * @param command     the command that trained, as typed
     */
    public record Provenance(String data, String split, String description, String command) {
    }

    private DenseAvDescriptor() {
    }

    /**
     * The note that records a hidden width other than the shipped {@value DenseAvConfig#SMALL_WIDTH} (no tensor
     * shape shows it); absent, the width is {@value DenseAvConfig#SMALL_WIDTH}.
     */
    public static final String WIDTH_NOTE = "hiddenWidth";

    /**
     * The note that records the image encoder: {@value #LOCAL_CELLS} for {@link DenseAvConfig#localCells()} (the
     * shipped weights'); absent, the 3×3 convolutions (the weights shipped before, and every descriptor written
     * before the option existed).
     */
    public static final String IMAGE_ENCODER_NOTE = "imageEncoder";

    /** {@value #IMAGE_ENCODER_NOTE} of an image encoder whose map cells see only their own pixels. */
    public static final String LOCAL_CELLS = "cell-local";

    /**
     * The descriptor of weights of these sizes ({@code weights} relative to the descriptor). Heads and channels per
     * head are in the outputs' shapes; a hidden width other than {@value DenseAvConfig#SMALL_WIDTH} is in the notes
     * ({@value #WIDTH_NOTE}), so the shipped weights' descriptor stays as it was.
     */
    public static ModelDescriptor descriptor(DenseAvConfig c, String weights, String sha256) {
        List<TensorSpec> inputs = List.of(
                new TensorSpec("frames", shape("B", c.frameHeight(), c.frameWidth(), c.imageChannels())),
                new TensorSpec("mel", shape("B", c.melBins(), "M")));
        List<TensorSpec> outputs = List.of(
                new TensorSpec("image", shape("B", c.heads(), c.headChannels(), c.mapHeight(), c.mapWidth())),
                new TensorSpec("audio", shape("B", c.heads(), c.headChannels(), c.freqs(), "T")),
                new TensorSpec("logitScale", shape(1)));
        Map<String, String> notes = new java.util.HashMap<>();
        notes.put("origin", "AV Lens's own DenseAV-small (io.avlens.models.denseav), trained with `avlens "
                + "train --family denseav`");
        if (c.width() != DenseAvConfig.SMALL_WIDTH) {
            notes.put(WIDTH_NOTE, Integer.toString(c.width()));
        }
        if (c.localCells()) {
            notes.put(IMAGE_ENCODER_NOTE, LOCAL_CELLS);
        }
        return new ModelDescriptor(MODEL_ID, DenseAvBlockFactory.FAMILY, ModelDescriptor.Source.BUILTIN, weights,
                sha256, c.profile(), ModelDescriptor.defaultModalities(c.profile()), inputs, outputs, notes,
                true); // features are per frame and per step: a short clip is padded (black frames, silence)
    }

    /**
     * The image channels a model with these inputs reads: the last size of its {@code frames} input
     * ({@value DenseAvConfig#RGB} when it has none, or the size is symbolic, as an imported model's may be).
     *
     * @throws IllegalArgumentException when {@code frames} is not {@code [B, H, W, channels]}
     */
    public static int imageChannels(List<TensorSpec> inputs) {
        for (TensorSpec t : inputs) {
            if (t.name().equals("frames")) {
                List<ShapeSpec.Dim> dims = t.shape().dims();
                if (dims.size() != 4) {
                    throw new IllegalArgumentException("DenseAV's 'frames' input must be [B, H, W, channels], not "
                            + t.shape());
                }
                ShapeSpec.Dim last = dims.get(3);
                return last.isSymbolic() ? DenseAvConfig.RGB : last.size();
            }
        }
        return DenseAvConfig.RGB;
    }

    /**
     * The image channels of a DenseAV descriptor's image encoder: of the model's {@code frames} input, or of the
     * {@code image} part's when it is made of parts ({@link #imageChannels(List)}).
     */
    public static int imageChannels(ModelDescriptor d) {
        for (ModelDescriptor.Component part : d.parts()) {
            if (!d.hasParts() || part.role().equals(DenseAvHeatmapTask.IMAGE_PART)) {
                return imageChannels(part.inputs());
            }
        }
        return DenseAvConfig.RGB;
    }

    /**
     * {@code base} with the sizes a descriptor declares: the image channels of its {@code frames} input
     * ({@link #imageChannels(List)}), heads and channels per head from its {@code image} output
     * ({@code [B, K, C, h, w]}, when both are numbers), the hidden width from its notes ({@value #WIDTH_NOTE};
     * absent: {@value DenseAvConfig#SMALL_WIDTH}) and the image encoder from its notes ({@value #IMAGE_ENCODER_NOTE};
     * absent: the 3×3 convolutions).
     *
     * @throws IllegalArgumentException when a size is not one the block can have
     */
    public static DenseAvConfig sizes(DenseAvConfig base, List<TensorSpec> inputs, List<TensorSpec> outputs,
            Map<String, String> notes) {
        int heads = base.heads();
        int channels = base.headChannels();
        for (TensorSpec t : outputs == null ? List.<TensorSpec>of() : outputs) {
            List<ShapeSpec.Dim> dims = t.shape().dims();
            if (t.name().equals("image") && dims.size() == 5 && !dims.get(1).isSymbolic()
                    && !dims.get(2).isSymbolic()) {
                heads = dims.get(1).size();
                channels = dims.get(2).size();
            }
        }
        int width = DenseAvConfig.SMALL_WIDTH;
        String w = notes == null ? null : notes.get(WIDTH_NOTE);
        if (w != null) {
            try {
                width = Integer.parseInt(w.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("note " + WIDTH_NOTE + " must be a whole number, not '" + w + "'");
            }
        }
        String encoder = notes == null ? null : notes.get(IMAGE_ENCODER_NOTE);
        if (encoder != null && !encoder.equals(LOCAL_CELLS)) {
            throw new IllegalArgumentException("note " + IMAGE_ENCODER_NOTE + " must be '" + LOCAL_CELLS
                    + "' or absent, not '" + encoder + "'");
        }
        return new DenseAvConfig(base.profile(), heads, channels, width, base.windowSeconds(),
                imageChannels(inputs), encoder != null);
    }

    private static ShapeSpec shape(Object... dims) {
        return new ShapeSpec(java.util.Arrays.stream(dims)
                .map(d -> d instanceof Integer i ? ShapeSpec.Dim.of(i) : ShapeSpec.Dim.of((String) d)).toList());
    }

    /** The {@code training} block of a run's descriptor. */
    static JsonObject training(DenseAvTrainSpec spec, Provenance data, int steps, double temperature, int clips) {
        JsonObject t = new JsonObject();
        t.addProperty("command", data.command());
        t.addProperty("data", data.data());
        t.addProperty("split", data.split());
        t.addProperty("dataset", data.description());
        t.addProperty("clips", clips);
        t.addProperty("steps", steps);
        t.addProperty("batchSize", spec.batchSize());
        t.addProperty("learningRate", spec.learningRate());
        t.addProperty("warmupSteps", spec.warmupSteps());
        t.addProperty("windowSeconds", spec.config().windowSeconds());
        if (spec.config().motion()) {
            t.addProperty("imageChannels", spec.config().imageChannels());
        }
        if (spec.config().localCells()) {
            t.addProperty(IMAGE_ENCODER_NOTE, LOCAL_CELLS);
        }
        if (spec.config().width() != DenseAvConfig.SMALL_WIDTH) {
            t.addProperty("width", spec.config().width());
        }
        if (spec.config().headChannels() != DenseAvConfig.SMALL_HEAD_CHANNELS) {
            t.addProperty("headChannels", spec.config().headChannels());
        }
        if (spec.ambientFactor() > 0) {
            t.addProperty("ambientFactor", spec.ambientFactor());
        }
        if (spec.disentangleWeight() > 0) {
            t.addProperty("disentangleWeight", spec.disentangleWeight());
        }
        if (spec.pairsPerClip() > 1) {
            t.addProperty("pairsPerClip", spec.pairsPerClip());
        }
        if (spec.backgroundSwap()) {
            t.addProperty("backgroundSwap", true);
        }
        if (spec.sharedBackground()) {
            t.addProperty("backgroundPerBatch", true);
        }
        if (spec.headsApart()) {
            t.addProperty("headsApart", true);
        }
        if (spec.centreWeight() > 0) {
            t.addProperty("centreWeight", spec.centreWeight());
        }
        if (spec.spaceContrast() > 0) {
            t.addProperty("spaceContrast", spec.spaceContrast());
        }
        if (spec.borderCells() > 0) {
            t.addProperty("borderCells", spec.borderCells());
        }
        t.addProperty("seed", spec.seed());
        t.addProperty("temperature", temperature);
        return t;
    }

    /** The descriptor JSON of trained weights, with the provenance fields. */
    static String json(DenseAvConfig config, Path weights, long parameters, JsonObject training) throws IOException {
        ModelDescriptor d = descriptor(config, weights.getFileName().toString(), sha256(weights));
        Map<String, String> meanings = new java.util.HashMap<>(MEANINGS);
        meanings.put("frames", config.motion() ? MOTION_FRAMES : RGB_FRAMES);
        JsonObject o = TrainedDescriptors.json(d, meanings, parameters);
        o.addProperty("heads", config.heads());
        o.add("training", training);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(o)
                + "\n";
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
