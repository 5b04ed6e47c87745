package io.avlens.models.difffoley;

/**
 * One training clip in memory: its log-mel scaled to [−1, 1] and its frozen CAVP-small video features and
 * the frames' appearance.
 *
 * @param id    the clip's file name without extension
 * @param mel   {@code [bins, frames]} flat, {@code 2·logmel − 1}
 * @param video {@code [steps, channels]} flat, CAVP-small's video features (L2-normalised per step)
 * @param appearance {@code [steps, 6, s, s]} flat, the frames' {@link Appearance}
 * @param sounding   whether something on screen sounds in the clip (an AV-Shapes sidecar's on-screen hit or scratch
 *                   inside the window): the alignment classifier never takes the sound of a clip where nothing does,
 *                   shifted in time, as a misaligned pair ({@link ClassifierTraining})
 */
public record TrainingClip(String id, float[] mel, float[] video, float[] appearance, boolean sounding) {
}
