package io.avlens.model.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * What the project file held when this in-memory project was last read or written: the exact bytes. A save
 * compares the file on disk with them to notice another program's changes, and a merge reads them back as the
 * common ancestor of both versions. Kept on the project's resource, so the store itself holds no per-project state.
 * <p>
 * It also keeps the file's size and modification time from just before those bytes were read (or just after they
 * were written), so a watcher polling on the UI thread only reads the file when they changed.
 */
final class DiskState extends AdapterImpl {

    private final byte[] content;
    private final String stamp;

    private DiskState(byte[] content, String stamp) {
        this.content = content;
        this.stamp = stamp;
    }

    /** The file's size and modification time, or null when it cannot be read. */
    static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the file's size and modification time are still those recorded with its bytes. */
    static boolean sameStamp(Resource resource, Path file) {
        for (Object adapter : resource.eAdapters()) {
            if (adapter instanceof DiskState state) {
                return state.stamp != null && state.stamp.equals(stamp(file));
            }
        }
        return false;
    }

    /** The bytes the project file held when {@code resource} was last read or written, or null if unknown. */
    static byte[] of(Resource resource) {
        for (Object adapter : resource.eAdapters()) {
            if (adapter instanceof DiskState state) {
                return state.content;
            }
        }
        return null;
    }

    /**
     * Records that the project file now holds {@code content}, with the file's {@link #stamp} taken before it was read
     * (or after it was written).
     */
    static void set(Resource resource, byte[] content, String stamp) {
        resource.eAdapters().removeIf(DiskState.class::isInstance);
        resource.eAdapters().add(new DiskState(content, stamp));
    }

    /**
     * Whether {@code current} (the file's bytes now; null when it cannot be read) differs from what {@code resource}
     * was read from.
     */
    static boolean differs(Resource resource, byte[] current) {
        byte[] base = of(resource);
        return base != null && current != null && !Arrays.equals(base, current);
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == DiskState.class;
    }
}
