package io.avlens.models.cavp;

import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioReader;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.media.VideoFrames;
import io.avlens.media.dsp.LogMelSpectrogram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A clip decoded at a profile whose mel frames per video frame is not a whole number, as Diff-Foley's CAVP profile
 * (62.5 mel frames a second at 4 fps: 15.625 per frame): {@code T} video frames and the log-mel frames of their
 * display intervals, {@code floor(T·r)} of them, both cut to the shorter of the two. Only models made of a video and
 * an audio part take it (each part reads its own input; the audio part's output has its own number of steps); the
 * built-in block needs {@link StepAlignedClip}'s whole number.
 *
 * @param steps      {@code T}
 * @param melPerStep {@code r}, mel frames per video frame
 * @param frames     {@code [T, H, W, 3]} RGB in [0, 1] ({@code FrameReader} at the profile)
 * @param mel        {@code [bins, floor(T·r)]} log-mel in [0, 1] ({@code LogMelSpectrogram} at the profile)
 */
public record UnalignedClip(int steps, double melPerStep, FloatTensor frames, FloatTensor mel) {

    /**
     * Decodes {@code media} at {@code profile}.
     *
     * @throws IOException naming the file when it cannot be decoded or is shorter than one video frame
     */
    public static UnalignedClip decode(Path media, PreprocessingProfile profile) throws IOException {
        if (profile.video() == null || profile.mel() == null) {
            throw new IllegalArgumentException("profile " + profile.id() + " has no frames or no mel spectrogram");
        }
        double r = profile.melFramesPerSecond() / profile.video().fps();
        VideoFrames frames;
        FloatTensor mel;
        try {
            frames = new FrameReader(profile.video()).read(media);
            mel = LogMelSpectrogram.of(profile).compute(AudioReader.read(media, profile.sampleRate()));
        } catch (MediaException e) {
            String m = e.getMessage();
            throw new IOException(m != null && m.contains(media.toString()) ? m : media + ": " + m, e);
        }
        int steps = Math.min(frames.count(), (int) Math.floor(mel.dim(1) / r + 1e-9));
        if (steps < 1) {
            throw new IOException(media + ": too short for one video frame of audio and picture");
        }
        int pixels = frames.height() * frames.width() * 3;
        float[] all = frames.tensor().toArray();
        float[] fv = steps == frames.count() ? all : Arrays.copyOf(all, steps * pixels);
        return new UnalignedClip(steps, r,
                FloatTensor.wrap(new int[] {steps, frames.height(), frames.width(), 3}, fv),
                cut(mel, columns(steps, r)));
    }

    /** The mel frames of {@code steps} video frames: {@code floor(steps·r)}. */
    static int columns(int steps, double r) {
        return (int) Math.floor(steps * r + 1e-9);
    }

    /** The seconds of sound the mel spans at the profile's rate. */
    public double melSeconds(PreprocessingProfile profile) {
        return mel.dim(1) / profile.melFramesPerSecond();
    }

    /**
     * This clip padded to {@code target} steps: black frames and silent log-mel (0) after the end; itself when it has
     * as many steps already.
     */
    public UnalignedClip padTo(int target) {
        if (target <= steps) {
            return this;
        }
        int[] f = frames.shape();
        float[] fv = Arrays.copyOf(frames.toArray(), target * f[1] * f[2] * f[3]);
        return new UnalignedClip(target, melPerStep, FloatTensor.wrap(new int[] {target, f[1], f[2], f[3]}, fv),
                cut(mel, columns(target, melPerStep)));
    }

    /** The first {@code cols} columns of {@code mel [bins, M]}, zeros past its end. */
    private static FloatTensor cut(FloatTensor mel, int cols) {
        int bins = mel.dim(0);
        int have = mel.dim(1);
        float[] mv = mel.toArray();
        float[] out = new float[bins * cols];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(mv, b * have, out, b * cols, Math.min(have, cols));
        }
        return FloatTensor.wrap(new int[] {bins, cols}, out);
    }
}
