package io.avlens.ui.generation.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.core.io.AtomicFiles;

/**
 * Writes a sweep's export into a folder: {@value #PNG} (the grid as drawn), every cell's WAV and muxed MP4 of the
 * clip shown, and {@value #CSV} (the metric table, {@code SweepGrid.csv()} of every clip of the sweep). Each file is
 * written whole or not at all ({@link AtomicFiles}). Stateless; call off the UI thread.
 */
public final class SweepExport {

    /** The grid picture's file name. */
    public static final String PNG = "grid.png";
    /** The metric table's file name. */
    public static final String CSV = "table.csv";

    private SweepExport() {
    }

    /**
     * Exports {@code data} into {@code out} (created when missing) with the grid picture {@code png}.
     *
     * @return the files written
     * @throws IOException naming the file that could not be written
     */
    public static List<Path> export(SweepData data, byte[] png, Path out, IProgressMonitor monitor)
            throws IOException {
        List<GeneratedSample> samples = data.grid().samples();
        SubMonitor progress = SubMonitor.convert(monitor, "Exporting the sweep to " + out, samples.size() + 2);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        write(out.resolve(PNG), png, written);
        progress.worked(1);
        write(out.resolve(CSV), data.dataset().csv().getBytes(StandardCharsets.UTF_8), written);
        progress.worked(1);
        for (GeneratedSample s : samples) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            List<Path> files = new ArrayList<>(List.of(s.wav(data.folder())));
            if (s.video()) {
                files.add(s.mp4(data.folder()));
            }
            for (Path f : files) {
                Path target = out.resolve(f.getFileName().toString());
                try {
                    AtomicFiles.write(target, o -> Files.copy(f, o));
                } catch (IOException e) {
                    throw new IOException(target + ": cannot copy " + f + " there: " + e.getMessage(), e);
                }
                written.add(target);
            }
            progress.worked(1);
        }
        return written;
    }

    private static void write(Path file, byte[] bytes, List<Path> written) throws IOException {
        try {
            AtomicFiles.write(file, o -> o.write(bytes));
        } catch (IOException e) {
            throw new IOException(file + ": cannot write it: " + e.getMessage(), e);
        }
        written.add(file);
    }
}
