import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;
import com.google.gson.*;

/**
 * Issue #18's metrics for the first N clips of an AV-Shapes folder, from a plain classpath
 * (tools/difffoley/classpath.sh): {@code java -cp "$CP" tools/difffoley/JudgeSamples.java DATA N FOLDER...} prints
 * one JSON row per group (the real audio, then each folder's samples by their settings), computed by the same
 * {@link GenerationEvaluation} and {@link GenerationReport} as {@code avlens eval --task generation --samples}, but
 * over the first N clips instead of a split (a validation set's first clips, while designing).
 */
public class JudgeSamples {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        Map<String, Path> byName = new HashMap<>();
        clips.forEach(c -> byName.put(c.getFileName().toString(), c));
        List<SoundScore> scores = new ArrayList<>();
        Map<String, float[]> real = new LinkedHashMap<>();
        try (GenerationEvaluation ev = GenerationEvaluation.shipped()) {
            for (SoundScore s : ev.real(clips, () -> false)) { scores.add(s); real.put(s.clip(), s.embedding()); }
            for (int i = 2; i < a.length; i++) {
                Path f = Path.of(a[i]);
                for (GeneratedSample g : GeneratedSample.list(f)) {
                    Path c = byName.get(Path.of(g.clip()).getFileName().toString());
                    if (c != null) {
                        // grouped by folder, so a folder of per-clip seeds (GenerateSamples +SEED) is one row
                        SoundScore v = ev.sample(c, f, g);
                        scores.add(new SoundScore(v.clip(), f.getFileName().toString(), v.aligned(), v.onsets(),
                                v.syncOffset(), v.materialRight(), v.embedding(), v.targetKinds()));
                    }
                }
            }
        }
        var rows = GenerationReport.rows(scores, real, 8);
        for (var e : rows.entrySet()) System.out.println(e.getKey() + " " + e.getValue());
    }
}
