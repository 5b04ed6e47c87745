package io.avlens.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A media file AV Lens cannot use. The message names the file and the problem in words a user can act on;
 * {@link #problem()} tells programs which problem it is.
 */
public class MediaException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** There is no file at the path. */
        NOT_FOUND,
        /** The file has no bytes. */
        EMPTY,
        /** The path is a named pipe, a device or a socket: no file to read (and FFmpeg would block or read forever). */
        NOT_A_FILE,
        /** FFmpeg cannot read it: not a media file, corrupt or truncated. */
        UNREADABLE,
        /** A stream's codec has no decoder in AV Lens's FFmpeg. */
        UNSUPPORTED_CODEC,
        /** The file holds neither audio nor video. */
        NO_STREAMS,
        /** The file has no video stream where one is needed. */
        NO_VIDEO,
        /** The file has no audio stream where one is needed. */
        NO_AUDIO,
        /** The file lasts no time at all. */
        ZERO_LENGTH,
        /** Frame size, frame rate or sample rate out of any plausible range. */
        IMPLAUSIBLE,
        /** A requested time range lies outside the media. */
        OUT_OF_RANGE,
        /** What was asked of the file does not fit in memory (read a shorter time range). */
        TOO_LONG
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * @param file    the media file
     * @param problem which problem
     * @param detail  the problem in words, e.g. "holds no audio stream"
     * @param cause   the underlying exception, or null
     */
    public MediaException(Path file, Problem problem, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    /** Which problem it is. */
    public Problem problem() {
        return problem;
    }
}
