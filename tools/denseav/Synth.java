import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import java.nio.file.Path;

/**
 * What {@code avlens synth --out DIR --clips N --seed S --size 64 --fps 8 --seconds 4 --speech [--separate-speech]
 * --threads 1} does, from a plain classpath without the product:
 * {@code java -cp "$CP" tools/denseav/Synth.java DIR N SEED [separate]}.
 */
public class Synth {
    public static void main(String[] a) throws Exception {
        SynthSpec spec = new SynthSpec(Integer.parseInt(a[1]), Long.parseLong(a[2]), 64, 8, 4, 0, true, 1);
        if (a.length > 3 && a[3].equals("separate")) {
            spec = spec.withSeparateSpeech(true);
        }
        var r = new AvShapesGenerator(new XmiProjectStore()).generate(spec, Path.of(a[0]), SynthProgress.NONE);
        System.out.println(r.clips() + " clips in " + a[0]);
    }
}
