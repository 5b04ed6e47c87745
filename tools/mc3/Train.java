import io.avlens.models.mc3.Mc3FamilyTrainer;
import io.avlens.models.training.TrainRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * The request of {@code avlens train --family mc3 --data DIR --out OUT --steps N --seed S --consensus W}, run from a
 * plain classpath (tools/mc3/classpath.sh) without the product:
 * {@code java -cp "$CP" tools/mc3/Train.java DIR OUT STEPS SEED CONSENSUS [BATCH]}. Progress every logged row on stderr.
 */
public class Train {
    public static void main(String[] a) throws Exception {
        TrainRequest request = new TrainRequest(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]),
                Long.parseLong(a[3]), TrainRequest.DEFAULT_CHECKPOINT_EVERY,
                a.length > 5 ? Map.of("consensus", Double.parseDouble(a[4]), "batch", Integer.parseInt(a[5]))
                        : Map.of("consensus", Double.parseDouble(a[4])));
        var result = new Mc3FamilyTrainer().train(request, p -> System.err.println(p));
        System.out.println(result);
    }
}
