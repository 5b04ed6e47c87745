package io.avlens.models.difffoley;

import io.avlens.analysis.generation.SoundingEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How the alignment classifier's training pairs a clip's video with a sound (methods.md §4): half the time its own
 * sound (aligned); a quarter, its own sound shifted circularly in time by at least {@code minShift} mel frames
 * either way (the same sounds at the wrong moments; circular so the window stays the clip's own audio); a quarter,
 * another clip's sound.
 * <p>
 * A share {@code nearShare} of the shifted pairs are <b>near misses</b>: shifted by {@code nearShift} to
 * {@code minShift − 1} frames, earlier or later (0 for the shipped classifier). After classifier-free guidance a
 * sample's events that miss are a video frame or two early or late; near misses were to teach the classifier that
 * difference, and did not move those events (weights/diff-foley-small/README.md, "Near misses").
 * <p>
 * Where nothing on screen sounds ({@link TrainingClip#sounding()} false) the clip's own sound shifted is the same
 * sound, not a misaligned one, and so is the sound of another such clip: that clip's misaligned pairs are all the
 * sound of a clip where something does sound. A classifier trained with the shifted silent sounds as misaligned
 * pushed the samples of silent clips towards sound events (validation, weights/diff-foley-small/README.md).
 */
public final class AlignmentPairs {

    /** One pair: the clip whose sound is used, its circular shift in mel frames, and the label. */
    public record Pair(int sound, int shift, boolean aligned) {
    }

    private final List<TrainingClip> clips;
    private final List<Integer> sounding = new ArrayList<>();
    private final int minShift;
    private final int frames;
    private final int nearShift;
    private final double nearShare;

    /**
     * @param clips    the training clips (at least 2)
     * @param minShift the smallest shift of a shifted pair, mel frames
     * @param frames   mel frames of a clip's window
     */
    public AlignmentPairs(List<TrainingClip> clips, int minShift, int frames) {
        this(clips, minShift, frames, 0, 0);
    }

    /**
     * @param clips     the training clips (at least 2)
     * @param minShift  the smallest shift of a shifted pair that is not a near miss, mel frames
     * @param frames    mel frames of a clip's window
     * @param nearShift the smallest shift of a near miss, mel frames (1 to {@code minShift − 1}; ignored when
     *                  {@code nearShare} is 0)
     * @param nearShare the share of the shifted pairs that are near misses, 0 to 1
     */
    public AlignmentPairs(List<TrainingClip> clips, int minShift, int frames, int nearShift, double nearShare) {
        if (clips.size() < 2 || minShift < 1 || 2 * minShift > frames) {
            throw new IllegalArgumentException(clips.size() + " clips, shifts of " + minShift + " to "
                    + (frames - minShift) + " mel frames: pairs need 2 clips and room to shift");
        }
        if (!(nearShare >= 0 && nearShare <= 1) || nearShare > 0 && (nearShift < 1 || nearShift >= minShift)) {
            throw new IllegalArgumentException("near misses of " + nearShift + " to " + (minShift - 1)
                    + " mel frames, share " + nearShare + ": the share must be 0 to 1 and the range not empty");
        }
        this.clips = List.copyOf(clips);
        for (int i = 0; i < clips.size(); i++) {
            if (clips.get(i).sounding()) {
                sounding.add(i);
            }
        }
        this.minShift = minShift;
        this.frames = frames;
        this.nearShift = nearShift;
        this.nearShare = nearShare;
    }

    /** The clips, in the order the pairs' indices refer to. */
    public List<TrainingClip> clips() {
        return clips;
    }

    /** The pair for the video of clip {@code video}. */
    public Pair draw(int video, Random random) {
        boolean sounds = clips.get(video).sounding();
        double r = random.nextDouble();
        if (r < 0.5) {
            return new Pair(video, 0, true);
        }
        if (r < 0.75 && sounds) {
            if (nearShare > 0 && random.nextDouble() < nearShare) {
                int shift = nearShift + random.nextInt(minShift - nearShift);
                return new Pair(video, random.nextBoolean() ? shift : frames - shift, false);
            }
            return new Pair(video, minShift + random.nextInt(frames - 2 * minShift + 1), false);
        }
        if (sounds || sounding.isEmpty()) {
            int other = random.nextInt(clips.size() - 1);
            return new Pair(other >= video ? other + 1 : other, 0, false);
        }
        return new Pair(sounding.get(random.nextInt(sounding.size())), 0, false);
    }

    /**
     * Whether an on-screen object sounds (an AV-Shapes sidecar's on-screen hit or scratch) before
     * {@code windowSeconds}.
     *
     * @throws IOException naming the sidecar when it is missing or is not an AV-Shapes sidecar
     */
    public static boolean sounding(Path sidecar, double windowSeconds) throws IOException {
        for (double t : SoundingEvents.read(sidecar).targets()) {
            if (t < windowSeconds) {
                return true;
            }
        }
        return false;
    }
}
