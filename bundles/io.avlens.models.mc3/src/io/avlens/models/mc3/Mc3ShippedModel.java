package io.avlens.models.mc3;

import io.avlens.models.ShippedModel;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/**
 * The mc3-small weights this bundle ships in {@code weights/mc3-small/}, registered for
 * {@link io.avlens.models.BuiltinModels} (so {@code avlens models} and runs install them). Immutable.
 */
@Component(service = ShippedModel.class)
public final class Mc3ShippedModel implements ShippedModel {

    /** The weights file's name. */
    public static final String WEIGHTS = Mc3Descriptor.MODEL_ID + ".params";

    private final ShippedModel files = ShippedModel.inWeightsFolder(Mc3Descriptor.MODEL_ID, WEIGHTS,
            Mc3ShippedModel.class);

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
