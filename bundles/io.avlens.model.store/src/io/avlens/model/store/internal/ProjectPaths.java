package io.avlens.model.store.internal;

import org.eclipse.emf.ecore.EObject;

/** Where an object is in a project, for the store's exported checks (see {@link ObjectPaths}). Stateless. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The object's path, e.g. {@code experiments[sync]/parameters[temperature]}; empty for the project. */
    public static String of(EObject object) {
        return ObjectPaths.of(object);
    }
}
