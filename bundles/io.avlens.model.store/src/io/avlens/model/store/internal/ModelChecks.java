package io.avlens.model.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.core.profile.VideoSpec;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.ModelSource;
import io.avlens.model.TensorSpec;

/**
 * A model descriptor's constraints: weights that exist (with a well-formed SHA-256), a sane preprocessing profile
 * (the limits of {@link io.avlens.core.profile}), and a profile that names a known one agreeing with it.
 */
final class ModelChecks {

    /** Audio sample rates AV Lens's profiles accept, Hz (as {@link PreprocessingProfile}). */
    static final int MIN_SAMPLE_RATE = 1000;
    static final int MAX_SAMPLE_RATE = 384_000;
    static final double MAX_FPS = 1000;
    static final double MAX_CLIP_SECONDS = 3600;
    static final int MAX_MEL_BINS = 1024;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Problems problems;

    ModelChecks(Problems problems) {
        this.problems = problems;
    }

    void check(ModelDescriptor model) {
        if (model.getSource() == ModelSource.TORCH_SCRIPT && isBlank(model.getWeightsLocation())) {
            problems.error(model, "a TorchScript model needs a weights file");
        }
        problems.existing(model, "weights file", model.getWeightsLocation(), false);
        String sha = model.getWeightsSha256();
        if (!isBlank(sha) && !SHA256.matcher(sha).matches()) {
            problems.error(model, "weights SHA-256 must be 64 lower-case hex digits, not '" + sha + "'");
        } else if (isBlank(sha) && !isBlank(model.getWeightsLocation())) {
            problems.warning(model, "has no SHA-256 to check its weights file against");
        }
        if (model.getProfile() != null) {
            checkProfile(model.getProfile());
        }
        checkTensors(model.getInputs(), "input");
        checkTensors(model.getOutputs(), "output");
    }

    private void checkProfile(io.avlens.model.PreprocessingProfile p) {
        List<String> insane = new ArrayList<>();
        if (!Double.isFinite(p.getFps()) || p.getFps() < 0 || p.getFps() > MAX_FPS) {
            insane.add("fps must be 0 (no frames) or in (0, " + (int) MAX_FPS + "], not " + p.getFps());
        } else if (p.getFps() > 0 && (outside(p.getFrameWidth(), 1, VideoSpec.MAX_SIDE)
                || outside(p.getFrameHeight(), 1, VideoSpec.MAX_SIDE))) {
            insane.add("frame size must be 1 to " + VideoSpec.MAX_SIDE + " pixels a side, not "
                    + p.getFrameWidth() + "x" + p.getFrameHeight());
        } else if (p.getFps() == 0 && (p.getFrameWidth() != 0 || p.getFrameHeight() != 0)) {
            insane.add("has a frame size (" + p.getFrameWidth() + "x" + p.getFrameHeight() + ") but no fps");
        }
        if (outside(p.getSampleRate(), MIN_SAMPLE_RATE, MAX_SAMPLE_RATE)) {
            insane.add("sample rate must be in [" + MIN_SAMPLE_RATE + ", " + MAX_SAMPLE_RATE + "] Hz, not "
                    + p.getSampleRate());
        }
        if (outside(p.getMelBins(), 0, MAX_MEL_BINS)) {
            insane.add("mel bins must be 0 (no mel spectrogram) to " + MAX_MEL_BINS + ", not " + p.getMelBins());
        } else if (p.getMelBins() > 0 && outside(p.getHop(), 1, Math.max(1, p.getSampleRate()))) {
            insane.add("mel hop must be 1 to " + p.getSampleRate() + " samples (one second), not " + p.getHop());
        }
        if (!(p.getClipSeconds() > 0) || p.getClipSeconds() > MAX_CLIP_SECONDS) {
            insane.add("clip length must be in (0, " + (int) MAX_CLIP_SECONDS + "] s, not " + p.getClipSeconds());
        }
        insane.forEach(message -> problems.error(p, "profile " + message));
        if (insane.isEmpty() && !isBlank(p.getName())) {
            compareWithKnown(p);
        }
    }

    /** A profile named after a known one should hold its settings: a mismatch is usually a typo. */
    private void compareWithKnown(io.avlens.model.PreprocessingProfile p) {
        Optional<PreprocessingProfile> known = Profiles.byId(p.getName());
        if (known.isEmpty()) {
            return;
        }
        PreprocessingProfile k = known.get();
        List<String> differences = new ArrayList<>();
        VideoSpec video = k.video();
        differ(differences, "fps", p.getFps(), video == null ? 0 : video.fps());
        differ(differences, "frame width", p.getFrameWidth(), video == null ? 0 : video.width());
        differ(differences, "frame height", p.getFrameHeight(), video == null ? 0 : video.height());
        differ(differences, "sample rate", p.getSampleRate(), k.sampleRate());
        differ(differences, "mel bins", p.getMelBins(), k.mel() == null ? 0 : k.mel().bins());
        differ(differences, "hop", p.getHop(), k.mel() == null ? 0 : k.mel().hop());
        differ(differences, "clip seconds", p.getClipSeconds(), k.clipSeconds());
        if (!differences.isEmpty()) {
            problems.warning(p, "differs from the known profile '" + k.id() + "': " + String.join(", ", differences));
        }
    }

    private static void differ(List<String> differences, String what, double value, double known) {
        if (Math.abs(value - known) > 1e-9 * Math.max(1, Math.abs(known))) {
            differences.add(String.format(Locale.ROOT, "%s %s instead of %s", what, number(value), number(known)));
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void checkTensors(List<TensorSpec> tensors, String what) {
        problems.unique(tensors, TensorSpec::getName, what + " name");
        for (TensorSpec tensor : tensors) {
            for (int i = 0; i < tensor.getShape().size(); i++) {
                int d = tensor.getShape().get(i);
                if (d == 0 || d < -1) {
                    problems.error(tensor, what + " dimension " + i + " must be ≥ 1, or -1 for any size, not " + d);
                }
            }
        }
    }

    private static boolean outside(int value, int min, int max) {
        return value < min || value > max;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
