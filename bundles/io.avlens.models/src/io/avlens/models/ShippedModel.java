package io.avlens.models;

import java.io.IOException;
import java.io.InputStream;

/**
 * One model whose files a bundle ships (an OSGi service; the bundle of a family registers one per model): the
 * weights file and the descriptor, read through the registering bundle's class loader. {@link BuiltinModels} copies
 * every registered one into a models folder, so a new family bundle adds its shipped weights without editing a
 * list. Implementations are immutable.
 */
public interface ShippedModel {

    /** The model id, which is also its folder name in a models folder, e.g. {@code cavp-small}. */
    String id();

    /** The weights file's name, e.g. {@code cavp-small.params}. */
    String weightsFile();

    /**
     * Every weights file of the model: {@link #weightsFile()} for a model of one file, one per part for a model made
     * of parts (each is installed beside the descriptor).
     */
    default java.util.List<String> weightFiles() {
        return java.util.List.of(weightsFile());
    }

    /**
     * Opens a shipped file: one of {@link #weightFiles()} or {@code <id>.json} (the descriptor).
     *
     * @throws IOException naming the file and the bundle when it is missing
     */
    InputStream open(String file) throws IOException;

    /**
     * A model shipped as {@code /weights/<id>/<weights>} and {@code /weights/<id>/<id>.json} beside {@code anchor}
     * (a class of the shipping bundle, whose class loader reads them, inside OSGi or on a plain classpath).
     */
    static ShippedModel inWeightsFolder(String id, String weights, Class<?> anchor) {
        return new ShippedModel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String weightsFile() {
                return weights;
            }

            @Override
            public InputStream open(String file) throws IOException {
                String resource = "/weights/" + id + "/" + file;
                InputStream in = anchor.getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException(resource + " is missing from the bundle of " + anchor.getName() + " ("
                            + anchor.getProtectionDomain().getCodeSource() + ")");
                }
                return in;
            }
        };
    }
}
