package io.avlens.media;

import java.nio.file.Path;

/**
 * What a media file holds, as probed by {@link MediaProbe}.
 *
 * @param path            the file
 * @param container       the container format, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "wav"
 * @param durationSeconds duration of the longest stream, seconds
 * @param video           the first video stream, or null when there is none
 * @param audio           the first audio stream, or null when there is none
 */
public record MediaInfo(Path path, String container, double durationSeconds, Video video, Audio audio) {

    /**
     * A video stream.
     *
     * @param fps    frames per second (average)
     * @param width  frame width, pixels
     * @param height frame height, pixels
     * @param codec  codec name, e.g. "h264"
     * @param frames number of frames (from the stream header, or duration × fps when the header has none)
     */
    public record Video(double fps, int width, int height, String codec, long frames) {
    }

    /**
     * An audio stream.
     *
     * @param sampleRate samples per second
     * @param channels   channel count
     * @param codec      codec name, e.g. "aac"
     */
    public record Audio(int sampleRate, int channels, String codec) {
    }

    /** Whether the file has a video stream. */
    public boolean hasVideo() {
        return video != null;
    }

    /** Whether the file has an audio stream. */
    public boolean hasAudio() {
        return audio != null;
    }
}
