package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import io.avlens.analysis.embedding.Agreement;
import io.avlens.analysis.embedding.EmbeddingExports;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;

/**
 * The metadata table of an embedding ({@code items.csv}'s rows) as Apache Parquet, for pandas, Polars or Spark:
 * UTF-8 string columns {@code id}, {@code media}, {@code split}, {@code narration} and one per label, the pairs'
 * similarities ({@code sim:audio-video}…) and the {@link Agreement} ({@code agreement}) as doubles, and {@code consensus} (double) when given. Written through
 * parquet-hadoop's {@code LocalOutputFile} with a plain configuration (no Hadoop file system or configuration is
 * started), uncompressed, to a temporary file that then replaces the target.
 */
final class ItemsParquet {

    /** The file name in an embedding folder. */
    static final String FILE = "items.parquet";

    private ItemsParquet() {
    }

    /**
     * Writes the table's items.
     *
     * @param consensus one value per item, or null for no consensus column
     */
    static void write(Path file, EmbeddingTable table, float[] consensus) throws IOException {
        Set<String> labels = new LinkedHashSet<>();
        table.items().forEach(i -> labels.addAll(i.labels().keySet()));
        List<String> strings = new ArrayList<>(List.of("id", "media", "split", "narration"));
        List<String> doubles = new ArrayList<>();
        for (String l : labels) {
            (l.startsWith(EmbeddingExports.SIMILARITY_PREFIX) || l.equals(Agreement.LABEL) ? doubles : strings).add(l);
        }
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String s : strings) {
            b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(s);
        }
        for (String d : doubles) {
            b.optional(PrimitiveTypeName.DOUBLE).named(d);
        }
        if (consensus != null) {
            b.required(PrimitiveTypeName.DOUBLE).named("consensus");
        }
        MessageType schema = b.named("items");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                .withConf(new PlainParquetConfiguration()).withType(schema)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (int i = 0; i < table.size(); i++) {
                EmbeddingItem item = table.item(i);
                Group g = groups.newGroup().append("id", item.id()).append("media", item.media())
                        .append("split", item.split()).append("narration", item.narration());
                for (String s : strings.subList(4, strings.size())) {
                    g.append(s, item.label(s));
                }
                for (String d : doubles) {
                    String v = item.label(d);
                    if (!v.isEmpty()) {
                        g.append(d, Double.parseDouble(v));
                    }
                }
                if (consensus != null) {
                    g.append("consensus", (double) consensus[i]);
                }
                w.write(g);
            }
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": cannot be written as Parquet: " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
