package io.avlens.model.store.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * What the first element of a project file says: that it is an AV Lens project, and its schema version. Read
 * with a streaming parser before EMF sees the file, so that a file of another kind, or of a newer AV Lens, is
 * reported as such rather than as a confusing parse error deep inside it.
 *
 * @param schemaVersion the {@code schemaVersion} of the Project element
 */
record ProjectFileHeader(int schemaVersion) {

    private static final String NAMESPACE_FAMILY = "http://avlens.io/model/";

    /**
     * Reads the header of {@code content}, the bytes of {@code file}.
     *
     * @throws ProjectStoreException when the file is not XML, not an AV Lens project, of another schema namespace,
     *                               or lacks a readable schema version
     */
    static ProjectFileHeader read(Path file, byte[] content) throws ProjectStoreException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        XMLStreamReader reader = null;
        try {
            // decoded here, not by the parser: the JDK's parser prints "[Fatal Error]" to stderr on bad UTF-8
            int bom = hasUtf8Bom(content) ? 3 : 0;
            reader = factory.createXMLStreamReader(new InputStreamReader(
                    new ByteArrayInputStream(content, bom, content.length - bom), StandardCharsets.UTF_8));
            while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog: declaration, comments, white space
            }
            if (!reader.isStartElement()) {
                throw new ProjectStoreException(file, Problem.MALFORMED,
                        "is damaged or truncated: it holds no XML element", null);
            }
            return fromRoot(file, reader);
        } catch (XMLStreamException e) {
            throw new ProjectStoreException(file, Problem.MALFORMED, looksLikeXml(content)
                    ? "is damaged or truncated: " + XmlErrors.describe(e)
                    : "is not an AV Lens project file: it is not XML (" + XmlErrors.describe(e) + ")", e);
        } finally {
            close(reader);
        }
    }

    private static ProjectFileHeader fromRoot(Path file, XMLStreamReader reader) throws ProjectStoreException {
        String namespace = reader.getNamespaceURI();
        String name = reader.getLocalName();
        if (namespace != null && namespace.startsWith(NAMESPACE_FAMILY) && !namespace.equals(ProjectXmi.NAMESPACE)) {
            throw new ProjectStoreException(file, Problem.NEWER_SCHEMA, "uses the project schema " + namespace
                    + ", which this AV Lens does not know (it reads " + ProjectXmi.NAMESPACE
                    + "); it was probably written by a newer AV Lens. The file was not changed.", null);
        }
        if (!ProjectXmi.NAMESPACE.equals(namespace) || !"Project".equals(name)) {
            throw new ProjectStoreException(file, Problem.NOT_A_PROJECT, "is not an AV Lens project: its root"
                    + " element is " + (namespace == null || namespace.isEmpty() ? "" : "{" + namespace + "}")
                    + name + ", not Project of " + ProjectXmi.NAMESPACE, null);
        }
        String version = reader.getAttributeValue(null, "schemaVersion");
        if (version == null) {
            throw new ProjectStoreException(file, Problem.INVALID_CONTENT,
                    "has no schemaVersion on its Project element, so it cannot be read safely", null);
        }
        try {
            return new ProjectFileHeader(Integer.parseInt(version.strip()));
        } catch (NumberFormatException e) {
            throw new ProjectStoreException(file, Problem.INVALID_CONTENT,
                    "has a schemaVersion that is not a whole number: '" + version + "'", e);
        }
    }

    private static boolean hasUtf8Bom(byte[] content) {
        return content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf;
    }

    /** Whether the content starts like XML (after a byte-order mark and white space). */
    private static boolean looksLikeXml(byte[] content) {
        int i = hasUtf8Bom(content) ? 3 : 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    private static void close(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // reading from memory: nothing to release
        }
    }
}
