package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics;

/**
 * One evaluated sound (a clip's real audio or one generated sample) as the generation metrics see it.
 *
 * @param clip           the clip id
 * @param group          the row of the table it belongs to (settings stem, or {@code real})
 * @param aligned        the alignment judge's P(aligned) with the clip's video
 * @param onsets         its onsets against the clip's targets
 * @param syncOffset     the estimated audio-visual offset, seconds (NaN when none)
 * @param materialRight  whether the material judge's top material is one that sounds on screen; null when none does
 * @param embedding      the material judge's embedding (for the Fréchet distance)
 */
public record SoundScore(String clip, String group, double aligned, OnsetMetrics.ClipScore onsets,
        double syncOffset, Boolean materialRight, float[] embedding) {
}
