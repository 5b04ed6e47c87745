package io.avlens.models.training;

import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;

/**
 * The descriptor JSON a family's trainer writes beside built-in weights: the descriptor itself, each input and
 * output annotated with its dtype and meaning, and the provenance fields the descriptor reader ignores (format,
 * engine, trainable values). The family adds its {@code training} block (and any evaluation) to the result.
 * Stateless.
 */
public final class TrainedDescriptors {

    private TrainedDescriptors() {
    }

    /**
     * @param meanings   a sentence per input and output name
     * @param parameters trainable values ({@link BlockParameters#trainableCount})
     */
    public static JsonObject json(ModelDescriptor descriptor, Map<String, String> meanings, long parameters) {
        JsonObject o = ModelDescriptors.toJson(descriptor);
        for (String list : new String[] {"inputs", "outputs"}) {
            for (JsonElement e : o.getAsJsonArray(list)) {
                JsonObject t = e.getAsJsonObject();
                t.addProperty("dtype", "float32");
                t.addProperty("meaning", meanings.get(t.get("name").getAsString()));
            }
        }
        o.addProperty("format", "djl-block-params");
        o.addProperty("engine", "PyTorch (DJL 0.35.1)");
        o.addProperty("parameters", parameters);
        return o;
    }
}
