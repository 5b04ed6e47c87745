package io.avlens.media;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import io.avlens.media.MediaException.Problem;

/**
 * {@link SoundtrackMuxer}'s fallback for a video codec MP4 cannot hold (e.g. FFV1, raw video): every frame decoded
 * and re-encoded to H.264 (openh264, the LGPL build's H.264 encoder) at its own timestamp, at a bit rate generous
 * enough to keep the picture, with the soundtrack as AAC. Writes one file; the caller makes it atomic.
 */
final class SoundtrackReencode {

    private SoundtrackReencode() {
    }

    static void write(VideoInput input, float[] samples, int rate, Path temp, Path target) throws IOException {
        double fps = input.fps > 0 ? input.fps : 25;
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.file.toFile());
        grabber.setVideoStream(input.streamIndex);
        double reached = 0;
        try {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toFile(), input.width, input.height,
                    1)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName("libopenh264");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setAspectRatio(input.pixelAspect);
                recorder.setVideoBitrate((int) Math.min(50_000_000, Math.max(1_000_000,
                        0.2 * input.width * input.height * fps)));
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(rate);
                recorder.setAudioChannels(1);
                recorder.setAudioBitrate(SoundtrackMuxer.AAC_BIT_RATE);
                recorder.start();
                for (Frame frame; (frame = grabber.grabImage()) != null;) {
                    if (frame.timestamp > recorder.getTimestamp()) {
                        recorder.setTimestamp(frame.timestamp);
                    }
                    reached = Math.max(reached, frame.timestamp / 1e6 + 1 / fps);
                    recorder.record(frame);
                }
                if (reached < input.end - input.endTolerance()) {
                    throw input.truncated(reached, 0);
                }
                recorder.recordSamples(rate, 1, FloatBuffer.wrap(samples));
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw new IOException(target + ": cannot be written (" + e.getMessage() + ")", e);
            }
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(input.file, Problem.UNREADABLE, "the video cannot be decoded after "
                    + String.format(Locale.ROOT, "%.3f s", reached) + " ("
                    + MediaProbe.withoutJavacvHints(String.valueOf(e.getMessage())) + ")", e);
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                // nothing more to release
            }
        }
    }
}
