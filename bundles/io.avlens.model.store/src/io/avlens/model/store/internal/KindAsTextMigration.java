package io.avlens.model.store.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.avlens.model.store.ProjectMigration;

/**
 * Schema 1 to 2: {@code Experiment.kind} was an enum whose default, {@code similarity}, was never written; it is
 * now free text (the kind of an installed task) without a default, so an experiment without a {@code kind}
 * attribute gets {@code kind="similarity"} written out. The other enum literals are already their strings. Schema 2
 * also adds {@code Run.clipResults} and {@code Artifact.clip}/{@code model}, which older files simply lack. Built
 * into the store, so every file of schema 1 opens.
 */
final class KindAsTextMigration implements ProjectMigration {

    /** The kind schema 1 meant by an experiment without a {@code kind} attribute. */
    static final String DEFAULT_KIND = "similarity";

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public void migrate(Document document) {
        NodeList children = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element e && "experiments".equals(e.getLocalName() == null ? e.getTagName()
                    : e.getLocalName()) && !e.hasAttribute("kind")) {
                e.setAttribute("kind", DEFAULT_KIND);
            }
        }
    }
}
