package io.avlens.ui.internal.about;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.core.about.VersionReport;

/** Help &gt; About AV Lens: the versions of everything AV Lens runs on. */
public class AboutHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        VersionReport report = window.getService(VersionReport.class);
        if (report == null) {
            throw new ExecutionException("The version service is not running (io.avlens.core did not start).");
        }
        new AboutDialog(window.getShell(), report.versions()).open();
        return null;
    }
}
