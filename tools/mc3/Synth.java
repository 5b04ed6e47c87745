import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.NarrationScope;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import java.nio.file.Path;

/**
 * What {@code avlens synth --out DIR --clips N --seed S --size 64 --fps 8 --seconds 4 [--objects MIN-MAX]
 * [--silent-share P] --threads T [--narration seen]} does, from a plain classpath (tools/mc3/classpath.sh) without the
 * product: {@code java -cp "$CP" tools/mc3/Synth.java DIR N SEED MIN MAX SILENT THREADS [NARRATION]} (NARRATION
 * {@code full}, the default, or {@code seen}).
 */
public class Synth {
    public static void main(String[] a) throws Exception {
        SynthSpec spec = new SynthSpec(Integer.parseInt(a[1]), Long.parseLong(a[2]), 64, 8, 4, 0, false,
                Integer.parseInt(a[6]));
        int min = Integer.parseInt(a[3]);
        int max = Integer.parseInt(a[4]);
        double silent = Double.parseDouble(a[5]);
        if (min != 1 || max != SynthSpec.MAX_OBJECTS || silent != SynthSpec.DEFAULT_SILENT_SHARE) {
            spec = spec.withObjects(min, max, silent);
        }
        if (a.length > 7) {
            spec = spec.withNarration(NarrationScope.parse(a[7]));
        }
        var r = new AvShapesGenerator(new XmiProjectStore()).generate(spec, Path.of(a[0]), SynthProgress.NONE);
        System.out.println(r.clips() + " clips in " + a[0]);
    }
}
