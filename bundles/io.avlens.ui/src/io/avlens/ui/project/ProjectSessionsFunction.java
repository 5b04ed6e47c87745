package io.avlens.ui.project;

import org.eclipse.e4.core.contexts.ContextFunction;
import org.eclipse.e4.core.contexts.IContextFunction;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.avlens.model.store.ProjectStore;

/**
 * Supplies {@link ProjectSessions} to injection: the first request creates the workbench's instance in the
 * application context, where every later request finds it; the project store comes from Declarative Services.
 */
@Component(service = IContextFunction.class,
        property = IContextFunction.SERVICE_CONTEXT_KEY + "=io.avlens.ui.project.ProjectSessions")
public final class ProjectSessionsFunction extends ContextFunction {

    private ProjectStore store;

    @Reference
    void setStore(ProjectStore store) {
        this.store = store;
    }

    @Override
    public Object compute(IEclipseContext context, String contextKey) {
        MApplication application = context.get(MApplication.class);
        if (application == null) {
            return null;
        }
        IEclipseContext applicationContext = application.getContext();
        ProjectSessions sessions = applicationContext.getLocal(ProjectSessions.class);
        if (sessions == null) {
            sessions = new ProjectSessions(store);
            applicationContext.set(ProjectSessions.class, sessions);
        }
        return sessions;
    }
}
