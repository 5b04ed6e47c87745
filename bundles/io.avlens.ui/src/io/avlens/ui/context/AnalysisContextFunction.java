package io.avlens.ui.context;

import org.eclipse.e4.core.contexts.ContextFunction;
import org.eclipse.e4.core.contexts.IContextFunction;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.component.annotations.Component;

import io.avlens.ui.project.ProjectClipLinks;
import io.avlens.ui.project.ProjectSessions;

/**
 * Supplies {@link AnalysisContexts} to injection: the first request creates the application's instance and stores
 * it in the application context, where every later request finds it, and links it to the open projects
 * ({@link ProjectClipLinks}). No static state: each workbench (and each UI
 * test workbench) has its own.
 */
@Component(service = IContextFunction.class,
        property = IContextFunction.SERVICE_CONTEXT_KEY + "=io.avlens.ui.context.AnalysisContexts")
public final class AnalysisContextFunction extends ContextFunction {

    @Override
    public Object compute(IEclipseContext context, String contextKey) {
        MApplication application = context.get(MApplication.class);
        if (application == null) {
            return null;
        }
        IEclipseContext applicationContext = application.getContext();
        AnalysisContexts contexts = applicationContext.getLocal(AnalysisContexts.class);
        if (contexts == null) {
            contexts = new AnalysisContexts(applicationContext, applicationContext.get(IEventBroker.class),
                    Display.getDefault());
            applicationContext.set(AnalysisContexts.class, contexts);
            ProjectSessions sessions = applicationContext.get(ProjectSessions.class);
            if (sessions != null) { // clips of open projects keep their bookmarks in the project
                new ProjectClipLinks(sessions, contexts);
            }
        }
        return contexts;
    }
}
