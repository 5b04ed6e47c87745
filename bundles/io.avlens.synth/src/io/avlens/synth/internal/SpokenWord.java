package io.avlens.synth.internal;

/**
 * A word of the speech track, on the scene's (picture's) sample grid.
 *
 * @param word        the colour name said
 * @param objectId    the object it names, visible throughout
 * @param startSample first sample
 * @param samples     length in samples
 */
public record SpokenWord(String word, int objectId, int startSample, int samples) {
}
