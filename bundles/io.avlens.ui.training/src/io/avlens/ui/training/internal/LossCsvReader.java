package io.avlens.ui.training.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/**
 * Reads a loss CSV ({@code step,<columns>}, with the axes of its {@value #SIDECAR}) incrementally, the way a training writes it: each
 * {@link #poll()} reads only the bytes appended since the last one, parses the complete lines among them and keeps
 * an unfinished last line for the next poll. When the file became shorter (a resumed training rewrote it) it is read
 * again from the start. A malformed line is skipped and reported with the file and its line number; reading goes on.
 * <p>
 * Not thread-safe: one reader belongs to one polling job.
 */
public final class LossCsvReader {

    /** What one poll found: the curve so far, whether it changed, and the problems met in this poll. */
    public record Poll(LossCurve curve, boolean changed, List<String> problems) {
    }

    /** The column declaration a trainer writes beside its loss.csv. */
    public static final String SIDECAR = "loss-columns.json";

    private final Path file;
    private long offset;
    private int lineNumber;
    private LossCurve curve;

    public LossCsvReader(Path file) {
        this.file = file;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /**
     * Reads what was appended since the last poll.
     *
     * @return the curve so far (null while the file has no header line yet), whether it changed, and problems
     * @throws IOException naming the file when it cannot be read
     */
    public Poll poll() throws IOException {
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0;
                lineNumber = 0;
                curve = null;
                changed = true;
            }
            if (size > offset) {
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(Math.min(size - offset, 1 << 26)));
                channel.position(offset);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // fill what the size promised
                }
                byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        changed |= parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), problems);
                        start = i + 1;
                    }
                }
                offset += start;
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return new Poll(curve == null ? null : curve.copy(), changed, List.copyOf(problems));
    }

    private boolean parse(String raw, List<String> problems) {
        lineNumber++;
        String line = raw.strip();
        if (line.isEmpty()) {
            return false;
        }
        String[] fields = line.split(",", -1);
        if (curve == null) {
            try {
                curve = new LossCurve(Arrays.stream(fields).map(String::strip).toList(), secondary(problems));
                return true;
            } catch (IllegalArgumentException e) {
                problems.add(where() + e.getMessage());
                return false;
            }
        }
        if (fields.length != curve.columns().size()) {
            problems.add(where() + fields.length + " values where the header has " + curve.columns().size()
                    + " columns: '" + abbreviate(line) + "'");
            return false;
        }
        double[] row = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                row[i] = Double.parseDouble(fields[i].strip());
            } catch (NumberFormatException e) {
                problems.add(where() + "'" + abbreviate(fields[i].strip()) + "' in column "
                        + curve.columns().get(i) + " is not a number");
                return false;
            }
        }
        if (!Double.isFinite(row[0])) {
            problems.add(where() + "the step '" + fields[0].strip() + "' is not a finite number");
            return false;
        }
        curve.add(row);
        return true;
    }

    /**
     * The secondary columns the training's {@value #SIDECAR} beside the file declares; without one (files of
     * trainings before it), the temperature; a damaged one is reported and the temperature used.
     */
    private List<String> secondary(List<String> problems) {
        Path sidecar = file.resolveSibling(SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return List.of(LossCurve.TEMPERATURE);
        }
        try {
            JsonArray names = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject()
                    .getAsJsonArray("secondary");
            List<String> secondary = new ArrayList<>();
            names.forEach(n -> secondary.add(n.getAsString()));
            return secondary;
        } catch (IOException | RuntimeException e) {
            problems.add(sidecar + ": not a column declaration (" + e.getMessage() + "); the temperature, if any, "
                    + "goes on the right axis");
            return List.of(LossCurve.TEMPERATURE);
        }
    }

    private String where() {
        return String.format(Locale.ROOT, "%s line %d: ", file, lineNumber);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
