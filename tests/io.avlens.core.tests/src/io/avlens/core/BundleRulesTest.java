package io.avlens.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The architecture rule: bundles that are not UI bundles ({@code io.avlens.*} but not {@code io.avlens.ui*}) must
 * not depend on a toolkit (SWT, JFace, the workbench, e4 UI, JFreeChart), neither in their manifest nor through a
 * Java import, so that the CLI and headless services run without a display. The repository root comes from the
 * system property {@code avlens.repo}.
 */
class BundleRulesTest {

    /** Prefixes of forbidden bundle and package names: {@code org.eclipse.ui} covers every {@code org.eclipse.ui*}. */
    static final List<String> FORBIDDEN = List.of("org.eclipse.swt", "org.eclipse.jface", "org.eclipse.ui",
            "org.eclipse.e4.ui", "org.jfree");

    /** The manifest headers that name other bundles or packages. */
    static final List<String> HEADERS = List.of("Import-Package", "Require-Bundle", "DynamicImport-Package");

    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.\\s*]*?)\\s*;",
            Pattern.MULTILINE);

    /** One forbidden dependency: where it is, and what it names. */
    record Violation(String bundle, String file, String name) {
        @Override
        public String toString() {
            return bundle + ": " + file + " -> " + name;
        }
    }

    @Test
    void coreBundlesDoNotDependOnUiToolkits() throws IOException {
        Path repo = repositoryRoot();
        List<Path> bundles = coreBundles(repo);
        List<Violation> violations = new ArrayList<>();
        int javaFiles = 0;

        for (Path bundle : bundles) {
            String name = bundle.getFileName().toString();
            Path manifest = bundle.resolve("META-INF/MANIFEST.MF");
            assertThat(manifest).as("manifest of %s", name).isRegularFile();
            try (InputStream in = Files.newInputStream(manifest)) {
                violations.addAll(checkManifest(name, repo.relativize(manifest).toString(), in));
            }
            for (String sourceFolder : List.of("src", "src-gen")) {
                Path folder = bundle.resolve(sourceFolder);
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                List<Path> sources;
                try (Stream<Path> files = Files.walk(folder)) {
                    sources = files.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
                }
                for (Path source : sources) {
                    javaFiles++;
                    violations.addAll(checkJavaSource(name, repo.relativize(source).toString(),
                            Files.readString(source, StandardCharsets.UTF_8)));
                }
            }
        }

        assertThat(bundles.stream().map(p -> p.getFileName().toString()).toList())
                .as("core bundles scanned under %s", repo.resolve("bundles")).contains("io.avlens.core")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(javaFiles).as("Java files scanned").isGreaterThan(10);
        if (!violations.isEmpty()) {
            fail("Non-UI bundles must not use SWT, JFace, the Eclipse UI, e4 UI or JFreeChart; move this code to an "
                    + "io.avlens.ui* bundle:\n  " + violations.stream().map(Violation::toString)
                            .collect(Collectors.joining("\n  ")));
        }
    }

    @Test
    void uiBundlesAreExemptAndOthersAreScanned() throws IOException {
        Path repo = repositoryRoot();
        List<String> names = coreBundles(repo).stream().map(p -> p.getFileName().toString()).toList();

        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("io.avlens.").doesNotStartWith("io.avlens.ui"));
        try (Stream<Path> all = Files.list(repo.resolve("bundles"))) {
            List<String> expected = all.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("io.avlens.") && !n.startsWith("io.avlens.ui")).sorted().toList();
            assertThat(names).as("every non-UI bundle is checked").containsExactlyElementsOf(expected);
        }
    }

    // the checker detects what it must (no vacuity)

    @Test
    void theManifestCheckFindsUiDependencies() throws IOException {
        String manifest = """
                Manifest-Version: 1.0
                Bundle-SymbolicName: io.avlens.bad
                Import-Package: org.osgi.framework;version="[1.9.0,2.0.0)",
                 org.eclipse.swt.widgets;version="3.0.0",
                 org.eclipse.e4.ui.model.application;resolution:=optional,
                 org.jfree.chart
                Require-Bundle: org.eclipse.core.runtime;bundle-version="3.30.0",
                 org.eclipse.ui.workbench,org.eclipse.jface;visibility:=reexport
                DynamicImport-Package: org.eclipse.swt.*
                """;

        List<Violation> found = checkManifest("io.avlens.bad", "META-INF/MANIFEST.MF",
                new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));

        assertThat(names(found)).containsExactlyInAnyOrder("org.eclipse.swt.widgets",
                "org.eclipse.e4.ui.model.application", "org.jfree.chart", "org.eclipse.ui.workbench",
                "org.eclipse.jface", "org.eclipse.swt.*");
        assertThat(found).allSatisfy(v -> assertThat(v.toString()).startsWith("io.avlens.bad: META-INF/MANIFEST.MF "));
        assertThat(found.stream().map(Violation::toString).toList())
                .contains("io.avlens.bad: META-INF/MANIFEST.MF Import-Package -> org.jfree.chart")
                .contains("io.avlens.bad: META-INF/MANIFEST.MF Require-Bundle -> org.eclipse.ui.workbench");
    }

    @Test
    void theManifestCheckAcceptsHeadlessDependencies() throws IOException {
        String manifest = """
                Manifest-Version: 1.0
                Import-Package: org.osgi.framework;version="[1.9.0,2.0.0)",org.eclipse.e4.core.di.annotations,
                 org.eclipse.core.runtime;version="3.7.0",javax.inject
                Require-Bundle: org.eclipse.equinox.common,org.eclipse.e4.core.contexts
                """;

        assertThat(checkManifest("io.avlens.ok", "m", new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    @Test
    void clauseNamesRespectQuotesAndAttributes() {
        assertThat(clauseNames("a.b;version=\"[1.0,2.0)\", c.d;e.f;resolution:=optional,g"))
                .containsExactly("a.b", "c.d", "e.f", "g");
        assertThat(clauseNames(null)).isEmpty();
    }

    @Test
    void theSourceCheckFindsUiImports() {
        String source = """
                package io.avlens.bad;

                import java.util.List;
                import org.eclipse.swt.widgets.Display;
                import static org.eclipse.jface.dialogs.MessageDialog.openError;
                  import org.eclipse.ui.PlatformUI ;
                import org.eclipse.e4.ui.di.UISynchronize;
                import org.jfree.chart.*;
                import org.eclipse.core.runtime.IStatus;

                class Bad {
                    // import org.eclipse.swt.graphics.Image; in a comment is not an import
                    String s = "import org.eclipse.swt.SWT;";
                }
                """;

        List<Violation> found = checkJavaSource("io.avlens.bad", "src/io/avlens/bad/Bad.java", source);

        assertThat(names(found)).containsExactly("org.eclipse.swt.widgets.Display",
                "org.eclipse.jface.dialogs.MessageDialog.openError", "org.eclipse.ui.PlatformUI",
                "org.eclipse.e4.ui.di.UISynchronize", "org.jfree.chart.*");
        assertThat(found.get(0)).hasToString("io.avlens.bad: src/io/avlens/bad/Bad.java -> org.eclipse.swt.widgets.Display");
    }

    @Test
    void forbiddenNames() {
        assertThat(forbidden("org.eclipse.swt")).isTrue();
        assertThat(forbidden("org.eclipse.swt.graphics")).isTrue();
        assertThat(forbidden("org.eclipse.ui")).isTrue();
        assertThat(forbidden("org.eclipse.ui.forms")).isTrue();
        assertThat(forbidden("org.eclipse.ui.workbench")).isTrue();
        assertThat(forbidden("org.eclipse.jface.text")).isTrue();
        assertThat(forbidden("org.eclipse.e4.ui.workbench")).isTrue();
        assertThat(forbidden("org.jfree.chart")).isTrue();
        assertThat(forbidden("org.eclipse.core.runtime")).isFalse();
        assertThat(forbidden("org.eclipse.e4.core.di")).isFalse();
        assertThat(forbidden("org.eclipse.equinox.common")).isFalse();
        assertThat(forbidden("io.avlens.ui.views")).as("our own UI bundles are named by the bundle filter").isFalse();
    }

    // the checker

    static Path repositoryRoot() {
        String root = System.getProperty("avlens.repo");
        if (root == null || root.isBlank()) {
            return fail("system property avlens.repo (the repository root) is not set; the surefire configuration "
                    + "of io.avlens.core.tests sets it, set it by hand elsewhere: -Davlens.repo=/path/to/repo");
        }
        Path repo = Path.of(root).toAbsolutePath().normalize();
        assertThat(repo.resolve("bundles")).as("avlens.repo=%s must hold bundles/", root).isDirectory();
        return repo;
    }

    /** The {@code bundles/io.avlens.*} folders that are not {@code io.avlens.ui*}, sorted. */
    static List<Path> coreBundles(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("bundles"))) {
            return s.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("io.avlens.") && !n.startsWith("io.avlens.ui");
            }).sorted().toList();
        }
    }

    static List<Violation> checkManifest(String bundle, String file, InputStream manifest) throws IOException {
        Attributes main = new Manifest(manifest).getMainAttributes();
        List<Violation> result = new ArrayList<>();
        for (String header : HEADERS) {
            for (String name : clauseNames(main.getValue(header))) {
                if (forbidden(name)) {
                    result.add(new Violation(bundle, file + " " + header, name));
                }
            }
        }
        return result;
    }

    static List<Violation> checkJavaSource(String bundle, String file, String source) {
        List<Violation> result = new ArrayList<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String name = m.group(1).replaceAll("\\s+", "");
            if (forbidden(name)) {
                result.add(new Violation(bundle, file, name));
            }
        }
        return result;
    }

    private static List<String> names(List<Violation> violations) {
        return violations.stream().map(Violation::name).toList();
    }

    static boolean forbidden(String name) {
        return FORBIDDEN.stream().anyMatch(name::startsWith);
    }

    /**
     * The bundle or package names of an OSGi header: clauses are separated by commas, a clause's names by
     * semicolons, and parameters ({@code version="[1,2)"}, {@code resolution:=optional}) are not names; quoted
     * values may hold commas and semicolons.
     */
    static List<String> clauseNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (quoted || (c != ',' && c != ';')) {
                part.append(c);
                continue;
            }
            String t = part.toString().strip();
            if (!t.isEmpty() && !t.contains("=")) {
                names.add(t);
            }
            part.setLength(0);
        }
        return names;
    }
}
