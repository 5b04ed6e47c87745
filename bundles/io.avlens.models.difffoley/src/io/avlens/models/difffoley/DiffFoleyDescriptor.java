package io.avlens.models.difffoley;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import java.util.List;
import java.util.Map;

/**
 * The descriptor of Diff-Foley-small, a model made of three built-in parts of family {@value #FAMILY}:
 * {@value #VIDEO} (the frozen CAVP-small, its shipped weights, same SHA-256), {@value #DENOISER} and
 * {@value #CLASSIFIER}. Stateless.
 */
public final class DiffFoleyDescriptor {

    /** The model id. */
    public static final String MODEL_ID = "diff-foley-small";
    /** The family of every part ({@link DiffFoleyBlockFactory}). */
    public static final String FAMILY = "diff-foley";
    /** The condition encoder's role: CAVP-small (inputs mel, frames; outputs audio, video, logitScale). */
    public static final String VIDEO = "video";
    /** The denoiser's role (inputs x, t, cond, omega, appearance; output eps). */
    public static final String DENOISER = "denoiser";
    /** The alignment classifier's role (inputs x, t, cond; outputs logit, logProb). */
    public static final String CLASSIFIER = "classifier";
    /** The video part's weights file: CAVP-small's. */
    public static final String VIDEO_WEIGHTS = "cavp-small.params";
    /** The denoiser's weights file. */
    public static final String DENOISER_WEIGHTS = MODEL_ID + "-denoiser.params";
    /** The classifier's weights file. */
    public static final String CLASSIFIER_WEIGHTS = MODEL_ID + "-classifier.params";

    private DiffFoleyDescriptor() {
    }

    /** The descriptor with the three parts' SHA-256 (null: unchecked). */
    public static ModelDescriptor descriptor(DiffFoleyConfig c, String videoSha, String denoiserSha,
            String classifierSha) {
        ShapeSpec mel = shape("B", c.melBins(), "M");
        ShapeSpec cond = shape("B", c.steps(), c.videoChannels());
        ShapeSpec n = shape("B");
        List<ModelDescriptor.Component> parts = List.of(
                new ModelDescriptor.Component(VIDEO, ModelDescriptor.Source.BUILTIN, VIDEO_WEIGHTS, videoSha,
                        List.of(new TensorSpec("mel", mel),
                                new TensorSpec("frames", shape("B", "T", c.profile().video().height(),
                                        c.profile().video().width(), 3))),
                        List.of(new TensorSpec("audio", shape("B", "T", c.videoChannels())),
                                new TensorSpec("video", shape("B", "T", c.videoChannels())),
                                new TensorSpec("logitScale", shape(1)))),
                new ModelDescriptor.Component(DENOISER, ModelDescriptor.Source.BUILTIN, DENOISER_WEIGHTS, denoiserSha,
                        List.of(new TensorSpec("x", mel), new TensorSpec("t", n), new TensorSpec("cond", cond),
                                new TensorSpec("omega", n), new TensorSpec("appearance", shape("B", c.steps(),
                                        Appearance.CHANNELS, c.appearanceSize(), c.appearanceSize()))),
                        List.of(new TensorSpec("eps", mel))),
                new ModelDescriptor.Component(CLASSIFIER, ModelDescriptor.Source.BUILTIN, CLASSIFIER_WEIGHTS,
                        classifierSha,
                        List.of(new TensorSpec("x", mel), new TensorSpec("t", n), new TensorSpec("cond", cond)),
                        List.of(new TensorSpec("logit", n), new TensorSpec("logProb", n))));
        return new ModelDescriptor(MODEL_ID, FAMILY, null, null, null, c.profile(),
                ModelDescriptor.defaultModalities(c.profile()), List.of(), List.of(),
                Map.of("origin", "AV Lens's own Diff-Foley-small (io.avlens.models.difffoley), trained with `avlens "
                        + "train --family diff-foley`: a log-mel denoiser conditioned on CAVP-small video features "
                        + "and the frames' appearance, and an alignment classifier for double guidance (methods.md "
                        + "section 4)"),
                true, parts);
    }

    private static ShapeSpec shape(Object... dims) {
        return new ShapeSpec(java.util.Arrays.stream(dims)
                .map(d -> d instanceof Integer i ? ShapeSpec.Dim.of(i) : ShapeSpec.Dim.of((String) d)).toList());
    }

    /** The descriptor JSON with the training block and the parameter counts. */
    static String json(ModelDescriptor d, JsonObject training) {
        JsonObject o = ModelDescriptors.toJson(d);
        o.addProperty("format", "djl-block-params");
        o.addProperty("engine", "PyTorch (DJL 0.35.1)");
        o.add("training", training);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(o)
                + "\n";
    }
}
