package io.avlens.models.difffoley;

import io.avlens.models.ShippedModel;
import io.avlens.models.cavp.CavpModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The diff-foley-small weights this bundle ships in {@code weights/diff-foley-small/} (denoiser, classifier,
 * descriptor), registered for {@link io.avlens.models.BuiltinModels}; the video part is CAVP-small's shipped weights,
 * read from the CAVP bundle, so both models install the same bytes (same SHA-256). Immutable.
 */
@Component(service = ShippedModel.class)
public final class DiffFoleyShippedModel implements ShippedModel {

    private final ShippedModel files = ShippedModel.inWeightsFolder(DiffFoleyDescriptor.MODEL_ID,
            DiffFoleyDescriptor.DENOISER_WEIGHTS, DiffFoleyShippedModel.class);

    @Override
    public String id() {
        return DiffFoleyDescriptor.MODEL_ID;
    }

    @Override
    public String weightsFile() {
        return DiffFoleyDescriptor.DENOISER_WEIGHTS;
    }

    @Override
    public List<String> weightFiles() {
        return List.of(DiffFoleyDescriptor.VIDEO_WEIGHTS, DiffFoleyDescriptor.DENOISER_WEIGHTS,
                DiffFoleyDescriptor.CLASSIFIER_WEIGHTS);
    }

    @Override
    public InputStream open(String file) throws IOException {
        if (DiffFoleyDescriptor.VIDEO_WEIGHTS.equals(file)) {
            InputStream in = CavpModel.class.getResourceAsStream(CavpModel.BUNDLED_WEIGHTS);
            if (in == null) {
                throw new IOException(CavpModel.BUNDLED_WEIGHTS + " is missing from the CAVP bundle");
            }
            return in;
        }
        return files.open(file);
    }
}
