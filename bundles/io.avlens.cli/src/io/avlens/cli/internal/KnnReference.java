package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The references of {@code avlens bench --knn}, run as a Python process on the same {@code .npy} files: FAISS
 * {@code IndexFlatIP} (single queries, then the whole batch in one call) and NumPy (matmul + argpartition; single
 * queries, then batches of 100), each on the given number of threads. Writes FAISS's batch ids to
 * {@code faiss-ids.npy} so the results can be compared.
 */
final class KnnReference {

    private static final String SCRIPT = """
            import json, sys, time
            import numpy as np
            d, k, runs, batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
            xb = np.load(d + '/base.npy'); xq = np.load(d + '/queries.npy')
            out = {}
            def top(s):
                i = np.argpartition(-s, k)[:k]
                return i[np.argsort(-s[i], kind='stable')]
            def single(f):
                f(xq[0])
                ts = []
                for i in range(runs):
                    t = time.perf_counter(); f(xq[i % len(xq)]); ts.append(time.perf_counter() - t)
                return float(np.median(ts)) * 1000
            out['numpySingleMs'] = single(lambda q: top(xb @ q))
            n = min(len(xq), 100 * batches)
            t = time.perf_counter()
            for b in range(0, n, 100):
                s = xq[b:b + 100] @ xb.T
                i = np.argpartition(-s, k, axis=1)[:, :k]
            out['numpyBatchMsPerQuery'] = (time.perf_counter() - t) * 1000 / n
            out['numpyBatchQueries'] = n
            try:
                import faiss
            except ImportError as e:
                out['faissSkipped'] = 'python3-faiss is not installed: ' + str(e)
                print(json.dumps(out)); sys.exit(0)
            faiss.omp_set_num_threads(int(sys.argv[5]))
            index = faiss.IndexFlatIP(xb.shape[1]); index.add(xb)
            out['faissSingleMs'] = single(lambda q: index.search(q.reshape(1, -1), k))
            t = time.perf_counter()
            _, ids = index.search(xq, k)
            out['faissBatchMsPerQuery'] = (time.perf_counter() - t) * 1000 / len(xq)
            out['faissVersion'] = faiss.__version__
            out['numpyVersion'] = np.__version__
            np.save(d + '/faiss-ids.npy', ids.astype(np.int64))
            print(json.dumps(out))
            """;

    private KnnReference() {
    }

    /** Debian's interpreter first (where python3-faiss installs), else python3 on PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * Runs the references on {@code dir/base.npy} and {@code dir/queries.npy}.
     *
     * @return the timings, or {"skipped": reason} when Python or NumPy cannot run
     */
    static JsonObject run(Path dir, int k, int runs, int batches, int threads) throws InterruptedException {
        try {
            Path script = dir.resolve("reference.py");
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(List.of(python(), script.toString(), dir.toString(),
                    Integer.toString(k), Integer.toString(runs), Integer.toString(batches), Integer.toString(threads)));
            String t = Integer.toString(threads);
            pb.environment().put("OMP_NUM_THREADS", t);
            pb.environment().put("OPENBLAS_NUM_THREADS", t);
            pb.environment().put("MKL_NUM_THREADS", t);
            pb.redirectError(dir.resolve("reference.err").toFile());
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroy();
                return skipped("the Python reference failed: "
                        + Files.readString(dir.resolve("reference.err"), StandardCharsets.UTF_8).strip());
            }
            return JsonParser.parseString(new String(stdout, StandardCharsets.UTF_8).strip()).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            return skipped("Python 3 with NumPy could not run (" + e.getMessage() + ")");
        }
    }

    private static JsonObject skipped(String why) {
        JsonObject o = new JsonObject();
        o.addProperty("skipped", why);
        return o;
    }
}
