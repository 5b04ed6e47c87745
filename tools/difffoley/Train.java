import io.avlens.models.difffoley.DiffFoleyFamilyTrainer;
import io.avlens.models.training.TrainRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * The request of {@code avlens train --family diff-foley --data DIR --out OUT --steps N --seed S --batch B
 * --classifier-steps K}, run from a plain classpath (tools/difffoley/classpath.sh) without the product:
 * {@code java -cp "$CP" tools/difffoley/Train.java DIR OUT STEPS SEED BATCH CLASSIFIER_STEPS}. Progress on stderr.
 */
public class Train {
    public static void main(String[] a) throws Exception {
        TrainRequest request = new TrainRequest(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]),
                Long.parseLong(a[3]), TrainRequest.DEFAULT_CHECKPOINT_EVERY,
                Map.of("batch", Integer.parseInt(a[4]), "classifier-steps", Integer.parseInt(a[5])));
        var result = new DiffFoleyFamilyTrainer().train(request, p -> System.err.println(p));
        System.out.println(result);
    }
}
