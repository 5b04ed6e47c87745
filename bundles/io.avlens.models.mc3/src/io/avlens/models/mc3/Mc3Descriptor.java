package io.avlens.models.mc3;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.training.TrainedDescriptors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The descriptor written beside MC3-small weights ({@code mc3-small.json}) in AV Lens's descriptor format
 * ({@code source: builtin}, {@code family: mc3}, the profile, inputs and outputs, the weights and their SHA-256),
 * with how the weights were made in fields the descriptor reader ignores ({@code training}: data, split, command,
 * steps, seed, schedule, consensus settings). Stateless.
 */
public final class Mc3Descriptor {

    /** The model id of the weights {@link Mc3Trainer} writes. */
    public static final String MODEL_ID = "mc3-small";

    /** The {@code training} field naming the consensus's anchor modality (absent before it was an option: text). */
    public static final String CONSENSUS_ANCHOR = "consensusAnchor";

    private static final Map<String, String> MEANINGS = Map.of(
            "frames", "RGB in [0,1] (FrameReader at the profile); cut or padded to the 4 s window",
            "mel", "log-mel in [0,1] (LogMelSpectrogram at the profile), mel band first; cut or padded to the window",
            "textFeatures", "TextFeatures: hashed word, word-bigram and character 3-5-gram counts, unit L2 norm",
            "audio", "audio embedding, unit rows",
            "video", "video embedding, unit rows",
            "text", "text embedding, unit rows",
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

    private Mc3Descriptor() {
    }

    /**
     * The consensus anchor {@code d} was trained with: its note {@value #CONSENSUS_ANCHOR} (which trained
     * descriptors carry beside the same field of their {@code training} block), {@link Mc3Loss.Anchor#TEXT} when
     * it has none (weights trained before the anchor was an option).
     *
     * @throws IllegalArgumentException naming the value when the note is not an anchor
     */
    public static Mc3Loss.Anchor anchor(ModelDescriptor d) {
        String a = d.notes().get(CONSENSUS_ANCHOR);
        return a == null ? Mc3Loss.Anchor.TEXT : Mc3Loss.Anchor.of(a);
    }

    /** The descriptor of weights trained with consensus anchor {@code anchor}, recorded among its notes. */
    public static ModelDescriptor descriptor(Mc3Config c, String weights, String sha256, Mc3Loss.Anchor anchor) {
        ModelDescriptor d = descriptor(c, weights, sha256);
        Map<String, String> notes = new java.util.TreeMap<>(d.notes());
        notes.put(CONSENSUS_ANCHOR, anchor.modality());
        return new ModelDescriptor(d.id(), d.family(), d.source(), d.weights(), d.sha256(), d.profile(),
                d.modalities(), d.inputs(), d.outputs(), notes, d.padShort());
    }

    /** The descriptor of weights of these sizes ({@code weights} relative to the descriptor). */
    public static ModelDescriptor descriptor(Mc3Config c, String weights, String sha256) {
        List<TensorSpec> inputs = List.of(
                new TensorSpec("frames", shape("B", "T", c.frameHeight(), c.frameWidth(), 3)),
                new TensorSpec("mel", shape("B", c.melBins(), "M")),
                new TensorSpec("textFeatures", shape("B", c.buckets())));
        List<TensorSpec> outputs = List.of(
                new TensorSpec("audio", shape("B", c.dimension())),
                new TensorSpec("video", shape("B", c.dimension())),
                new TensorSpec("text", shape("B", c.dimension())),
                new TensorSpec("logitScale", shape(1)));
        Map<String, String> notes = new java.util.TreeMap<>();
        notes.put("origin", "AV Lens's own MC3-small (io.avlens.models.mc3), trained with `avlens train "
                + "--family mc3`; the loss formulation is ours (SoundingActions released no code)");
        if (c.localFrames()) { // the outputs' shapes cannot say it; inference builds the block from this note
            notes.put(FRAME_ENCODER_NOTE, LOCAL_FRAMES);
        }
        return new ModelDescriptor(MODEL_ID, Mc3BlockFactory.FAMILY, ModelDescriptor.Source.BUILTIN, weights,
                sha256, c.profile(), ModelDescriptor.defaultModalities(c.profile()), inputs, outputs,
                Map.copyOf(notes), true); // a short clip is padded to the window (black frames, silence)
    }

    /**
     * The note that records the frame encoder: {@value #LOCAL_FRAMES} for {@link Mc3Config#localFrames()} (a
     * cell-local path beside the 3×3 one); absent for the 3×3 encoder alone (the first weights; the shipped ones
     * carry the note).
     */
    public static final String FRAME_ENCODER_NOTE = "frameEncoder";
    /** {@value #FRAME_ENCODER_NOTE}'s value for the two-path frame encoder. */
    public static final String LOCAL_FRAMES = "3x3+cell-local";

    /**
     * Whether a descriptor's notes ask for the two-path frame encoder.
     *
     * @throws IllegalArgumentException naming the value when the note is neither absent nor {@value #LOCAL_FRAMES}
     */
    public static boolean localFrames(Map<String, String> notes) {
        String v = notes.get(FRAME_ENCODER_NOTE);
        if (v == null) {
            return false;
        }
        if (!v.equals(LOCAL_FRAMES)) {
            throw new IllegalArgumentException("unknown MC3 frame encoder '" + v + "' (note " + FRAME_ENCODER_NOTE
                    + "); this version builds '" + LOCAL_FRAMES + "' or, without the note, the 3x3 encoder alone");
        }
        return true;
    }

    private static ShapeSpec shape(Object... dims) {
        return new ShapeSpec(java.util.Arrays.stream(dims)
                .map(d -> d instanceof Integer i ? ShapeSpec.Dim.of(i) : ShapeSpec.Dim.of((String) d)).toList());
    }

    /** The {@code training} block of a run's descriptor. */
    static JsonObject training(Mc3TrainSpec spec, Provenance data, int steps, double temperature, int clips,
            int minedBatches) {
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
        t.addProperty("seed", spec.seed());
        t.addProperty("consensusWeight", spec.consensus().weight());
        t.addProperty("consensusMu", spec.consensus().mu());
        t.addProperty("consensusScale", spec.consensus().scale());
        t.addProperty("consensusMargin", spec.consensus().margin());
        t.addProperty(CONSENSUS_ANCHOR, spec.consensus().anchor().modality());
        t.addProperty("stepChannels", spec.config().stepChannels());
        if (spec.config().localFrames()) { // absent with the 3×3 frame encoder alone, as before the option
            t.addProperty("localFrames", true);
        }
        if (spec.mining().on()) { // absent with random batches only, as before the option
            JsonObject m = new JsonObject();
            m.addProperty("every", spec.mining().every());
            m.addProperty("share", spec.mining().share());
            m.addProperty("key", Mc3Mining.KEY);
            if (spec.mining().pool() > 0) {
                m.addProperty("pool", spec.mining().pool());
            }
            m.addProperty("minedBatches", minedBatches);
            t.add("mining", m);
        }
        t.addProperty("temperature", temperature);
        return t;
    }

    /** The descriptor JSON of trained weights, with the provenance fields. */
    static String json(Mc3Config config, Path weights, long parameters, JsonObject training) throws IOException {
        Mc3Loss.Anchor anchor = training.has(CONSENSUS_ANCHOR)
                ? Mc3Loss.Anchor.of(training.get(CONSENSUS_ANCHOR).getAsString()) : Mc3Loss.Anchor.TEXT;
        ModelDescriptor d = descriptor(config, weights.getFileName().toString(), DenseAvDescriptor.sha256(weights),
                anchor);
        JsonObject o = TrainedDescriptors.json(d, MEANINGS, parameters);
        o.addProperty("dimension", config.dimension());
        o.addProperty("stepChannels", config.stepChannels());
        o.addProperty("textBuckets", config.buckets());
        o.add("training", training);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(o)
                + "\n";
    }
}
