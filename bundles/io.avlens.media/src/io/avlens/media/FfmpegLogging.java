package io.avlens.media;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg writes its own diagnostics to stderr; AV Lens reports problems through exceptions instead, so the
 * command line's stderr carries only AV Lens's messages.
 */
public final class FfmpegLogging {

    private FfmpegLogging() {
    }

    /** Silences FFmpeg's logging (idempotent, cheap). */
    public static void quiet() {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }
}
