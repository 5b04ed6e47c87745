package io.avlens.models.training;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avlens.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training's loss curve, {@value #FILE}: the header {@code step,<columns>}, then one row per logged step, values
 * with six decimals; beside it {@value #SIDECAR} declares which columns are losses and which go on a secondary axis
 * ({@link LossColumns}). A resumed training cuts the curve back to its checkpoint's step, so the file always ends
 * with the rows of the steps the weights have seen. Not thread-safe; owned by one training.
 */
public final class LossCsv {

    /** The curve's file name in an output folder. */
    public static final String FILE = "loss.csv";
    /** The column declaration's file name in an output folder. */
    public static final String SIDECAR = "loss-columns.json";

    private final Path file;
    private final Path sidecar;
    private final LossColumns columns;

    /** The curve of the output folder {@code folder}. */
    public LossCsv(Path folder, LossColumns columns) {
        this.file = folder.resolve(FILE);
        this.sidecar = folder.resolve(SIDECAR);
        this.columns = columns;
    }

    /** The CSV file. */
    public Path file() {
        return file;
    }

    private String header() {
        return "step," + String.join(",", columns.columns());
    }

    /**
     * Starts a fresh curve: the sidecar, then the header only (in that order, so a reader that sees the header also
     * finds which columns go on which axis).
     */
    public void start() throws IOException {
        writeSidecar();
        Files.writeString(file, header() + "\n", StandardCharsets.UTF_8);
    }

    /** Keeps the header and the rows of steps up to {@code step} (a resumed training), and rewrites the sidecar. */
    public void keepUpTo(int step) throws IOException {
        writeSidecar();
        List<String> kept = new ArrayList<>();
        kept.add(header());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && Character.isDigit(line.charAt(0))
                        && Integer.parseInt(line.substring(0, line.indexOf(','))) <= step) {
                    kept.add(line);
                }
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    /** Appends the row of {@code step}; {@code values} in {@link LossColumns#columns()} order. */
    public void append(int step, double[] values) throws IOException {
        if (values.length != columns.columns().size()) {
            throw new IllegalArgumentException(values.length + " values for the columns " + columns.columns());
        }
        StringBuilder row = new StringBuilder(Integer.toString(step));
        for (double v : values) {
            row.append(String.format(Locale.ROOT, ",%.6f", v));
        }
        row.append(System.lineSeparator());
        Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void writeSidecar() throws IOException {
        JsonObject json = new JsonObject();
        json.add("columns", array(columns.columns()));
        json.add("losses", array(columns.losses()));
        json.add("secondary", array(columns.secondary()));
        json.addProperty("total", columns.total());
        byte[] bytes = (new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(sidecar, out -> out.write(bytes));
    }

    private static JsonArray array(List<String> names) {
        JsonArray array = new JsonArray();
        names.forEach(array::add);
        return array;
    }
}
