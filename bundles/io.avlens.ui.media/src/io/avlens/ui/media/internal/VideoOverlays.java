package io.avlens.ui.media.internal;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.avlens.ui.media.VideoOverlay;

/**
 * The whiteboard of {@link VideoOverlay} services: collects every overlay any bundle registers, also those that come
 * and go later, and tells the Video views when the set changes. Listeners are called on the thread that registered or
 * unregistered the service.
 */
@Component(service = VideoOverlays.class)
public final class VideoOverlays {

    private final List<VideoOverlay> overlays = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addOverlay(VideoOverlay overlay) {
        overlays.add(overlay);
        listeners.forEach(Runnable::run);
    }

    void removeOverlay(VideoOverlay overlay) {
        overlays.remove(overlay);
        listeners.forEach(Runnable::run);
    }

    /** The overlays registered now, by name. */
    public List<VideoOverlay> all() {
        return overlays.stream().sorted(Comparator.comparing(VideoOverlay::name)).toList();
    }

    /** Runs {@code listener} after each overlay added or removed. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
