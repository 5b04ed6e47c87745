package io.avlens.models.denseav;

import io.avlens.models.ShippedModel;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/**
 * The denseav-small weights this bundle ships in {@code weights/denseav-small/}, registered for
 * {@link io.avlens.models.BuiltinModels} (so {@code avlens models} and runs install them). Immutable.
 */
@Component(service = ShippedModel.class)
public final class DenseAvShippedModel implements ShippedModel {

    /** The weights file's name. */
    public static final String WEIGHTS = DenseAvDescriptor.MODEL_ID + ".params";

    private final ShippedModel files = ShippedModel.inWeightsFolder(DenseAvDescriptor.MODEL_ID, WEIGHTS,
            DenseAvShippedModel.class);

    @Override
    public String id() {
        return files.id();
    }

    @Override
    public String weightsFile() {
        return files.weightsFile();
    }

    @Override
    public InputStream open(String file) throws IOException {
        return files.open(file);
    }
}
