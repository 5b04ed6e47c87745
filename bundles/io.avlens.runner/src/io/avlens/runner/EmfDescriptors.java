package io.avlens.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.core.profile.VideoSpec;
import io.avlens.inference.ShapeSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.model.ModelSource;

/**
 * The inference descriptor of a model known only to the project (no {@code model.json} in the models folder).
 * A profile named like a known one ({@link Profiles}) is that profile; another one keeps its frames, rate and
 * length without a mel spectrogram. Stateless.
 */
final class EmfDescriptors {

    private EmfDescriptors() {
    }

    /**
     * @param weights the resolved weights file, kept absolute in the descriptor
     * @throws IllegalArgumentException when the model has no profile or an impossible one
     */
    static ModelDescriptor toDescriptor(io.avlens.model.ModelDescriptor m, Path weights) {
        io.avlens.model.PreprocessingProfile p = m.getProfile();
        if (p == null) {
            throw new IllegalArgumentException("it has no preprocessing profile");
        }
        PreprocessingProfile profile = p.getName() == null ? null : Profiles.byId(p.getName()).orElse(null);
        if (profile == null) {
            VideoSpec video = p.getFps() > 0 && p.getFrameWidth() > 0 && p.getFrameHeight() > 0
                    ? new VideoSpec(p.getFps(), p.getFrameWidth(), p.getFrameHeight(), FrameFit.CENTER_CROP)
                    : null;
            String name = p.getName() == null || p.getName().isBlank() ? m.getId() + "-profile" : p.getName();
            profile = new PreprocessingProfile(name, video, p.getSampleRate(), null, p.getClipSeconds());
        }
        String sha = m.getWeightsSha256() == null || m.getWeightsSha256().isBlank() ? null
                : m.getWeightsSha256().toLowerCase(Locale.ROOT);
        ModelDescriptor.Source source = m.getSource() == ModelSource.TORCH_SCRIPT ? ModelDescriptor.Source.TORCHSCRIPT
                : ModelDescriptor.Source.BUILTIN;
        String family = m.getFamily() == null || m.getFamily().isBlank() ? m.getId() : m.getFamily();
        return new ModelDescriptor(m.getId(), family, source, weights.toAbsolutePath().toString(), sha, profile,
                Set.of(), tensors(m.getInputs()), tensors(m.getOutputs()), Map.of("from", "project"));
    }

    private static List<TensorSpec> tensors(List<io.avlens.model.TensorSpec> specs) {
        List<TensorSpec> out = new ArrayList<>();
        for (io.avlens.model.TensorSpec t : specs) {
            List<ShapeSpec.Dim> dims = new ArrayList<>();
            for (int i = 0; i < t.getShape().size(); i++) {
                int size = t.getShape().get(i);
                dims.add(size < 0 ? ShapeSpec.Dim.of(i == 0 ? "B" : "D" + i) : ShapeSpec.Dim.of(size));
            }
            out.add(new TensorSpec(t.getName(), new ShapeSpec(dims)));
        }
        return out;
    }
}
