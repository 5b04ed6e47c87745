package io.avlens.ui.embeddings.internal;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/**
 * The explorer's selection as the workbench shares it: the view site's selection provider (what the window's
 * selection service answers while the view is active) and the part's e4 selection service (which notifies e4 and the
 * window's listeners, such as the Project Explorer). UI thread.
 */
public final class SharedSelection implements ISelectionProvider {

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private ISelection selection = StructuredSelection.EMPTY;
    private boolean installed;
    private ESelectionService e4;

    /** Also tells e4's selection service of the view's part, which notifies the window's selection listeners. */
    public void setPartService(ESelectionService service) {
        e4 = service;
    }

    /**
     * Makes this the selection provider of the site of view {@code viewId} in the window of {@code control} (once
     * the workbench has wrapped the view; until then, and after, a no-op).
     */
    public void install(org.eclipse.swt.widgets.Control control, String viewId) {
        if (installed) {
            return;
        }
        for (var window : org.eclipse.ui.PlatformUI.getWorkbench().getWorkbenchWindows()) {
            var page = window.getActivePage();
            var view = page == null || window.getShell() != control.getShell() ? null : page.findView(viewId);
            if (view != null) {
                view.getSite().setSelectionProvider(this);
                installed = true;
            }
        }
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener l) {
        listeners.add(l);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener l) {
        listeners.remove(l);
    }

    @Override
    public ISelection getSelection() {
        return selection;
    }

    @Override
    public void setSelection(ISelection s) {
        selection = s == null ? StructuredSelection.EMPTY : s;
        SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(event);
        }
        if (e4 != null) {
            e4.setSelection(selection);
        }
    }
}
