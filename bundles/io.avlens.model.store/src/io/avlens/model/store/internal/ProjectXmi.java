package io.avlens.model.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

import io.avlens.model.AvLensPackage;

/**
 * How project files are written and read as XMI. Every project gets its own resource set with the model's package
 * registered locally, so the store works the same inside OSGi, in plain Java and in tests, and never depends on the
 * global EMF registries.
 */
final class ProjectXmi {

    /** The Project element's namespace: the model's nsURI. */
    static final String NAMESPACE = AvLensPackage.eNS_URI;

    /** No document type declarations: a project file never needs one, and they open the door to entity tricks. */
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private ProjectXmi() {
    }

    /** An empty resource for the project file {@code file}, in a fresh resource set. */
    static Resource newResource(Path file) {
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getPackageRegistry().put(AvLensPackage.eNS_URI, AvLensPackage.eINSTANCE);
        resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
        return resourceSet.createResource(URI.createFileURI(file.toAbsolutePath().normalize().toString()));
    }

    /** The project file of a resource made by {@link #newResource}, or null for any other resource. */
    static Path fileOf(Resource resource) {
        if (resource == null || resource.getURI() == null || !resource.getURI().isFile()) {
            return null;
        }
        return Path.of(resource.getURI().toFileString());
    }

    /** Options for reading: unknown elements are errors (not silently dropped), no DTDs. */
    static Map<Object, Object> loadOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.FALSE);
        options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        options.put(XMLResource.OPTION_PARSER_FEATURES, Map.of(DISALLOW_DOCTYPE, Boolean.TRUE));
        return options;
    }

    /**
     * The XMI of {@code resource}: UTF-8, references as readable fragment paths, lines wrapped for diffs.
     *
     * @throws IOException when the model cannot be written, e.g. it refers to an object outside the project
     */
    static byte[] serialize(Resource resource) throws IOException {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 120);
        options.put(XMLResource.OPTION_USE_ENCODED_ATTRIBUTE_STYLE, Boolean.TRUE);
        options.put(XMLResource.OPTION_PROCESS_DANGLING_HREF, XMLResource.OPTION_PROCESS_DANGLING_HREF_THROW);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        resource.save(out, options);
        return out.toByteArray();
    }
}
