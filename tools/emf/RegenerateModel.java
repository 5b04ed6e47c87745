import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;

/**
 * Regenerates an EMF model bundle's code without an IDE (run by tools/emf/regenerate.sh, which supplies the EMF
 * code generator's classpath from Maven Central).
 * <p>
 * Why a scratch copy: EMF's generator writes into "projects" named by platform:/resource URIs and merges with what
 * is already there. Here the bundle's model/ folder is copied into a fresh scratch project, the genmodel is
 * reconciled with the ecore (new classes and features get their GenModel entries), the model code is generated from
 * nothing (no merge, so the output depends on the model alone), and only then are src-gen/, plugin.xml and the
 * reconciled genmodel copied back. Hand-kept files of the bundle (MANIFEST.MF, build.properties) are never touched;
 * a file whose content did not change is not rewritten, so running it twice changes nothing.
 * <p>
 * Usage: {@code java -cp CLASSPATH RegenerateModel.java BUNDLE_DIR} where BUNDLE_DIR holds model/NAME.genmodel.
 */
public final class RegenerateModel {

    private RegenerateModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RegenerateModel BUNDLE_DIR (the folder with model/*.genmodel)");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]).toAbsolutePath().normalize();
        Path genModelFile = onlyGenModel(bundle.resolve("model"));
        String project = bundle.getFileName().toString();
        Path scratch = Files.createTempDirectory("avlens-emf-");
        try {
            Path scratchProject = scratch.resolve(project);
            copyTree(bundle.resolve("model"), scratchProject.resolve("model"));
            generate(project, scratchProject, genModelFile.getFileName().toString());
            int changed = syncTree(scratchProject.resolve("src-gen"), bundle.resolve("src-gen"));
            changed += copyIfChanged(scratchProject.resolve("plugin.xml"), bundle.resolve("plugin.xml"));
            changed += copyIfChanged(scratchProject.resolve("model").resolve(genModelFile.getFileName()), genModelFile);
            System.err.println("regenerate: " + bundle.relativize(bundle.resolve("src-gen")) + " of " + project
                    + " is up to date (" + changed + " file(s) written or removed)");
        } finally {
            deleteTree(scratch);
        }
    }

    private static Path onlyGenModel(Path modelDir) throws IOException {
        try (Stream<Path> files = Files.list(modelDir)) {
            List<Path> genModels = files.filter(p -> p.toString().endsWith(".genmodel")).toList();
            if (genModels.size() != 1) {
                throw new IllegalStateException(modelDir + ": expected exactly one .genmodel, found " + genModels);
            }
            return genModels.get(0);
        }
    }

    /** Reconciles the genmodel with its ecore, checks it, generates the model code and saves the genmodel. */
    private static void generate(String project, Path scratchProject, String genModelName) throws IOException {
        EcorePlugin.getPlatformResourceMap().put(project, URI.createFileURI(scratchProject + "/"));
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new EcoreResourceFactoryImpl());
        resourceSet.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
        // the genmodel uses Ecore's own genmodel for EString, EInt, ...: it is inside the org.eclipse.emf.ecore jar
        String ecoreGenModel = EcorePackage.class.getResource("/model/Ecore.genmodel").toString();
        resourceSet.getURIConverter().getURIMap().put(URI.createURI("platform:/plugin/org.eclipse.emf.ecore/"),
                URI.createURI(ecoreGenModel.substring(0, ecoreGenModel.length() - "model/Ecore.genmodel".length())));

        Resource resource = resourceSet.getResource(
                URI.createPlatformResourceURI(project + "/model/" + genModelName, true), true);
        GenModel genModel = (GenModel) resource.getContents().get(0);
        genModel.reconcile();
        Diagnostic check = genModel.diagnose();
        failOnError("the genmodel is not valid", check);
        genModel.setCanGenerate(true);

        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        Generator generator = new Generator();
        generator.setInput(genModel);
        Diagnostic result = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor());
        failOnError("code generation failed", result);
        resource.save(null);
    }

    private static void failOnError(String what, Diagnostic diagnostic) {
        if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
            StringBuilder message = new StringBuilder("regenerate: " + what + ":\n");
            appendDiagnostic(message, diagnostic, "  ");
            throw new IllegalStateException(message.toString());
        }
    }

    private static void appendDiagnostic(StringBuilder out, Diagnostic diagnostic, String indent) {
        if (diagnostic.getMessage() != null) {
            out.append(indent).append(diagnostic.getMessage()).append('\n');
        }
        if (diagnostic.getException() != null) {
            out.append(indent).append(diagnostic.getException()).append('\n');
        }
        for (Diagnostic child : diagnostic.getChildren()) {
            appendDiagnostic(out, child, indent + "  ");
        }
    }

    /** Makes {@code target} hold exactly the files of {@code source}; returns how many files it wrote or removed. */
    private static int syncTree(Path source, Path target) throws IOException {
        int changed = 0;
        List<Path> wanted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = source.relativize(file);
                wanted.add(relative);
                changed += copyIfChanged(file, target.resolve(relative.toString()));
            }
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.walk(target)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Path relative = target.relativize(file);
                    if (Files.isRegularFile(file) && !wanted.contains(Path.of(relative.toString()))) {
                        Files.delete(file);
                        changed++;
                    } else if (Files.isDirectory(file) && isEmpty(file)) {
                        Files.delete(file);
                    }
                }
            }
        }
        return changed;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static int copyIfChanged(Path from, Path to) throws IOException {
        byte[] content = Files.readAllBytes(from);
        if (Files.isRegularFile(to) && Arrays.equals(content, Files.readAllBytes(to))) {
            return 0;
        }
        Files.createDirectories(to.getParent());
        Files.write(to, content);
        return 1;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
