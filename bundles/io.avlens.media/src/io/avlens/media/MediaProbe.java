package io.avlens.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import io.avlens.media.MediaException.Problem;

/**
 * Reads what a media file holds (container, duration, first video and audio stream) with FFmpeg, without decoding
 * it. Every way a file can be unusable ends in a {@link MediaException} naming the file and the problem.
 * Stateless; any thread.
 */
public final class MediaProbe {

    /**
     * FFmpeg's text-art demuxers (tty for .txt/.nfo/.asc, bintext, xbin, idf) open plain text files as "video";
     * they are never clips.
     */
    private static final Set<String> TEXT_ART_CODECS = Set.of("ansi", "bintext", "xbin", "idf");

    /** Frame sides beyond this are not a video AV Lens can use (8K is 7680). */
    static final int MAX_SIDE = 16_384;
    static final double MAX_FPS = 1_000;
    static final int MAX_SAMPLE_RATE = 768_000;

    /** The FFmpeg error code in a JavaCV message, e.g. {@code avformat_open_input() error -1094995529: …}. */
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern JAVACV_HINTS = Pattern.compile("\\s*\\(Has setFormat\\(\\) been called\\?\\)"
            + "|\\s*\\(For more details.*?called\\.?\\)|\\s*Could not open input \"[^\"]*\"\\.?");

    private MediaProbe() {
    }

    /**
     * Probes {@code file}.
     *
     * @throws MediaException when the file is missing, empty, not readable as media, uses a codec FFmpeg here cannot
     *                        decode, holds no stream, lasts no time, or has implausible dimensions
     */
    public static MediaInfo probe(Path file) throws MediaException {
        checkFile(file);
        String truncation = ContainerTruncation.describe(file);
        if (truncation != null) {
            throw truncated(file, truncation);
        }
        FfmpegLogging.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
            return describe(file, grabber);
        } catch (FrameGrabber.Exception e) {
            throw unreadable(file, e);
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                // closing a grabber that failed to start: nothing more to release
            }
        }
    }

    /**
     * The checks before FFmpeg opens a file: it exists, is a file (not a folder, a named pipe, a device or a
     * socket, which FFmpeg would block on or read forever) and is not empty. Opens nothing.
     *
     * @throws MediaException naming the file and which of these failed
     */
    public static void checkFile(Path file) throws MediaException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MediaException(file, Problem.NOT_FOUND, "no such file", null);
        } catch (IOException e) {
            throw new MediaException(file, Problem.UNREADABLE, "cannot be read: " + e.getMessage(), e);
        }
        if (attributes.isDirectory()) {
            throw new MediaException(file, Problem.UNREADABLE, "is a folder, not a media file", null);
        }
        if (!attributes.isRegularFile()) {
            throw new MediaException(file, Problem.NOT_A_FILE, FileKinds.describe(file) + ", not a file", null);
        }
        long size = attributes.size();
        if (size == 0) {
            throw new MediaException(file, Problem.EMPTY, "the file is empty (0 bytes)", null);
        }
    }

    private static MediaInfo describe(Path file, FFmpegFrameGrabber grabber) throws MediaException {
        if (!grabber.hasVideo() && !grabber.hasAudio()) {
            throw new MediaException(file, Problem.NO_STREAMS, "holds neither an audio nor a video stream", null);
        }
        double duration = grabber.getLengthInTime() / 1e6;
        if (!(duration > 0)) {
            throw new MediaException(file, Problem.ZERO_LENGTH, "has no duration (zero length or unknown)", null);
        }
        MediaInfo.Video video = null;
        if (grabber.hasVideo() && TEXT_ART_CODECS.contains(grabber.getVideoCodecName())) {
            throw new MediaException(file, Problem.UNREADABLE, "is a text file, not a clip (FFmpeg would draw it as "
                    + grabber.getVideoCodecName() + " text art)", null);
        }
        if (grabber.hasVideo()) {
            int w = grabber.getImageWidth();
            int h = grabber.getImageHeight();
            double fps = grabber.getVideoFrameRate();
            if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE) {
                throw new MediaException(file, Problem.IMPLAUSIBLE, "video frame size " + w + "x" + h
                        + " is not plausible (1 to " + MAX_SIDE + " pixels a side)", null);
            }
            if (!(fps > 0) || fps > MAX_FPS) {
                throw new MediaException(file, Problem.IMPLAUSIBLE, String.format(Locale.ROOT,
                        "video frame rate %.3f fps is not plausible", fps), null);
            }
            long frames = headerFrameCount(grabber);
            if (frames <= 0) {
                frames = Math.round(duration * fps);
            }
            video = new MediaInfo.Video(fps, w, h, grabber.getVideoCodecName(), frames);
        }
        MediaInfo.Audio audio = null;
        if (grabber.hasAudio()) {
            int rate = grabber.getSampleRate();
            if (rate <= 0 || rate > MAX_SAMPLE_RATE) {
                throw new MediaException(file, Problem.IMPLAUSIBLE, "audio sample rate " + rate
                        + " Hz is not plausible", null);
            }
            audio = new MediaInfo.Audio(rate, grabber.getAudioChannels(), grabber.getAudioCodecName());
        }
        return new MediaInfo(file, grabber.getFormat(), duration, video, audio);
    }

    /** The frame count the container states for the grabbed video stream, or 0 when it states none. */
    private static long headerFrameCount(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        if (context == null || index < 0 || index >= context.nb_streams()) {
            return 0;
        }
        AVStream stream = context.streams(index);
        return Math.max(0, stream.nb_frames());
    }

    /**
     * The error for a file FFmpeg failed to open: an unsupported codec, a cut MP4, or not readable media; in
     * FFmpeg's words for its error code, never JavaCV's hints to programmers.
     */
    static MediaException unreadable(Path file, FrameGrabber.Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("avcodec_find_decoder") || message.contains("Unsupported")) {
            return new MediaException(file, Problem.UNSUPPORTED_CODEC,
                    "uses a codec the FFmpeg in AV Lens cannot decode (" + withoutJavacvHints(message) + ")", e);
        }
        Matcher code = ERROR_CODE.matcher(message);
        return unreadable(file, code.find() ? Integer.parseInt(code.group(1)) : 0, e);
    }

    /** The error for a file FFmpeg failed to open with {@code error} (0 when unknown). */
    static MediaException unreadable(Path file, int error, Throwable cause) {
        String truncation = ContainerTruncation.describe(file);
        if (truncation != null) {
            return truncated(file, truncation);
        }
        return new MediaException(file, Problem.UNREADABLE,
                "is not a media file FFmpeg can read (no video or audio it knows): it may be corrupt, truncated or"
                        + " of another kind" + (error < 0 ? " (FFmpeg: " + VideoInput.errorText(error) + ")" : ""), cause);
    }

    private static MediaException truncated(Path file, String what) {
        return new MediaException(file, Problem.UNREADABLE, "is truncated or damaged: " + what
                + "; it is corrupt, truncated or still being written (an interrupted copy, download or recording?)",
                null);
    }

    /** JavaCV's message without its advice to programmers ("Has setFormat() been called?" and the like). */
    static String withoutJavacvHints(String message) {
        return JAVACV_HINTS.matcher(message).replaceAll("").strip();
    }

    /** FFmpeg's own version string, e.g. "8.0.1" (loads the native libraries on first use). */
    public static String ffmpegVersion() {
        return avutil.av_version_info().getString();
    }
}
