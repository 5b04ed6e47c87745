package io.avlens.core.about;

import java.util.List;

/** All component versions of the running AV Lens, gathered from every {@link ComponentVersionProvider}. */
public interface VersionReport {

    /**
     * The versions in a stable order: AV Lens, Java, the Eclipse platform and OSGi first, then the others by key.
     * Later providers never replace an earlier key.
     */
    List<ComponentVersion> versions();
}
