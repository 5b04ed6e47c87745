package io.avlens.inference.descriptor;

/**
 * What a clip holds, as far as a model's contract cares. The caller fills it from its probe (e.g.
 * {@code io.avlens.media.MediaInfo}), so this bundle does not depend on the media layer.
 *
 * @param source          the file or clip name, for messages
 * @param durationSeconds length in seconds
 * @param video           the video stream, or null when there is none
 * @param audio           the audio stream, or null when there is none
 */
public record ClipFacts(String source, double durationSeconds, Video video, Audio audio) {

    /**
     * A video stream.
     *
     * @param fps    frames per second
     * @param width  frame width, pixels
     * @param height frame height, pixels
     */
    public record Video(double fps, int width, int height) {
    }

    /**
     * An audio stream.
     *
     * @param sampleRate samples per second
     * @param channels   channel count
     */
    public record Audio(int sampleRate, int channels) {
    }
}
