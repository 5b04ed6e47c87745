package io.avlens.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.core.io.FileTrees;
import io.avlens.model.store.internal.XmiProjectStore;

/**
 * Small AV-Shapes datasets made once per test JVM through the public API, and readers of what they hold. The
 * tests only read the files (MP4 through io.avlens.media, sidecars, .npy), never the generator's internals.
 */
final class GeneratedDatasets {

    static final long SEED = 20_251_122;
    static final int CLIPS = 8;
    static final double LAG_RANGE = 0.4;

    private static Path root;

    private GeneratedDatasets() {
    }

    /** Synchronised clips, two threads. */
    static synchronized Path synced() {
        return make("synced", SynthSpec.of(CLIPS, SEED));
    }

    /** The same scenes with lags drawn in ±{@value #LAG_RANGE} s. */
    static synchronized Path lagged() {
        return make("lagged", SynthSpec.of(CLIPS, SEED).withLagRange(LAG_RANGE));
    }

    /** The synchronised dataset again, on one thread. */
    static synchronized Path again() {
        return make("again", SynthSpec.of(CLIPS, SEED).withThreads(1));
    }

    /** Clips with the spoken-word track. */
    static synchronized Path spoken() {
        return make("spoken", SynthSpec.of(3, SEED + 1).withSpeech(true));
    }

    private static Path make(String name, SynthSpec spec) {
        try {
            if (root == null) {
                Path made = Files.createTempDirectory("avshapes-tests");
                // deleteOnExit removes only an empty folder; these hold about 30 MB of clips per test run
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(made)));
                root = made;
            }
            Path out = root.resolve(name);
            if (!Files.isDirectory(out)) {
                new AvShapesGenerator(new XmiProjectStore()).generate(spec, out, SynthProgress.NONE);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path video(Path dataset, int i) {
        return dataset.resolve("media").resolve(String.format("clip-%05d.mp4", i));
    }

    static Path file(Path dataset, int i, String suffix) {
        return dataset.resolve("media").resolve(String.format("clip-%05d%s", i, suffix));
    }

    static JsonObject sidecar(Path dataset, int i) {
        try {
            return JsonParser.parseString(Files.readString(file(dataset, i, ".json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonObject> events(JsonObject sidecar, String... types) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : sidecar.getAsJsonArray("events")) {
            String type = e.getAsJsonObject().get("type").getAsString();
            if (types.length == 0 || List.of(types).contains(type)) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }
}
