package io.avlens.model.store;

import org.w3c.dom.Document;

/**
 * Brings a project file from one schema version to the next. Registered as an OSGi service; the store chains
 * them when it opens a file older than its {@link ProjectStore#schemaVersion()}, each working on the XML document
 * the previous one left (so a migration can rename, move or drop elements the current model no longer knows).
 * The store sets the {@code schemaVersion} attribute after each step; the file on disk is not changed.
 */
public interface ProjectMigration {

    /** The version this migration reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /**
     * Rewrites {@code document} (the whole project file) in place.
     *
     * @throws Exception when the document cannot be migrated; the store reports it naming the file and versions
     */
    void migrate(Document document) throws Exception;
}
