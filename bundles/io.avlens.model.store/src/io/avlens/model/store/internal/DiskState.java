package io.avlens.model.store.internal;

import java.util.Arrays;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * What the project file held when this in-memory project was last read or written: the exact bytes. A save
 * compares the file on disk with them to notice another program's changes, and a merge reads them back as the
 * common ancestor of both versions. Kept on the project's resource, so the store itself holds no per-project state.
 */
final class DiskState extends AdapterImpl {

    private final byte[] content;

    private DiskState(byte[] content) {
        this.content = content;
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

    /** Records that the project file now holds {@code content}. */
    static void set(Resource resource, byte[] content) {
        resource.eAdapters().removeIf(DiskState.class::isInstance);
        resource.eAdapters().add(new DiskState(content));
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
