package io.avlens.analysis.search;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * An {@link ApproximateIndex} saved beside its gallery: {@code index-<name>.jvector} (the graph) and
 * {@code index-<name>.json} (metric, settings, the table's size and fingerprint, and the recall@10 against exact
 * search measured when it was built), e.g. in an embedding table's folder with the modality as the name.
 */
public final class IndexFiles {

    /** Queries drawn from the table to measure recall@10 when an index is built. */
    public static final int RECALL_QUERIES = 200;
    private static final int RECALL_K = 10;

    private IndexFiles() {
    }

    /** The graph file of index {@code name} in {@code dir}. */
    public static Path graphFile(Path dir, String name) {
        return dir.resolve("index-" + name + ".jvector");
    }

    /** The description file of index {@code name} in {@code dir}. */
    public static Path descriptionFile(Path dir, String name) {
        return dir.resolve("index-" + name + ".json");
    }

    /**
     * Builds the index of {@code table}, measures its recall@10 against exact search on {@link #RECALL_QUERIES}
     * rows of the table (seed 1) and writes both files, the description last.
     *
     * @return the description written
     */
    public static JsonObject build(Path dir, String name, VectorTable table, Metric metric,
            ApproximateIndex.Settings settings, int threads, BuildMonitor monitor) throws IOException {
        long start = System.nanoTime();
        ApproximateIndex index = ApproximateIndex.build(table, metric, settings, threads, monitor);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        monitor.progress("measuring recall@10", 0, 1);
        Random rnd = new Random(1);
        float[][] queries = new float[Math.min(RECALL_QUERIES, table.rows())][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = table.row(rnd.nextInt(table.rows()));
        }
        double recall;
        try (ExactSearch exact = new ExactSearch(table, metric, threads, true)) {
            recall = index.recall(exact, queries, RECALL_K);
        }
        Files.createDirectories(dir);
        index.save(graphFile(dir, name));
        JsonObject json = new JsonObject();
        json.addProperty("format", 1);
        json.addProperty("library", "jvector 4.0.2");
        json.addProperty("metric", metric.name());
        json.addProperty("rows", table.rows());
        json.addProperty("dimension", table.dimension());
        json.addProperty("fingerprint", fingerprint(table));
        json.addProperty("maxDegree", settings.maxDegree());
        json.addProperty("buildBeam", settings.buildBeam());
        json.addProperty("searchBeam", settings.searchBeam());
        json.addProperty("recallAt10", recall);
        json.addProperty("recallQueries", queries.length);
        json.addProperty("recallQuerySource", "rows of the table, seed 1");
        json.addProperty("buildSeconds", buildSeconds);
        byte[] bytes = new GsonBuilder().setPrettyPrinting().create().toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(descriptionFile(dir, name), out -> out.write(bytes));
        return json;
    }

    /** Whether index {@code name} was built in {@code dir}. */
    public static boolean exists(Path dir, String name) {
        return Files.isRegularFile(descriptionFile(dir, name)) && Files.isRegularFile(graphFile(dir, name));
    }

    /**
     * Loads index {@code name} of {@code table}.
     *
     * @throws IOException naming the file when it is missing, damaged or was built for other vectors
     */
    public static ApproximateIndex open(Path dir, String name, VectorTable table) throws IOException {
        JsonObject json = description(dir, name);
        Path file = descriptionFile(dir, name);
        Metric metric;
        ApproximateIndex.Settings settings;
        long fingerprint;
        try {
            metric = Metric.valueOf(json.get("metric").getAsString());
            settings = new ApproximateIndex.Settings(json.get("maxDegree").getAsInt(),
                    json.get("buildBeam").getAsInt(), json.get("searchBeam").getAsInt());
            fingerprint = json.get("fingerprint").getAsLong();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not an index description (" + e.getMessage() + ")", e);
        }
        if (fingerprint != fingerprint(table)) {
            throw new IOException(file + ": was built for other vectors than the table's now; build the index again");
        }
        return ApproximateIndex.load(graphFile(dir, name), table, metric, settings);
    }

    /** The description of index {@code name} in {@code dir}. */
    public static JsonObject description(Path dir, String name) throws IOException {
        Path file = descriptionFile(dir, name);
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no approximate index here; build it first");
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** A checksum of the table's shape and of up to 65,536 of its values, spread over the whole table. */
    static long fingerprint(VectorTable table) {
        CRC32 crc = new CRC32();
        float[] v = table.values();
        long step = Math.max(1, v.length / 65_536);
        crc.update(table.rows());
        crc.update(table.dimension());
        for (long i = 0; i < v.length; i += step) {
            int bits = Float.floatToIntBits(v[(int) i]);
            crc.update(bits);
            crc.update(bits >>> 8);
            crc.update(bits >>> 16);
            crc.update(bits >>> 24);
        }
        return crc.getValue();
    }
}
