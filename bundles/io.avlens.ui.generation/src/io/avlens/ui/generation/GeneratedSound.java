package io.avlens.ui.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.ui.media.Soundtrack;

/**
 * A generated sample as the workbench opens it: its record ({@code STEM.json}), the folder of its files and the
 * clip it was generated for, which exists.
 *
 * @param sample the record
 * @param folder the folder of its files
 * @param clip   the clip's media file
 */
public record GeneratedSound(GeneratedSample sample, Path folder, Path clip) {

    /**
     * Reads the sample that {@code file} belongs to: its record ({@code STEM.json}) or its waveform
     * ({@code STEM.wav}, whose record lies beside it). Reads files; any thread.
     *
     * @throws IOException naming the file and the problem: not a sample record, a missing WAV or mel, a missing clip
     */
    public static GeneratedSound read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads the sample that {@code file} belongs to, as {@link #read(Path)}, for the clip {@code media}: the clip of
     * the run it belongs to. The record names the clip it was generated for, but the runner's cache reuses a result
     * for every file with the same content, so a run in another project gets records naming a file elsewhere.
     *
     * @param media the clip's media file, or null for the one the record names
     * @throws IOException naming the file and the problem
     */
    public static GeneratedSound read(Path file, Path media) throws IOException {
        Path record = file;
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(GeneratedSample.WAV)) {
            record = file.resolveSibling(name.substring(0, name.length() - GeneratedSample.WAV.length())
                    + GeneratedSample.JSON);
            if (!Files.isRegularFile(record)) {
                throw new IOException(file + ": not a generated sample (no record " + record.getFileName()
                        + " beside it)");
            }
        } else if (!name.toLowerCase(Locale.ROOT).endsWith(GeneratedSample.JSON)) {
            throw new IOException(file + ": not a generated sample (choose its .json record or its .wav)");
        }
        GeneratedSample sample = GeneratedSample.read(record);
        Path folder = record.toAbsolutePath().getParent();
        Path clip;
        try {
            clip = media != null ? media : folder.resolve(sample.clip()).normalize();
        } catch (InvalidPathException e) {
            throw new IOException(record + ": its clip '" + sample.clip() + "' is not a file name", e);
        }
        if (!Files.isRegularFile(clip)) {
            throw new IOException(record + ": its clip " + clip + " is missing");
        }
        return new GeneratedSound(sample, folder, clip);
    }

    /** The waveform file. */
    public Path wav() {
        return sample.wav(folder);
    }

    /** The record file. */
    public Path record() {
        return sample.json(folder);
    }

    /** The sample as a soundtrack of its clip, identified by its record file. */
    public Soundtrack soundtrack() {
        return new Soundtrack(record().toString(), label(sample), wav());
    }

    /**
     * What the user sees: {@code "generated (ω 4.5, γ 50, seed 21)"} for Diff-Foley-small, else the model id in place
     * of "generated", e.g. {@code "griffin-lim-resynthesis (ω 1, γ 0, seed 21)"}.
     */
    public static String label(GeneratedSample sample) {
        String who = sample.model().equals("diff-foley-small") ? "generated" : sample.model();
        return String.format(Locale.ROOT, "%s (ω %s, γ %s, seed %d)", who, number(sample.settings().omega()),
                number(sample.settings().gamma()), sample.settings().seed());
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
