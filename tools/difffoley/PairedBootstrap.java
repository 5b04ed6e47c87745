import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;

/**
 * A paired bootstrap over clips of two sample folders of the same clips (the first N clips of an AV-Shapes folder),
 * from a plain classpath (tools/difffoley/classpath.sh):
 * {@code java -cp "$CP" tools/difffoley/PairedBootstrap.java DATA N FOLDER_A FOLDER_B [ROUNDS]} prints Align Acc and
 * onset AP of both (the judges and metrics of {@code avlens eval --task generation}), the difference B − A, its 95 %
 * interval over ROUNDS resamplings of the clips (default 2,000, seed 1) and the share of rounds where B is not better.
 */
public class PairedBootstrap {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        int rounds = a.length > 4 ? Integer.parseInt(a[4]) : 2000;
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        Map<String, Path> byName = new HashMap<>();
        clips.forEach(c -> byName.put(c.getFileName().toString(), c));
        Map<String, SoundScore[]> pairs = new TreeMap<>();
        try (GenerationEvaluation ev = GenerationEvaluation.shipped()) {
            for (int i = 0; i < 2; i++) {
                Path f = Path.of(a[2 + i]);
                for (GeneratedSample g : GeneratedSample.list(f)) {
                    Path c = byName.get(Path.of(g.clip()).getFileName().toString());
                    if (c == null) continue;
                    pairs.computeIfAbsent(c.getFileName().toString(), k -> new SoundScore[2])[i] = ev.sample(c, f, g);
                }
            }
        }
        List<SoundScore[]> list = pairs.values().stream().filter(p -> p[0] != null && p[1] != null).toList();
        double[] base = stats(list);
        Random r = new Random(1);
        double[] dAlign = new double[rounds], dAp = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            List<SoundScore[]> s = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) s.add(list.get(r.nextInt(list.size())));
            double[] st = stats(s);
            dAlign[k] = st[1] - st[0];
            dAp[k] = st[3] - st[2];
        }
        Arrays.sort(dAlign); Arrays.sort(dAp);
        int lo = (int) (rounds * 0.025), hi = (int) (rounds * 0.975);
        long pAp = Arrays.stream(dAp).filter(x -> x <= 0).count();
        long pAl = Arrays.stream(dAlign).filter(x -> x <= 0).count();
        System.out.printf("n %d  align %.3f -> %.3f (diff %.3f, 95%% CI %.3f..%.3f, share of rounds <= 0: %.3f)%n", list.size(), base[0], base[1], base[1] - base[0], dAlign[lo], dAlign[hi], pAl / (double) rounds);
        System.out.printf("       AP %.3f -> %.3f (diff %.3f, 95%% CI %.3f..%.3f, share of rounds <= 0: %.3f)%n", base[2], base[3], base[3] - base[2], dAp[lo], dAp[hi], pAp / (double) rounds);
    }

    static double[] stats(List<SoundScore[]> s) {
        double[] out = new double[4];
        for (int i = 0; i < 2; i++) {
            int al = 0;
            List<io.avlens.analysis.generation.OnsetMetrics.ClipScore> o = new ArrayList<>();
            for (SoundScore[] p : s) { al += p[i].aligned() >= 0.5 ? 1 : 0; o.add(p[i].onsets()); }
            out[i] = al / (double) s.size();
            out[2 + i] = io.avlens.analysis.generation.OnsetMetrics.summarize(o).ap();
        }
        return out;
    }
}
