package io.avlens.models.cavp;

import io.avlens.models.ShippedModel;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** The cavp-small weights this bundle ships in {@code weights/cavp-small/}, registered for {@link io.avlens.models.BuiltinModels}. */
@Component(service = ShippedModel.class)
public final class CavpShippedModel implements ShippedModel {

    private final ShippedModel files = ShippedModel.inWeightsFolder(CavpDescriptor.MODEL_ID, "cavp-small.params",
            CavpShippedModel.class);

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
