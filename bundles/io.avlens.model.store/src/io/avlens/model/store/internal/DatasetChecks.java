package io.avlens.model.store.internal;

import io.avlens.model.Annotation;
import io.avlens.model.Bookmark;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.SoundEvent;

/** A dataset's constraints: unique clip ids and split names, media that exist, plausible clips and annotations. */
final class DatasetChecks {

    /** Largest frame side of a clip (the media layer's limit). */
    static final int MAX_SIDE = 16_384;

    /** Slack for times compared with a clip's duration, which containers round. */
    private static final double EPSILON_SECONDS = 1e-3;

    private final Problems problems;

    DatasetChecks(Problems problems) {
        this.problems = problems;
    }

    void check(Dataset dataset) {
        problems.existing(dataset, "root folder", dataset.getRootLocation(), true);
        problems.unique(dataset.getClips(), Clip::getId, "clip id");
        problems.unique(dataset.getSplits(), s -> s.getName(), "split name");
        for (Clip clip : dataset.getClips()) {
            checkClip(dataset, clip);
        }
    }

    private void checkClip(Dataset dataset, Clip clip) {
        problems.existing(clip, "media file", clip.getMediaLocation(), false);
        if (!(clip.getDuration() > 0) || Double.isInfinite(clip.getDuration())) {
            problems.error(clip, "duration must be > 0 s, not " + clip.getDuration());
        }
        if (!Double.isFinite(clip.getFps()) || clip.getFps() < 0) {
            problems.error(clip, "frame rate must be ≥ 0 fps (0 without video), not " + clip.getFps());
        } else if (clip.getFps() > 0 && (clip.getFrameWidth() < 1 || clip.getFrameHeight() < 1
                || clip.getFrameWidth() > MAX_SIDE || clip.getFrameHeight() > MAX_SIDE)) {
            problems.error(clip, "a video clip needs a frame size of 1 to " + MAX_SIDE + " pixels a side, not "
                    + clip.getFrameWidth() + "x" + clip.getFrameHeight());
        }
        if (clip.isHasAudio() && clip.getSampleRate() <= 0) {
            problems.error(clip, "has audio but no sample rate");
        }
        if (!clip.hasVideo() && !clip.isHasAudio()) {
            problems.error(clip, "has neither video nor audio");
        }
        if (clip.getSplit() != null && !clip.getSplit().eIsProxy() && clip.getSplit().eContainer() != dataset) {
            problems.error(clip, "its split '" + clip.getSplit().getName() + "' belongs to another dataset");
        }
        for (Annotation annotation : clip.getAnnotations()) {
            checkAnnotation(clip, annotation);
        }
    }

    /** Uses the non-short-circuit {@code &} so that a bad start and a bad duration are both reported. */
    private void checkAnnotation(Clip clip, Annotation annotation) {
        switch (annotation) {
            case SoundEvent e -> {
                if (problems.time(e, "start", e.getStart()) & problems.time(e, "duration", e.getDuration())) {
                    afterEnd(clip, e, "ends", e.getStart() + e.getDuration());
                }
            }
            case Narration n -> {
                if (problems.time(n, "start", n.getStart()) & problems.time(n, "end", n.getEnd())) {
                    if (n.getEnd() < n.getStart()) {
                        problems.error(n, "ends (" + n.getEnd() + " s) before it starts (" + n.getStart() + " s)");
                    }
                    afterEnd(clip, n, "ends", n.getEnd());
                }
            }
            case Bookmark b -> {
                if (problems.time(b, "time", b.getTime())) {
                    afterEnd(clip, b, "is", b.getTime());
                }
            }
            case ObjectTrack t -> {
                if (problems.existing(t, "mask file", t.getMasksLocation(), false) != null
                        && !t.getMasksLocation().endsWith(".npy")) {
                    problems.error(t, "mask file '" + t.getMasksLocation() + "' is not a NumPy .npy file");
                }
            }
            default -> {
                // further annotation kinds have no constraints yet
            }
        }
    }

    private void afterEnd(Clip clip, Annotation annotation, String verb, double seconds) {
        if (clip.getDuration() > 0 && seconds > clip.getDuration() + EPSILON_SECONDS) {
            problems.warning(annotation, verb + " at " + seconds + " s, after the end of its clip ("
                    + clip.getDuration() + " s)");
        }
    }
}
