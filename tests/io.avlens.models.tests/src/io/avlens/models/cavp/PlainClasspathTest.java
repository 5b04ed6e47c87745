package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.eclipse.core.runtime.FileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * CAVP-small's per-clip work runs as a plain Java library (what a Spark executor would do): the similarity of a
 * lagged AV-Shapes clip through the DS-wired runner inside OSGi, then through {@link CavpSimilarity#main} in a child
 * JVM whose classpath holds only the jars of the bundles it needs (their {@code lib/*.jar} included) and no OSGi
 * framework, with the same lag and the same volume.
 */
class PlainClasspathTest {

    /** The bundles of the per-clip path, as on a Spark job's classpath. */
    private static final List<String> BUNDLES = List.of("io.avlens.core", "io.avlens.media", "io.avlens.lib.javacv",
            "io.avlens.inference", "io.avlens.inference.djl", "io.avlens.lib.djl", "io.avlens.analysis",
            "io.avlens.runner", "io.avlens.models", "io.avlens.models.cavp");

    /** Third-party libraries, each found through a class one of these bundles loads: {bundle, class}. */
    private static final String[][] LIBRARIES = {{"io.avlens.inference", "com.google.gson.Gson"},
            {"io.avlens.media", "org.jtransforms.fft.FloatFFT_1D"},
            {"io.avlens.media", "org.visnow.jlargearrays.FloatLargeArray"},
            {"io.avlens.runner", "org.eclipse.core.runtime.IProgressMonitor"}};

    private static final String CLIP = "clip-00000";

    @TempDir
    Path dir;

    @Test
    void theSimilarityOfAClipIsTheSameFromAPlainClasspathWithoutOsgi() throws Exception {
        Path media = copyClip();
        BuiltinModels.Installed installed = BuiltinModels.of(new CavpShippedModel()).install(dir.resolve("models")).stream()
                .filter(m -> m.id().equals(CavpDescriptor.MODEL_ID)).findFirst().orElseThrow();
        var descriptor = ModelDescriptors.read(installed.descriptor());
        ModelRef model = new ModelRef(descriptor, installed.descriptor(),
                ModelDescriptors.verifiedWeights(installed.descriptor(), descriptor));

        // the product's path: the runner service, with the task and the inference service DS found for it
        BundleContext context = FrameworkUtil.getBundle(CavpSimilarity.class).getBundleContext();
        ServiceTracker<ModelRunner, ModelRunner> tracker = new ServiceTracker<>(context, ModelRunner.class, null);
        tracker.open();
        ClipOutcome osgi;
        FloatTensor osgiVolume;
        try {
            ModelRunner runner = tracker.waitForService(20_000);
            assertThat(runner).as("the DS-wired runner").isNotNull();
            osgi = runner.runClip(new ClipRequest(CavpSimilarityTask.KIND, model, new ClipRef(CLIP, media), Map.of(),
                    0), RunSettings.defaults(dir.resolve("data")).withCacheFolder(null), null);
            assertThat(osgi.state()).as(osgi.message()).isEqualTo(RunState.SUCCEEDED);
            osgiVolume = SimilarityFiles.readNpy(osgi.folder().resolve("similarity.npy"));
        } finally {
            tracker.close();
        }
        deleteTree(osgi.folder()); // without a cache the outcome's folder is the caller's to delete
        assertThat(osgi.metrics().get("withinOneFrame")).as("the fixture's lag is found").isEqualTo(1.0);

        List<Path> classpath = classpath(context);
        for (Path entry : classpath) {
            assertThat(holds(entry, "org/osgi/framework/FrameworkUtil.class")).as("%s holds OSGi", entry).isFalse();
        }
        Path npy = dir.resolve("plain.npy");
        Path classLog = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classLog,
                "-Davlens.data=" + System.getProperty("avlens.data", dir.resolve("data").toString()),
                "-Dai.djl.pytorch.num_interop_threads=1"));
        String javacpp = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (javacpp != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacpp);
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString)
                .toList()), CavpSimilarity.class.getName(), "--clip", media.toString(), "--model",
                installed.descriptor().toString(), "--out", npy.toString()));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        String stderr = Files.readString(err);
        assertThat(child.exitValue()).as(stderr).isZero();

        JsonObject plain = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(plain.get("lagSeconds").getAsDouble()).isEqualTo(osgi.metrics().get("lagSeconds"));
        assertThat(plain.get("confidence").getAsDouble()).isCloseTo(osgi.metrics().get("confidence"),
                within(1e-5));
        FloatTensor plainVolume = SimilarityFiles.readNpy(npy);
        assertThat(plainVolume.shape()).containsExactly(osgiVolume.shape()).containsExactly(32, 32);
        for (int i = 0; i < osgiVolume.size(); i++) {
            assertThat(plainVolume.getFlat(i)).as("cell %d", i).isCloseTo(osgiVolume.getFlat(i), within(1e-5f));
        }

        // the child ran the real classes, and not one class of OSGi
        String loaded = Files.readString(classLog);
        assertThat(loaded).contains(" io.avlens.models.cavp.CavpSimilarityTask ",
                " io.avlens.inference.djl.internal.CpuInferenceService ", " ai.djl.pytorch.engine.PtEngine ");
        assertThat(loaded).doesNotContain(" org.osgi.", " org.eclipse.osgi.", " org.apache.felix.");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(CavpSimilarityCommand.run(new String[] {"--max-lag", "1"}, stream, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--clip FILE is required");
        Path missing = dir.resolve("missing.mp4");
        assertThat(CavpSimilarityCommand.run(new String[] {"--clip", missing.toString(), "--model",
                dir.resolve("none.json").toString()}, stream, stream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(dir.resolve("none.json").toString());
    }

    private Path copyClip() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("media"));
        for (String ext : new String[] {".mp4", ".json"}) {
            try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-lagged/" + CLIP + ext)) {
                Files.copy(in, folder.resolve(CLIP + ext));
            }
        }
        return folder.resolve(CLIP + ".mp4");
    }

    /** The jars and folders of {@link #BUNDLES} and {@link #LIBRARIES} in this framework, inner jars extracted. */
    private static List<Path> classpath(BundleContext context) throws Exception {
        Set<Bundle> bundles = new LinkedHashSet<>();
        for (String name : BUNDLES) {
            bundles.add(bundle(context, name));
        }
        for (String[] library : LIBRARIES) {
            Bundle provider = FrameworkUtil.getBundle(bundle(context, library[0]).loadClass(library[1]));
            assertThat(provider).as("the bundle of %s", library[1]).isNotNull();
            bundles.add(provider);
        }
        List<Path> entries = new ArrayList<>();
        for (Bundle b : bundles) {
            String header = b.getHeaders("").get("Bundle-ClassPath");
            for (String entry : header == null ? new String[] {"."} : header.split(",")) {
                entries.add(location(b, entry.split(";")[0].trim()));
            }
        }
        return entries;
    }

    private static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    /** A Bundle-ClassPath entry as a file: the bundle's own jar or folder for ".", else the (extracted) inner jar. */
    private static Path location(Bundle b, String entry) throws IOException {
        if (entry.equals(".")) {
            return FileLocator.getBundleFileLocation(b).orElseThrow(
                    () -> new AssertionError("bundle " + b.getSymbolicName() + " has no file")).toPath();
        }
        URL url = b.getEntry(entry);
        assertThat(url).as("%s of %s", entry, b.getSymbolicName()).isNotNull();
        return Path.of(FileLocator.toFileURL(url).getPath());
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean holds(Path entry, String resource) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(resource));
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.getEntry(resource) != null;
        }
    }
}
