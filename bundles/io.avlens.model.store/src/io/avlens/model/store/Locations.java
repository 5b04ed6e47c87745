package io.avlens.model.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Locations in a project: a path relative to the project folder with '/' separators (so a project folder can be
 * moved or copied whole), or an absolute URI for files elsewhere ({@code file:/data/clips/a.mp4}). Stateless.
 */
public final class Locations {

    private Locations() {
    }

    /**
     * The file a location points at.
     *
     * @throws IllegalArgumentException when the location is blank, an absolute URI that is not a file URI, or a
     *                                  malformed one
     */
    public static Path resolve(Path projectFolder, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("the location is empty");
        }
        if (isAbsoluteUri(location)) {
            URI uri;
            try {
                uri = new URI(location);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + location + "' is not a valid URI: " + e.getReason(), e);
            }
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("'" + location + "' is not a file location (only file: URIs and"
                        + " paths relative to the project folder are supported)");
            }
            try {
                return Path.of(uri).normalize();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + location + "' is not a valid file URI: " + e.getMessage(), e);
            }
        }
        if (location.startsWith("/") || location.contains("\\")) {
            throw new IllegalArgumentException("'" + location + "' is neither relative to the project folder"
                    + " (with '/' separators) nor an absolute URI");
        }
        return projectFolder.resolve(location).normalize();
    }

    /**
     * The location of {@code file}: relative to the project folder when the file is inside it, else its absolute
     * {@code file:} URI.
     */
    public static String of(Path projectFolder, Path file) {
        Path folder = projectFolder.toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(folder) && !absolute.equals(folder)) {
            StringBuilder relative = new StringBuilder();
            for (Path part : folder.relativize(absolute)) {
                relative.append(relative.isEmpty() ? "" : "/").append(part);
            }
            // a file named like "take:1.mp4" must not read as a URI with the scheme "take"
            return isAbsoluteUri(relative.toString()) ? "./" + relative : relative.toString();
        }
        return absolute.toUri().toString();
    }

    /** Whether the location is an absolute URI (has a scheme of two or more letters, so "C:" does not count). */
    static boolean isAbsoluteUri(String location) {
        int colon = location.indexOf(':');
        if (colon < 2) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = location.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
