package io.avlens.ui.context;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.function.Consumer;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.resource.DeviceResourceException;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * Pins a view to one clip, as Trace Compass's "Pin View" and "New View": a pinned view keeps showing its clip when
 * another becomes active, and goes on following its clip's own {@link AnalysisContext} (its cursor, selection and
 * paired audio time), so two instances side by side compare two clips, each at its own time. The part's title names
 * the pinned clip. A pin whose clip was closed lets go: the view follows the active clip again. UI thread.
 */
public final class ClipPin {

    /** Platform UI's pin icon, for a view's "Pin" button. */
    public static final String PIN_ICON = "platform:/plugin/org.eclipse.ui/icons/full/etool16/pin_editor.png";
    /** Platform UI's new-view icon, for a view's "New View" button. */
    public static final String NEW_VIEW_ICON = "platform:/plugin/org.eclipse.ui/icons/full/etool16/new_fastview.png";

    private final MPart part;
    private final String label;
    private AnalysisContext pinned;

    /** @param part the view's part, whose label names the pinned clip; null for none */
    public ClipPin(MPart part) {
        this.part = part;
        this.label = part == null ? null : part.getLabel();
    }

    /** Whether the view is pinned to an open clip. */
    public boolean isPinned() {
        return pinned != null && !pinned.isClosed();
    }

    /** The clip the view is pinned to, or null. */
    public AnalysisContext pinned() {
        return isPinned() ? pinned : null;
    }

    /** The clip the view shows while {@code active} is the active one: its pinned clip while open, else active. */
    public AnalysisContext follow(AnalysisContext active) {
        if (pinned != null && pinned.isClosed()) {
            unpin();
        }
        return pinned != null ? pinned : active;
    }

    /** Pins the view to {@code clip} (null: unpins). */
    public void pin(AnalysisContext clip) {
        pinned = clip;
        if (part != null && label != null) {
            part.setLabel(clip == null ? label : label + " · " + clip.title() + " (pinned)");
            part.setTooltip(clip == null ? null : label + " pinned to " + clip.file());
        }
    }

    /** Lets the view follow the active clip again. */
    public void unpin() {
        pin(null);
    }

    /**
     * Opens another instance of the view {@code viewId} (which allows several) beside it, with the next free
     * secondary id, and returns its part object.
     *
     * @throws PartInitException when the view cannot be created
     */
    public static <T> T openInstance(IWorkbenchPage page, String viewId, Class<T> type) throws PartInitException {
        int n = 2;
        while (page.findViewReference(viewId, String.valueOf(n)) != null) {
            n++;
        }
        IViewPart view = page.showView(viewId, String.valueOf(n), IWorkbenchPage.VIEW_ACTIVATE);
        return view.getAdapter(type);
    }

    /**
     * Gives a button the icon at {@code url} (one of this class's), or the text {@code fallback} where the icon
     * cannot be read.
     */
    public static void icon(ResourceManager resources, String url, Consumer<Image> image, Consumer<String> text,
            String fallback) {
        try {
            image.accept(resources.create(ImageDescriptor.createFromURL(URI.create(url).toURL())));
        } catch (MalformedURLException | IllegalArgumentException | DeviceResourceException e) {
            text.accept(fallback);
        }
    }
}
