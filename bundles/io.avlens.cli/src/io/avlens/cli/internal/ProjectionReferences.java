package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Runs the reference projections (scikit-learn, umap-learn) on a .npy file with the system's Python, for
 * {@code avlens bench --projection}: each one named in {@link #SCRIPT}'s {@code run} is timed after a small warm-up
 * run (imports, numba compilation) and its layout saved as {@code NAME.npy} beside the data.
 */
final class ProjectionReferences {

    /** Python: argv = data.npy, output folder, comma-separated names; prints {name: {seconds, reference} | {skipped}}. */
    static final String SCRIPT = """
            import json, sys, time
            import numpy as np
            x = np.load(sys.argv[1])
            def run(name, data):
                if name == "pca":
                    import sklearn
                    from sklearn.decomposition import PCA
                    return PCA(n_components=2).fit_transform(data), "scikit-learn %s PCA(n_components=2)" % sklearn.__version__
                if name == "umap":
                    import umap, importlib.metadata
                    version = importlib.metadata.version("umap-learn")
                    return (umap.UMAP(n_neighbors=15, min_dist=0.1).fit_transform(data),
                            "umap-learn %s UMAP(n_neighbors=15, min_dist=0.1), no random_state (its parallel mode)" % version)
                raise ImportError("no reference projection named " + name)
            result = {}
            for name in sys.argv[3].split(","):
                try:
                    run(name, x[:min(len(x), 2000)])
                    start = time.perf_counter()
                    y, what = run(name, x)
                    seconds = time.perf_counter() - start
                    np.save("%s/%s.npy" % (sys.argv[2], name), np.asarray(y, dtype=np.float32))
                    result[name] = {"seconds": seconds, "reference": what}
                except Exception as e:
                    result[name] = {"skipped": "%s: %s" % (type(e).__name__, e)}
            print(json.dumps(result))
            """;

    private ProjectionReferences() {
    }

    /**
     * A Python that imports NumPy: {@code $AVLENS_PYTHON}, else {@code python3} on PATH, else
     * {@code /usr/bin/python3} (Debian's, where python3-sklearn and umap-learn install); null when none does.
     */
    static String python() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("AVLENS_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy, sklearn").redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Runs the named references on the data; their layouts land in {@code folder}. */
    static JsonObject run(String python, Path data, Path folder, List<String> names)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", SCRIPT, data.toString(), folder.toString(),
                String.join(",", names)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        if (rc != 0 || !last.startsWith("{")) {
            throw new IOException(python + " exited with " + rc + " without results: " + last);
        }
        return JsonParser.parseString(last).getAsJsonObject();
    }
}
