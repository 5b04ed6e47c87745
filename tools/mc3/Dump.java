import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.TrainSplit;
import io.avlens.models.mc3.Mc3Embedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every clip's three MC3 embeddings as one CSV row ({@code id, audio[D], video[D], text[D]}, no header) for
 * tools/mc3/diagnose.py, from a plain classpath (tools/mc3/classpath.sh):
 * {@code java -cp "$CP" tools/mc3/Dump.java DESCRIPTOR.json DATA_DIR OUT.csv [SPLIT [FIRST_N]]}.
 */
public class Dump {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[1]);
        List<Path> files = DenseAvData.clips(dir);
        if (a.length > 3) {
            files = TrainSplit.select(dir, files, a[3]);
        }
        if (a.length > 4) {
            files = files.subList(0, Math.min(files.size(), Integer.parseInt(a[4])));
        }
        try (Mc3Embedder embedder = Mc3Embedder.open(Path.of(a[0]), 1);
                PrintWriter out = new PrintWriter(a[2])) {
            for (Path f : files) {
                ClipEmbedding e = embedder.embed(f);
                StringBuilder row = new StringBuilder(f.getFileName().toString().replace(".mp4", ""));
                for (float x : e.values()) {
                    row.append(',').append(x);
                }
                out.println(row);
            }
        }
    }
}
