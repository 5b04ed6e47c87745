import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;

/**
 * Per clip, the judge's probability of "aligned", the sync offset and the onset score for the real audio and each
 * sample folder, from a plain classpath (tools/difffoley/classpath.sh):
 * {@code java -cp "$CP" tools/difffoley/PerClip.java DATA N FOLDER...} (first N clips; one line per clip), to see which
 * clips a guidance setting wins or loses (e.g. those where nothing on screen sounds: {@code targets=0}).
 */
public class PerClip {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        Map<String, Path> byName = new HashMap<>();
        clips.forEach(c -> byName.put(c.getFileName().toString(), c));
        Map<String, List<String>> rows = new TreeMap<>();
        try (GenerationEvaluation ev = GenerationEvaluation.shipped()) {
            for (SoundScore s : ev.real(clips, () -> false)) rows.computeIfAbsent(Path.of(s.clip()).getFileName().toString().replace(".mp4", ""), k -> new ArrayList<>())
                    .add(String.format("real aligned %.2f sync %.3f", s.aligned(), s.syncOffset()));
            for (int i = 2; i < a.length; i++) {
                Path f = Path.of(a[i]);
                for (GeneratedSample g : GeneratedSample.list(f)) {
                    Path c = byName.get(Path.of(g.clip()).getFileName().toString());
                    if (c == null) continue;
                    SoundScore s = ev.sample(c, f, g);
                    var o = s.onsets();
                    rows.computeIfAbsent(c.getFileName().toString().replace(".mp4", ""), k -> new ArrayList<>()).add(String.format(
                            "%s aligned %.2f sync %.3f targets=%d detections=%d", f.getFileName(), s.aligned(), s.syncOffset(), o.targets(), o.detections()));
                }
            }
        }
        rows.forEach((k, v) -> System.out.println(k + " | " + String.join(" | ", v)));
    }
}
