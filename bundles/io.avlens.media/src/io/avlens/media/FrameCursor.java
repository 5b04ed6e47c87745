package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_index_search_timestamp;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.Locale;

import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import io.avlens.media.MediaException.Problem;

/**
 * The frame a video displays at a media time: the last frame whose timestamp is at or before it (the first frame
 * before the video starts). It keeps that frame and the one after it, so moving forward decodes only the frames in
 * between and moving within one frame's display time decodes nothing; moving backward, or far forward past a
 * keyframe when {@code seekAhead} is on, seeks to the keyframe before the target and decodes from there.
 * Not thread-safe; closing it closes the decoder.
 */
final class FrameCursor implements AutoCloseable {

    /** Timestamps this close after a target still count as "at" it (far below any frame interval). */
    static final double EPSILON = 1e-6;
    /** Without a seek index, a jump forward longer than this seeks instead of decoding through. */
    private static final double BLIND_SEEK_AHEAD = 2;

    final VideoDecoder decoder;
    private final boolean seekAhead;
    private AVFrame current = av_frame_alloc();
    private AVFrame next = av_frame_alloc();
    /** Whether the current frame is the video's first, shown for times before the video starts. */
    private boolean currentIsFirst;
    private boolean hasNext;
    private boolean ended;
    private boolean started;
    private double currentTime;
    private double nextTime;
    private int seeks;

    /** @param seekAhead whether a long jump forward may seek (for random access) instead of decoding through */
    FrameCursor(VideoDecoder decoder, boolean seekAhead) {
        this.decoder = decoder;
        this.seekAhead = seekAhead;
    }

    /**
     * Makes {@link #current()} the frame displayed at media time {@code t}.
     *
     * @throws MediaException when no frame can be decoded, or the video stops (truncated) before {@code t}
     */
    void moveTo(double t) throws MediaException {
        if (!started) {
            started = true;
            if (t > EPSILON) {
                seekTo(t);
            } else if (!load()) {
                throw noFrame(t);
            } else {
                currentIsFirst = true;
            }
        } else if (t + EPSILON < currentTime && !currentIsFirst) {
            seekTo(t);
        } else if (seekAhead && t > currentTime && worthSeeking(t)) {
            seekTo(t);
        }
        while (true) {
            if (!hasNext && !ended) {
                hasNext = decoder.next(next);
                ended = !hasNext;
                nextTime = hasNext ? decoder.lastTime() : 0;
            }
            if (!hasNext || nextTime > t + EPSILON) {
                break;
            }
            AVFrame swap = current;
            current = next;
            next = swap;
            currentTime = nextTime;
            currentIsFirst = false;
            hasNext = false;
        }
        if (ended) {
            decoder.checkComplete(t);
        }
    }

    /** Seeks to the keyframe at or before {@code t}, going further back while the seek lands after it. */
    private void seekTo(double t) throws MediaException {
        double start = streamStart();
        double target = t;
        double back = 1;
        while (true) {
            seeks++;
            decoder.seek(target);
            boolean atStart = target <= start;
            boolean loaded = load();
            if (loaded && (currentTime <= t + EPSILON || atStart)) {
                currentIsFirst = atStart;
                return;
            }
            if (atStart) {
                throw noFrame(t);
            }
            target = Math.max(start, t - back);
            back *= 2;
        }
    }

    /** Decodes the first frame from the decoder's position into the current slot. */
    private boolean load() throws MediaException {
        hasNext = false;
        ended = false;
        boolean loaded = decoder.next(current);
        if (loaded) {
            currentTime = decoder.lastTime();
        }
        return loaded;
    }

    private MediaException noFrame(double t) throws MediaException {
        decoder.checkComplete(t);
        return new MediaException(decoder.input.file, Problem.UNREADABLE, String.format(Locale.ROOT,
                "no video frame can be decoded at %.3f s: the file may be corrupt", t), null);
    }

    /** Whether the seek index shows a keyframe after the frames already decoded and at or before {@code t}. */
    private boolean worthSeeking(double t) {
        double decoded = hasNext ? nextTime : currentTime;
        int i = av_index_search_timestamp(decoder.input.stream, decoder.input.timestamp(t), AVSEEK_FLAG_BACKWARD);
        if (i < 0) {
            return t - decoded > BLIND_SEEK_AHEAD;
        }
        AVIndexEntry entry = avformat_index_get_entry(decoder.input.stream, i);
        return entry != null && decoder.input.seconds(entry.timestamp()) > decoded + EPSILON;
    }

    private double streamStart() {
        long start = decoder.input.stream.start_time();
        return start == AV_NOPTS_VALUE ? 0 : decoder.input.seconds(start);
    }

    /** The frame displayed at the last target. */
    AVFrame current() {
        return current;
    }

    /** Media time of {@link #current()}, seconds. */
    double currentTime() {
        return currentTime;
    }

    /** How many seeks were made (for tests of the caching). */
    int seeks() {
        return seeks;
    }

    @Override
    public void close() {
        av_frame_free(current);
        av_frame_free(next);
        decoder.close();
    }
}
