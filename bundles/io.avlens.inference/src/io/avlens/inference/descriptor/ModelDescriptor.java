package io.avlens.inference.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.inference.TensorSpec;

/**
 * What AV Lens knows about a model file, kept as JSON next to the weights ({@link ModelDescriptors}).
 *
 * @param id          unique id, e.g. {@code diff-foley-cavp-video}
 * @param family      model family, e.g. {@code diff-foley-cavp}, {@code denseav}
 * @param source      how the weights are loaded
 * @param weights     the weights file, relative to the descriptor's folder
 * @param sha256      SHA-256 of the weights file, lower-case hex
 * @param profile     the preprocessing the model was trained with
 * @param modalities  what the model consumes from a clip
 * @param inputs      named inputs in call order, shapes with symbols ({@code B}, {@code T})
 * @param outputs     named outputs in return order
 * @param notes       free-form provenance (official repository, commit, export command)
 * @param padShort    whether a clip shorter than the profile's window may be padded to one window (the task marks
 *                    the padded span in its results) instead of refused; JSON {@code "padShort": true}
 * @param components  the parts of a model made of parts, by role (empty for a model of one file); the model's
 *                    {@code source}, {@code weights} and {@code sha256} are then those of the first part
 */
public record ModelDescriptor(String id, String family, Source source, String weights, String sha256,
        PreprocessingProfile profile, Set<Modality> modalities, List<TensorSpec> inputs, List<TensorSpec> outputs,
        Map<String, String> notes, boolean padShort, List<Component> components) {

    /** The role of the one part of a model that is not made of parts. */
    public static final String SINGLE_ROLE = "model";

    /**
     * One part of a model made of parts: a built-in block of the model's family or a TorchScript file, with its own
     * inputs, outputs and weights. The task of the family decides how the parts combine.
     *
     * @param role    what the part does, e.g. {@code video}, {@code audio}, {@code text}, {@code denoiser},
     *                {@code condition-encoder}; unique within the model
     * @param source  how its weights are loaded
     * @param weights its weights file, relative to the descriptor's folder
     * @param sha256  SHA-256 of the weights file, lower-case hex (null: not checked)
     * @param inputs  its named inputs in call order
     * @param outputs its named outputs in return order
     */
    public record Component(String role, Source source, String weights, String sha256, List<TensorSpec> inputs,
            List<TensorSpec> outputs) {

        /** @throws IllegalArgumentException when a required field is missing or the SHA-256 is malformed */
        public Component {
            require(role, "role");
            require(weights, "weights");
            if (source == null) {
                throw new IllegalArgumentException("part '" + role + "' needs a source");
            }
            if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("part '" + role + "': sha256 must be 64 lower-case hex digits,"
                        + " not '" + sha256 + "'");
            }
            inputs = List.copyOf(inputs == null ? List.of() : inputs);
            outputs = List.copyOf(outputs == null ? List.of() : outputs);
        }
    }

    /** Current format version written to {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    /** Where the network comes from. */
    public enum Source {
        /** A family built into AV Lens (DJL block) with a {@code .params} file. */
        BUILTIN,
        /** A TorchScript file. */
        TORCHSCRIPT
    }

    /** What a model reads from a clip. */
    public enum Modality {
        /** Frames at the profile's rate and size. */
        VIDEO,
        /** Mono audio at the profile's sample rate. */
        AUDIO
    }

    /** @throws IllegalArgumentException when a required field is missing */
    public ModelDescriptor {
        components = List.copyOf(components == null ? List.of() : components);
        if (!components.isEmpty()) {
            Component first = components.get(0);
            source = source == null ? first.source() : source;
            weights = weights == null ? first.weights() : weights;
            sha256 = sha256 == null && weights.equals(first.weights()) ? first.sha256() : sha256;
            if (components.stream().map(Component::role).distinct().count() != components.size()) {
                throw new IllegalArgumentException(id + ": two parts have the same role in "
                        + components.stream().map(Component::role).toList());
            }
        }
        require(id, "id");
        require(family, "family");
        require(weights, "weights");
        if (source == null) {
            throw new IllegalArgumentException("a model descriptor needs a source");
        }
        if (profile == null) {
            throw new IllegalArgumentException(id + ": a model descriptor needs a preprocessing profile");
        }
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(id + ": sha256 must be 64 lower-case hex digits, not '" + sha256 + "'");
        }
        modalities = Set.copyOf(modalities == null || modalities.isEmpty() ? defaultModalities(profile) : modalities);
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
        notes = Map.copyOf(notes == null ? Map.of() : notes);
    }

    /** A descriptor of a model of one file. */
    public ModelDescriptor(String id, String family, Source source, String weights, String sha256,
            PreprocessingProfile profile, Set<Modality> modalities, List<TensorSpec> inputs, List<TensorSpec> outputs,
            Map<String, String> notes, boolean padShort) {
        this(id, family, source, weights, sha256, profile, modalities, inputs, outputs, notes, padShort, List.of());
    }

    /** A descriptor whose model refuses clips shorter than its window. */
    public ModelDescriptor(String id, String family, Source source, String weights, String sha256,
            PreprocessingProfile profile, Set<Modality> modalities, List<TensorSpec> inputs, List<TensorSpec> outputs,
            Map<String, String> notes) {
        this(id, family, source, weights, sha256, profile, modalities, inputs, outputs, notes, false);
    }

    /** This descriptor with another profile (e.g. a longer window). */
    public ModelDescriptor withProfile(PreprocessingProfile p) {
        return new ModelDescriptor(id, family, source, weights, sha256, p, modalities, inputs, outputs, notes,
                padShort, components);
    }

    /** Whether the model is made of parts ({@link #components()} not empty). */
    public boolean hasParts() {
        return !components.isEmpty();
    }

    /**
     * The parts to load: the components of a model made of parts, else the model itself as one part of role
     * {@value #SINGLE_ROLE}.
     */
    public List<Component> parts() {
        return hasParts() ? components
                : List.of(new Component(SINGLE_ROLE, source, weights, sha256, inputs, outputs));
    }

    /** Video when the profile has frames; audio always (every profile has a sample rate). */
    public static Set<Modality> defaultModalities(PreprocessingProfile profile) {
        return profile.video() == null ? Set.of(Modality.AUDIO) : Set.of(Modality.VIDEO, Modality.AUDIO);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a model descriptor needs '" + field + "'");
        }
    }
}
