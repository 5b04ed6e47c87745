package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.media.VideoFrames;
import io.avlens.media.VideoWriter;

/**
 * Writes a clip as MP4 with its sound and the heatmap over every frame, drawn as the overlay draws it: each video
 * frame shows the feature frame at its time and the audio step at the same time (playback, as DenseAV's output
 * video), its {@link HeatmapSlice} under the given settings (heads shown, colouring, normalisation) upsampled by
 * {@link HeatmapLayer#UPSAMPLING} with the overlay's colours, then scaled bilinearly to the picture and alpha-blended
 * over it. Pins do not apply: the video plays. Frames are decoded in windows of {@value #WINDOW}, so memory does not
 * grow with the clip's length. Any thread; the settings must not change meanwhile (pass a {@link
 * HeatmapSettings#copy()}).
 */
public final class HeatmapVideoExport {

    /** Frames decoded at a time. */
    static final int WINDOW = 32;

    private HeatmapVideoExport() {
    }

    /**
     * Writes {@code out} (atomically, through {@link VideoWriter}) from {@code clip}'s media and {@code heatmaps}.
     *
     * @param monitor one unit per frame written; cancel stops and leaves no file
     * @throws IOException                naming the file and the problem in the user's words
     * @throws OperationCanceledException when cancelled
     */
    public static void write(Path clip, HeatmapClip heatmaps, HeatmapSettings settings, Path out,
            IProgressMonitor monitor) throws IOException {
        try {
            Path folder = out.toAbsolutePath().getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new IOException(out + ": cannot be written, the folder " + folder + " cannot be made ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            MediaInfo info = MediaProbe.probe(clip);
            if (!info.hasVideo()) {
                throw new IOException(clip + ": has no video to draw the heatmap over");
            }
            DenseFeatures f = heatmaps.shown();
            int width = Math.max(2, info.video().width() / 2 * 2);
            int height = Math.max(2, info.video().height() / 2 * 2);
            double fps = info.video().fps() > 0 ? info.video().fps() : 1 / f.frameTime().step();
            VideoSpec spec = new VideoSpec(fps, width, height, FrameFit.STRETCH);
            int total = spec.frameCount(info.durationSeconds());
            SubMonitor progress = SubMonitor.convert(monitor, "Writing " + out.getFileName(), total + 1);
            FrameReader reader = new FrameReader(spec);
            int rate = info.hasAudio() ? info.audio().sampleRate() : 0;
            int factor = HeatmapLayer.UPSAMPLING;
            int[] blended = new int[width * height];
            try (VideoWriter writer = new VideoWriter(out, width, height, fps, rate)) {
                for (int start = 0; start < total; start += WINDOW) {
                    VideoFrames frames = window(reader, clip, start / fps, (WINDOW - 0.5) / fps);
                    for (int i = 0; frames != null && i < frames.count(); i++) {
                        if (progress.isCanceled()) {
                            throw new OperationCanceledException();
                        }
                        double t = frames.time(i);
                        HeatmapSlice slice = HeatmapSlice.of(heatmaps, f.frameAt(t), f.stepAt(t), settings);
                        int[] heat = slice.upsampledArgb(f.height(), f.width(), factor, settings);
                        blend(heat, f.width() * factor, f.height() * factor, frames.argb(i), width, height, blended);
                        writer.frame(blended);
                        progress.worked(1);
                    }
                    if (frames == null || frames.count() < WINDOW) {
                        break;
                    }
                }
                AudioSignal sound = rate > 0 ? AudioReader.read(clip, rate) : null;
                writer.finish(sound == null ? null : sound.samples());
                progress.worked(1);
            }
        } catch (MediaException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(out + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** The frames of one window, or null when the video stream ends before it (shorter than the container). */
    private static VideoFrames window(FrameReader reader, Path clip, double start, double duration)
            throws MediaException {
        try {
            return reader.read(clip, start, duration);
        } catch (MediaException e) {
            if (e.problem() == MediaException.Problem.OUT_OF_RANGE) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Scales {@code heat} ({@code hw × hh} ARGB with alpha) bilinearly, premultiplied, to {@code w × h} and blends it
     * over {@code picture} into {@code out} (opaque ARGB), as SWT draws the overlay image over the picture.
     */
    static void blend(int[] heat, int hw, int hh, int[] picture, int w, int h, int[] out) {
        int[] x0 = new int[w];
        float[] wx = new float[w];
        for (int x = 0; x < w; x++) {
            double s = Math.max(0, (x + 0.5) * hw / w - 0.5);
            x0[x] = Math.min(hw - 1, (int) s);
            wx[x] = x0[x] + 1 < hw ? (float) (s - x0[x]) : 0f;
        }
        float[] mix = new float[4];
        for (int y = 0; y < h; y++) {
            double s = Math.max(0, (y + 0.5) * hh / h - 0.5);
            int r0 = Math.min(hh - 1, (int) s);
            float b = r0 + 1 < hh ? (float) (s - r0) : 0f;
            int r1 = Math.min(hh - 1, r0 + 1);
            for (int x = 0; x < w; x++) {
                int c0 = x0[x];
                int c1 = Math.min(hw - 1, c0 + 1);
                float a = wx[x];
                Arrays.fill(mix, 0f);
                add(mix, heat[r0 * hw + c0], (1 - a) * (1 - b));
                add(mix, heat[r0 * hw + c1], a * (1 - b));
                add(mix, heat[r1 * hw + c0], (1 - a) * b);
                add(mix, heat[r1 * hw + c1], a * b);
                int p = picture[y * w + x];
                float keep = 1 - mix[0];
                int red = Math.round(Math.min(255, mix[1] + ((p >> 16) & 0xff) * keep));
                int green = Math.round(Math.min(255, mix[2] + ((p >> 8) & 0xff) * keep));
                int blue = Math.round(Math.min(255, mix[3] + (p & 0xff) * keep));
                out[y * w + x] = 0xff000000 | red << 16 | green << 8 | blue;
            }
        }
    }

    /** Adds {@code argb} premultiplied by its alpha, times {@code weight}: alpha (0..1), then red, green, blue. */
    private static void add(float[] mix, int argb, float weight) {
        if (weight == 0) {
            return;
        }
        float alpha = (argb >>> 24) / 255f * weight;
        mix[0] += alpha;
        mix[1] += ((argb >> 16) & 0xff) * alpha;
        mix[2] += ((argb >> 8) & 0xff) * alpha;
        mix[3] += (argb & 0xff) * alpha;
    }
}
