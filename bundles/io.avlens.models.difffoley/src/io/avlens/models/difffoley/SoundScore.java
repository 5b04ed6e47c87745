package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.analysis.generation.SoundingEvents;

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
 * @param targetKinds    the kind of each of the clip's targets ({@link SoundingEvents#kinds()}), in the order of
 *                       {@code onsets}' targets; empty when not known
 */
public record SoundScore(String clip, String group, double aligned, OnsetMetrics.ClipScore onsets,
        double syncOffset, Boolean materialRight, float[] embedding, String[] targetKinds) {

    /** @throws IllegalArgumentException when there are kinds, but not one per target */
    public SoundScore {
        if (targetKinds.length != 0 && targetKinds.length != onsets.targets()) {
            throw new IllegalArgumentException(targetKinds.length + " target kinds for " + onsets.targets()
                    + " targets");
        }
    }

    /** A score whose targets' kinds are not known. */
    public SoundScore(String clip, String group, double aligned, OnsetMetrics.ClipScore onsets, double syncOffset,
            Boolean materialRight, float[] embedding) {
        this(clip, group, aligned, onsets, syncOffset, materialRight, embedding, new String[0]);
    }
}
