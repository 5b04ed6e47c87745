package io.avlens.synth;

import java.nio.file.Path;

/**
 * What a generation wrote.
 *
 * @param project the project file, {@code OUT/project.avlens}
 * @param media   the folder of the clips' files, {@code OUT/media}
 * @param clips   clips written
 * @param seconds wall-clock time of the generation, seconds
 */
public record SynthResult(Path project, Path media, int clips, double seconds) {

    /** Clips written per second of wall-clock time. */
    public double clipsPerSecond() {
        return seconds > 0 ? clips / seconds : 0;
    }
}
