import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.training.TrainRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The request of {@code avlens train --family mc3 --data DIR --out OUT --steps N --seed S --consensus W [--batch B]
 * [--mu MU --margin M [--width S --anchor audio|video|text [--step-channels K [--mine-every E --mine-share P [--mine-pool N [--local-frames L]]]]]]}, run
 * from a plain classpath (tools/mc3/classpath.sh) without the product: {@code java -cp "$CP" tools/mc3/Train.java DIR
 * OUT STEPS SEED CONSENSUS [BATCH [MU MARGIN [WIDTH ANCHOR [K [E P [N [L]]]]]]]} (E 0 for no mining). Progress every logged
 * row on stderr.
 */
public class Train {
    public static void main(String[] a) throws Exception {
        Map<String, Number> options = new HashMap<>();
        options.put("consensus", Double.parseDouble(a[4]));
        if (a.length > 5) {
            options.put("batch", Integer.parseInt(a[5]));
        }
        if (a.length > 7) {
            options.put("mu", Double.parseDouble(a[6]));
            options.put("margin", Double.parseDouble(a[7]));
        }
        if (a.length > 9) {
            options.put("width", Double.parseDouble(a[8]));
            options.put("anchor", Mc3FamilyTrainer.ANCHOR.parse(a[9]));
        }
        if (a.length > 10) {
            options.put("step-channels", Integer.parseInt(a[10]));
        }
        if (a.length > 12) {
            options.put("mine-every", Integer.parseInt(a[11]));
            options.put("mine-share", Double.parseDouble(a[12]));
        }
        if (a.length > 13) {
            options.put("mine-pool", Integer.parseInt(a[13]));
        }
        if (a.length > 14) {
            options.put("local-frames", Integer.parseInt(a[14]));
        }
        TrainRequest request = new TrainRequest(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]),
                Long.parseLong(a[3]), TrainRequest.DEFAULT_CHECKPOINT_EVERY, options);
        var result = new Mc3FamilyTrainer().train(request, p -> System.err.println(p));
        System.out.println(result);
    }
}
