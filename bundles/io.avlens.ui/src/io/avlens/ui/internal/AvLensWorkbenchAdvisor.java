package io.avlens.ui.internal;

import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import io.avlens.ui.project.DemoStartup;

/** Opens AV Lens windows on the Explore perspective and remembers their layout between sessions. */
public class AvLensWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(true);
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new AvLensWindowAdvisor(configurer);
    }

    /** With {@code -demo FOLDER} (what {@code ./avlens} passes), opens the demo project, creating it first. */
    @Override
    public void postStartup() {
        IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
        if (window != null) {
            DemoStartup.folder(List.of(Platform.getApplicationArgs())).ifPresent(f -> DemoStartup.open(window, f));
        }
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ExplorePerspective.ID;
    }
}
