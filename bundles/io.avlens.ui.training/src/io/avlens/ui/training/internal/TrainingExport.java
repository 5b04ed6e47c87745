package io.avlens.ui.training.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes a training chart as PNG (rendered by JFreeChart into an image of its own, since jfreechart-swt 1.0's "Save
 * as PNG" fails with JFreeChart 1.5) or the drawn lines as CSV. Both go to a temporary file beside the target that is
 * renamed over it, so a failed export never leaves a half-written file. Any thread that owns the chart.
 */
public final class TrainingExport {

    private TrainingExport() {
    }

    /**
     * Renders {@code chart} at {@code width} × {@code height} pixels into {@code file}.
     *
     * @throws IOException naming the file and the problem
     */
    public static void png(JFreeChart chart, int width, int height, Path file) throws IOException {
        write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height));
    }

    /**
     * Writes the lines as CSV: a {@code step} column, then one column per line (all lines share the steps); a gap is
     * an empty field.
     *
     * @throws IOException naming the file and the problem
     */
    public static void csv(List<TrainingChart.Line> lines, Path file) throws IOException {
        write(file, tmp -> {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write("step");
                for (TrainingChart.Line line : lines) {
                    out.write(',');
                    out.write(line.name());
                }
                out.write('\n');
                int rows = lines.isEmpty() ? 0 : lines.get(0).x().length;
                for (int r = 0; r < rows; r++) {
                    out.write(number(lines.get(0).x()[r]));
                    for (TrainingChart.Line line : lines) {
                        out.write(',');
                        out.write(Double.isNaN(line.y()[r]) ? "" : number(line.y()[r]));
                    }
                    out.write('\n');
                }
            }
        });
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.9g", v);
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private static void write(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
