package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.models.denseav.DenseAvHeatmapTask;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.DenseAvHeatmapsCommand;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.core.runtime.FileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * DenseAV-small's per-clip work as a plain Java library: {@link DenseAvHeatmaps#main} in a child JVM whose classpath
 * holds only the jars of the bundles it needs and no OSGi framework writes the same features as
 * {@link DenseAvHeatmaps} inside this framework.
 */
class DenseAvPlainClasspathTest {

    private static final List<String> BUNDLES = List.of("io.avlens.core", "io.avlens.media", "io.avlens.lib.javacv",
            "io.avlens.inference", "io.avlens.inference.djl", "io.avlens.lib.djl", "io.avlens.analysis",
            "io.avlens.runner", "io.avlens.models", "io.avlens.models.denseav");
    private static final String[][] LIBRARIES = {{"io.avlens.inference", "com.google.gson.Gson"},
            {"io.avlens.media", "org.jtransforms.fft.FloatFFT_1D"},
            {"io.avlens.media", "org.visnow.jlargearrays.FloatLargeArray"},
            {"io.avlens.runner", "org.eclipse.core.runtime.IProgressMonitor"}};

    @TempDir
    Path dir;

    @Test
    void theFeaturesOfAClipAreTheSameFromAPlainClasspath() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media")).resolve("clip-00000.mp4");
        try (InputStream in = getClass().getResourceAsStream("/resources/avshapes-speech/clip-00000.mp4")) {
            Files.copy(in, media);
        }
        DenseFeatures here;
        try (DenseAvHeatmaps dense = DenseAvHeatmaps.shipped(dir.resolve("models"), 0)) {
            here = dense.compute(media, dir.resolve("here")).features();
        }
        BundleContext context = FrameworkUtil.getBundle(DenseAvPlainClasspathTest.class).getBundleContext();
        Path classLog = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classLog,
                "-Davlens.data=" + System.getProperty("avlens.data", dir.resolve("data").toString()),
                "-Dai.djl.pytorch.num_interop_threads=1"));
        String javacpp = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (javacpp != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacpp);
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath(context).stream()
                .map(Path::toString).toList()), DenseAvHeatmaps.class.getName(), "--clip", media.toString(),
                "--model", dir.resolve("models/denseav-small/model.json").toString(), "--out",
                dir.resolve("plain").toString()));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        assertThat(child.exitValue()).as(Files.readString(err)).isZero();

        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(json.get("frames").getAsInt()).isEqualTo(32);
        assertThat(json.get("heads").getAsInt()).isEqualTo(2);
        assertThat(json.get("audioStep").getAsDouble()).isEqualTo(0.125);
        DenseFeatures plain = DenseFeatureFiles.read(dir.resolve("plain"));
        assertThat(plain.image().toArray()).containsExactly(here.image().toArray());
        assertThat(plain.audio().toArray()).containsExactly(here.audio().toArray());
        assertThat(plain.voicedMask()).containsExactly(here.voicedMask());
        String loaded = Files.readString(classLog);
        assertThat(loaded).contains(" io.avlens.models.denseav.DenseAvHeatmapTask ");
        assertThat(loaded).doesNotContain(" org.osgi.", " org.eclipse.osgi.", " org.apache.felix.");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(DenseAvHeatmapsCommand.run(new String[] {"--clip", "a.mp4"}, stream, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out DIR are required");
        Path none = dir.resolve("none.json");
        assertThat(DenseAvHeatmapsCommand.run(new String[] {"--clip", "a.mp4", "--out", dir.toString(), "--model",
            none.toString()}, stream, stream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(none.toString());
    }

    private static List<Path> classpath(BundleContext context) throws Exception {
        Set<Bundle> bundles = new LinkedHashSet<>();
        for (String name : BUNDLES) {
            bundles.add(bundle(context, name));
        }
        for (String[] library : LIBRARIES) {
            bundles.add(FrameworkUtil.getBundle(bundle(context, library[0]).loadClass(library[1])));
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

    private static Path location(Bundle b, String entry) throws IOException {
        if (entry.equals(".")) {
            return FileLocator.getBundleFileLocation(b).orElseThrow().toPath();
        }
        URL url = b.getEntry(entry);
        return Path.of(FileLocator.toFileURL(url).getPath());
    }
}
