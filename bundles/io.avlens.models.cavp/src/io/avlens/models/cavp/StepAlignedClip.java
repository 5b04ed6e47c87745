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

/**
 * A clip decoded at a profile with picture and sound on one step grid: {@code T} video frames and the
 * {@code T·k} log-mel frames of their display intervals ({@code k} mel frames per video frame), both cut to the
 * shorter of the two. This is the one place CAVP's input is made from a media file, for training data
 * ({@link AvShapesData}), for the similarity task and for the command line, so all of them see the same numbers.
 *
 * @param steps      {@code T}
 * @param melPerStep {@code k}
 * @param frames     {@code [T, H, W, 3]} RGB in [0, 1] ({@code FrameReader} at the profile)
 * @param mel        {@code [bins, T·k]} log-mel in [0, 1] ({@code LogMelSpectrogram} at the profile)
 */
public record StepAlignedClip(int steps, int melPerStep, FloatTensor frames, FloatTensor mel) {

    /** Mel frames per video frame of a profile, which must be a whole number. */
    public static int melPerStep(PreprocessingProfile profile) {
        if (profile.video() == null || profile.mel() == null) {
            throw new IllegalArgumentException("profile " + profile.id() + " has no frames or no mel spectrogram");
        }
        double ratio = profile.melFramesPerSecond() / profile.video().fps();
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9) {
            throw new IllegalArgumentException("profile " + profile.id() + " has " + ratio
                    + " mel frames per video frame, not a whole number");
        }
        return (int) Math.rint(ratio);
    }

    /**
     * Decodes {@code media}: frames at the profile's rate and size, the log-mel of its soundtrack at the profile's
     * sample rate.
     *
     * @throws IOException naming the file when it cannot be decoded, has no picture or no sound, or is shorter than
     *                     one video frame
     */
    public static StepAlignedClip decode(Path media, PreprocessingProfile profile) throws IOException {
        int k = melPerStep(profile);
        VideoFrames frames;
        FloatTensor mel;
        try {
            frames = new FrameReader(profile.video()).read(media);
            mel = LogMelSpectrogram.of(profile).compute(AudioReader.read(media, profile.sampleRate()));
        } catch (MediaException e) {
            String m = e.getMessage();
            throw new IOException(m != null && m.contains(media.toString()) ? m : media + ": " + m, e);
        }
        int bins = mel.dim(0);
        int melFrames = mel.dim(1);
        int steps = Math.min(frames.count(), melFrames / k);
        if (steps < 1) {
            throw new IOException(media + ": too short for one video frame of audio and picture");
        }
        int pixels = frames.height() * frames.width() * 3;
        float[] all = frames.tensor().toArray();
        float[] fv = steps == frames.count() ? all : java.util.Arrays.copyOf(all, steps * pixels);
        float[] mv = mel.toArray();
        int cols = steps * k;
        float[] cut = new float[bins * cols];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(mv, b * melFrames, cut, b * cols, cols);
        }
        return new StepAlignedClip(steps, k, FloatTensor.wrap(new int[] {steps, frames.height(), frames.width(), 3}, fv),
                FloatTensor.wrap(new int[] {bins, cols}, cut));
    }

    /**
     * This clip padded to {@code target} steps: black frames and silent log-mel (0, the floor of its [0, 1] range)
     * after the end; itself when it has as many steps already.
     */
    public StepAlignedClip padTo(int target) {
        if (target <= steps) {
            return this;
        }
        int[] f = frames.shape();
        float[] fv = java.util.Arrays.copyOf(frames.toArray(), target * f[1] * f[2] * f[3]);
        int bins = mel.dim(0);
        int cols = steps * melPerStep;
        int padded = target * melPerStep;
        float[] mv = mel.toArray();
        float[] out = new float[bins * padded];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(mv, b * cols, out, b * padded, cols);
        }
        return new StepAlignedClip(target, melPerStep, FloatTensor.wrap(new int[] {target, f[1], f[2], f[3]}, fv),
                FloatTensor.wrap(new int[] {bins, padded}, out));
    }
}
