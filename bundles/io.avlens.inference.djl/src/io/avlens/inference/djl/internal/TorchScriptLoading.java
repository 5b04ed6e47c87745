package io.avlens.inference.djl.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.Model;

/**
 * How every TorchScript file is loaded, in one place so the service and the benchmark that measures it load alike:
 * {@code mapLocation} (a file saved from a GPU loads on the CPU and the other way round) and {@code trainParam}
 * (weights as ordinary tensors, not libtorch "inference tensors", which no gradient of an engine program can pass
 * through), with the weights frozen so a gradient with respect to an input does not accumulate into them.
 */
public final class TorchScriptLoading {

    private TorchScriptLoading() {
    }

    /** Loads {@code file} into {@code model}. */
    public static void load(Model model, Path file) throws IOException, MalformedModelException {
        model.load(file.toAbsolutePath(), null, Map.of("mapLocation", "true", "trainParam", "true"));
        model.getBlock().freezeParameters(true);
    }
}
