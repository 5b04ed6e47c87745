package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.HeatmapOverlay;
import io.avlens.cli.command.CommandException;
import io.avlens.core.io.IoErrors;
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
 * {@code avlens heatmap --video}: the clip at its own size and rate with the heads' maximum blended over each frame
 * ({@link HeatmapOverlay}: inferno, alpha = value, scaled by the range over the whole clip of what is shown), each
 * video frame showing the feature frame at its time and the audio step the official demo pairs with it, and the
 * clip's sound. Stateless.
 */
final class HeatmapVideo {

    private HeatmapVideo() {
    }

    /**
     * Writes the overlaid video, a unit of {@code monitor} per frame; a cancel leaves no file.
     *
     * @throws CommandException (exit 2) naming the file that cannot be read or written; exit 1 when cancelled
     */
    static void write(Path clip, DenseFeatures features, Path out, IProgressMonitor monitor)
            throws CommandException {
        try {
            MediaInfo info = MediaProbe.probe(clip);
            if (!info.hasVideo()) {
                throw new CommandException(clip + ": has no video stream to draw the heatmap over");
            }
            int width = info.video().width() / 2 * 2;
            int height = info.video().height() / 2 * 2;
            double fps = info.video().fps() > 0 ? info.video().fps() : 1 / features.frameTime().step();
            VideoFrames frames = new FrameReader(new VideoSpec(fps, width, height, FrameFit.STRETCH)).read(clip);
            int rate = info.hasAudio() ? info.audio().sampleRate() : 0;
            AudioSignal sound = rate > 0 ? AudioReader.read(clip, rate) : null;
            float[][] shown = new float[features.frames()][features.height() * features.width()];
            float low = Float.POSITIVE_INFINITY;
            float high = Float.NEGATIVE_INFINITY;
            for (int f = 0; f < features.frames(); f++) {
                features.aggregate(f, features.officialStep(f), shown[f]);
                for (float v : shown[f]) {
                    low = Math.min(low, Math.max(0f, v));
                    high = Math.max(high, v);
                }
            }
            HeatmapOverlay overlay = new HeatmapOverlay(features.height(), features.width(), width, height);
            int[] blended = new int[width * height];
            monitor.beginTask("video", frames.count());
            try (VideoWriter writer = new VideoWriter(out, width, height, fps, rate)) {
                for (int i = 0; i < frames.count(); i++) {
                    if (monitor.isCanceled()) { // the writer deletes its unfinished file
                        throw new CommandException("heatmap: cancelled; " + out + " was not written",
                                CommandException.INTERNAL, null);
                    }
                    monitor.worked(1);
                    int f = features.frameAt(frames.time(i));
                    overlay.blend(shown[f], low, high, frames.argb(i), blended);
                    writer.frame(blended);
                }
                writer.finish(sound == null ? null : sound.samples());
            }
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException(e.getMessage() != null && e.getMessage().startsWith(out.toString())
                    ? e.getMessage() : out + ": cannot write the video: " + IoErrors.describe(e));
        }
    }
}
