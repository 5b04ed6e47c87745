package io.avlens.core.about;

import java.util.Objects;

/**
 * The version of one component AV Lens runs on, for the About dialog and {@code avlens version}.
 *
 * @param key     stable machine-readable key, the JSON field name: {@code java}, {@code eclipse}, {@code djl}
 * @param name    human-readable name: "Java", "Eclipse Platform"
 * @param version the version as the component reports it
 * @param detail  extra facts (vendor, build, location), may be empty
 */
public record ComponentVersion(String key, String name, String version, String detail) {

    /** @throws NullPointerException when a component is null */
    public ComponentVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(detail, "detail");
    }
}
