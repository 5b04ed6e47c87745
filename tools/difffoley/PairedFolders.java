import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;

/**
 * A paired comparison of two sets of generated samples that {@code avlens eval --task generation} cannot pair
 * (e.g. the same guidance scales with two guidance classifiers), from a plain classpath
 * (tools/difffoley/classpath.sh): {@code java -cp "$CP" tools/difffoley/PairedFolders.java DATA N FROM:TO...}
 * scores the samples of each pair of folders on the first N clips of DATA with the judges of {@code avlens eval}
 * and prints the difference TO − FROM in Align Acc and onset AP with its 95 % interval ({@link GuidanceComparison},
 * 2,000 rounds, as eval's {@code guidanceSteps}); the pairs are pooled, a sample paired by its clip and its pair.
 */
public class PairedFolders {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]); int n = Integer.parseInt(a[1]);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) { clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList(); }
        Map<String, Path> byName = new HashMap<>(); clips.forEach(c -> byName.put(c.getFileName().toString(), c));
        List<SoundScore> from = new ArrayList<>(), to = new ArrayList<>();
        try (GenerationEvaluation ev = GenerationEvaluation.shipped()) {
            for (int i = 2; i < a.length; i++) {
                String[] p = a[i].split(":");
                for (int k = 0; k < 2; k++) {
                    Path f = Path.of(p[k]);
                    for (GeneratedSample g : GeneratedSample.list(f)) {
                        Path c = byName.get(Path.of(g.clip()).getFileName().toString());
                        if (c == null) continue;
                        SoundScore v = ev.sample(c, f, g);
                        (k == 0 ? from : to).add(new SoundScore(v.clip() + "@" + i, "x", v.aligned(), v.onsets(), v.syncOffset(), v.materialRight(), v.embedding()));
                    }
                }
            }
        }
        GuidanceComparison.Result r = GuidanceComparison.of(from, to, GuidanceComparison.ROUNDS, 1);
        System.out.printf("n %d  align %.4f -> %.4f diff %+.4f [%+.4f, %+.4f]  onsetAP %.4f -> %.4f diff %+.4f [%+.4f, %+.4f]%n", r.n(),
            r.align().a(), r.align().b(), r.align().diff(), r.align().low(), r.align().high(),
            r.onsetAP().a(), r.onsetAP().b(), r.onsetAP().diff(), r.onsetAP().low(), r.onsetAP().high());
    }
}
