package io.avlens.inference.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.VideoSpec;
import io.avlens.inference.descriptor.ContractMismatch.Severity;
import io.avlens.inference.descriptor.ModelDescriptor.Modality;

/**
 * Lists every way a clip differs from a model's preprocessing profile, so a user learns before a run that
 * (say) a 30 fps 44.1 kHz stereo clip will be resampled to Diff-Foley's 4 fps 16 kHz mono. Pure.
 */
public final class ContractChecker {

    /** Relative difference below which two rates count as equal (29.97 vs 30 fps does count as different). */
    private static final double RATE_TOLERANCE = 1e-4;

    private ContractChecker() {
    }

    /** The mismatches of {@code clip} against the descriptor's profile and modalities, errors first. */
    public static List<ContractMismatch> check(ModelDescriptor model, ClipFacts clip) {
        return check(model.profile(), model.modalities(), model.padShort(), clip);
    }

    /** The mismatches of {@code clip} against a profile, for a model reading {@code modalities}. */
    public static List<ContractMismatch> check(PreprocessingProfile profile, Set<Modality> modalities,
            ClipFacts clip) {
        return check(profile, modalities, false, clip);
    }

    /**
     * The mismatches of {@code clip} against a profile, for a model reading {@code modalities}; a clip shorter than
     * the window is an error unless {@code padShort} (then it is padded: a conversion).
     */
    public static List<ContractMismatch> check(PreprocessingProfile profile, Set<Modality> modalities,
            boolean padShort, ClipFacts clip) {
        List<ContractMismatch> out = new ArrayList<>();
        String name = clip.source();
        VideoSpec v = profile.video();
        if (modalities.contains(Modality.VIDEO) && v != null) {
            if (clip.video() == null) {
                out.add(new ContractMismatch("video", "a video stream", "none", Severity.ERROR,
                        name + " has no video stream, but " + profile.id() + " needs frames"));
            } else {
                ClipFacts.Video cv = clip.video();
                if (differs(cv.fps(), v.fps())) {
                    String how = cv.fps() < v.fps() ? "frames will repeat" : "frames will be sampled";
                    out.add(new ContractMismatch("fps", fmt(v.fps()), fmt(cv.fps()), Severity.CONVERTED,
                            name + " runs at " + fmt(cv.fps()) + " fps, " + profile.id() + " takes " + fmt(v.fps())
                                    + " fps: " + how));
                }
                if (cv.width() != v.width() || cv.height() != v.height()) {
                    String how = cv.width() < v.width() || cv.height() < v.height() ? "upscaled" : "downscaled";
                    out.add(new ContractMismatch("frameSize", v.width() + "x" + v.height(),
                            cv.width() + "x" + cv.height(), Severity.CONVERTED,
                            name + " has " + cv.width() + "x" + cv.height() + " frames, " + profile.id() + " takes "
                                    + v.width() + "x" + v.height() + ": they will be " + how + " ("
                                    + v.fit().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
                }
            }
        }
        if (modalities.contains(Modality.AUDIO)) {
            if (clip.audio() == null) {
                out.add(new ContractMismatch("audio", "an audio stream", "none", Severity.ERROR,
                        name + " has no audio stream, but " + profile.id() + " needs sound"));
            } else {
                ClipFacts.Audio ca = clip.audio();
                if (ca.sampleRate() != profile.sampleRate()) {
                    out.add(new ContractMismatch("sampleRate", profile.sampleRate() + " Hz", ca.sampleRate() + " Hz",
                            Severity.CONVERTED, name + " is sampled at " + ca.sampleRate() + " Hz, " + profile.id()
                                    + " takes " + profile.sampleRate() + " Hz: it will be resampled"));
                }
                if (ca.channels() != 1) {
                    out.add(new ContractMismatch("channels", "1", Integer.toString(ca.channels()),
                            Severity.CONVERTED, name + " has " + ca.channels() + " audio channels, " + profile.id()
                                    + " takes mono: they will be averaged"));
                }
            }
        }
        double window = profile.clipSeconds();
        double length = clip.durationSeconds();
        if (length < window - 1e-6 && padShort) {
            out.add(new ContractMismatch("clipLength", fmt(window) + " s", fmt(length) + " s", Severity.CONVERTED,
                    name + " lasts " + fmt(length) + " s, shorter than one " + fmt(window) + " s window of "
                            + profile.id() + ": it will be padded by " + fmt(window - length)
                            + " s (paddedSeconds in its results)"));
        } else if (length < window - 1e-6) {
            out.add(new ContractMismatch("clipLength", fmt(window) + " s", fmt(length) + " s", Severity.ERROR,
                    name + " lasts " + fmt(length) + " s, shorter than one " + fmt(window) + " s window of "
                            + profile.id()));
        } else if (length > window + 1e-6) {
            long windows = (long) Math.ceil(length / window - 1e-9);
            out.add(new ContractMismatch("clipLength", fmt(window) + " s", fmt(length) + " s", Severity.CONVERTED,
                    name + " lasts " + fmt(length) + " s, " + profile.id() + " takes " + fmt(window) + " s: it will"
                            + " be cut into " + windows + " windows"));
        }
        out.sort((a, b) -> a.severity().compareTo(b.severity()));
        return out;
    }

    /** Whether no mismatch is an error. */
    public static boolean usable(List<ContractMismatch> mismatches) {
        return mismatches.stream().noneMatch(m -> m.severity() == Severity.ERROR);
    }

    private static boolean differs(double actual, double expected) {
        return Math.abs(actual - expected) > RATE_TOLERANCE * expected;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)
                .replaceAll("0+$", "");
    }
}
