package io.avlens.model.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import io.avlens.model.store.ProjectMigration;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * Runs the chain of {@link ProjectMigration}s that brings a file's XML from its schema version to the current one,
 * in memory: the file itself is only rewritten when the migrated project is saved (and then its old version is
 * kept as the backup).
 */
final class SchemaMigrator {

    private final int targetVersion;
    private final List<ProjectMigration> migrations;

    SchemaMigrator(int targetVersion, List<ProjectMigration> migrations) {
        this.targetVersion = targetVersion;
        this.migrations = List.copyOf(migrations);
    }

    /** The bytes of {@code file} (schema {@code version}) migrated to the target version. */
    byte[] migrate(Path file, byte[] content, int version) throws ProjectStoreException {
        Document document = parse(file, content);
        for (int v = version; v < targetVersion; v++) {
            ProjectMigration step = find(v);
            if (step == null) {
                throw new ProjectStoreException(file, Problem.MIGRATION_FAILED, "was written with project schema"
                        + " version " + version + "; this AV Lens (version " + targetVersion
                        + ") has no migration from version " + v + " to " + (v + 1) + ". The file was not changed.",
                        null);
            }
            try {
                step.migrate(document);
            } catch (Exception e) {
                throw new ProjectStoreException(file, Problem.MIGRATION_FAILED, "could not be migrated from schema"
                        + " version " + v + " to " + (v + 1) + ": " + e.getMessage() + ". The file was not changed.",
                        e);
            }
            document.getDocumentElement().setAttribute("schemaVersion", Integer.toString(v + 1));
        }
        return serialize(file, document);
    }

    private ProjectMigration find(int fromVersion) {
        return migrations.stream().filter(m -> m.fromVersion() == fromVersion).findFirst().orElse(null);
    }

    private static Document parse(Path file, byte[] content) throws ProjectStoreException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throw on fatal errors, print nothing
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            throw new ProjectStoreException(file, Problem.MALFORMED,
                    "is damaged or truncated: " + XmlErrors.describe(e), e);
        } catch (Exception e) {
            throw new ProjectStoreException(file, Problem.MALFORMED, "cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static byte[] serialize(Path file, Document document) throws ProjectStoreException {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new ProjectStoreException(file, Problem.MIGRATION_FAILED,
                    "could not be written out after migration: " + e.getMessage(), e);
        }
    }
}
